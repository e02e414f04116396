package io.qonduit.dsl.oqtant

/**
 * Marks the scopes of the Oqtant experiment DSL, so an inner block cannot silently call a builder of an
 * outer one (e.g. `barrier { barrier { } }` does not compile).
 */
@DslMarker
@Target(AnnotationTarget.CLASS)
public annotation class OqtantDsl
