package io.qonduit

/** Stand-in with the same name as the SDK's marker (this module cannot depend on the SDK). */
@RequiresOptIn
@Retention(AnnotationRetention.BINARY)
annotation class QonduitInternalApi
