package io.qonduit.errors

/**
 * Root of every error Qonduit raises. Unchecked, so it travels through lambdas, futures and flows.
 *
 * Messages never contain credentials: they name fields, limits, HTTP statuses and paths only.
 */
public open class QonduitException @JvmOverloads constructor(
    message: String,
    cause: Throwable? = null,
) : RuntimeException(message, cause)
