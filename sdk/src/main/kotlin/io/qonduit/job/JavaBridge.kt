package io.qonduit.job

import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture
import kotlin.time.toKotlinDuration

/**
 * Runs suspend operations for Java callers. Cancelling a returned future cancels the operation; a
 * failure completes the future exceptionally with the original exception as cause.
 */
internal object JavaBridge {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO + CoroutineName("qonduit-java"))

    fun <T> future(block: suspend CoroutineScope.() -> T): CompletableFuture<T> = scope.future(block = block)
}

/** Converts a Java [java.time.Duration] (null = no limit) to a Kotlin one. */
internal fun java.time.Duration?.toKotlinOrNull(): kotlin.time.Duration? = this?.toKotlinDuration()
