package io.qonduit.qibo

import io.qonduit.errors.QonduitException

/**
 * A result archive was refused: nothing of it is left in the results folder.
 *
 * @property entry the archive entry at fault, or null when the archive as a whole is
 * @property limit the rule it broke, e.g. `no path traversal`, `at most 64 entries`, `at most 268435456 bytes in total`
 */
public class QiboArchiveException @JvmOverloads constructor(
    public val entry: String?,
    public val limit: String,
    cause: Throwable? = null,
) : QonduitException(if (entry == null) "result archive refused: $limit" else "result archive refused at entry '$entry': $limit", cause)
