package io.qonduit

/**
 * Marks declarations that are public only so that other Qonduit modules can use them. They are not
 * part of the supported API: they may change or disappear in any release, and the API dump leaves
 * them out. Opt in with `@OptIn(QonduitInternalApi::class)` only inside Qonduit.
 */
@RequiresOptIn(message = "Qonduit-internal API: may change without notice.", level = RequiresOptIn.Level.ERROR)
@Retention(AnnotationRetention.BINARY)
@Target(
    AnnotationTarget.CLASS, AnnotationTarget.FUNCTION, AnnotationTarget.PROPERTY,
    AnnotationTarget.CONSTRUCTOR, AnnotationTarget.TYPEALIAS,
)
public annotation class QonduitInternalApi
