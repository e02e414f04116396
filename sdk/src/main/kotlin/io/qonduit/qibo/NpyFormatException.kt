package io.qonduit.qibo

import io.qonduit.errors.QonduitException

/**
 * A `.npy` file (or the pickle inside an object array) could not be read.
 *
 * @property problem what is wrong, e.g. `bad magic`, `unsupported version 4.0`, `truncated data`
 */
public class NpyFormatException @JvmOverloads constructor(
    public val problem: String,
    cause: Throwable? = null,
) : QonduitException("not a readable .npy file: $problem", cause)
