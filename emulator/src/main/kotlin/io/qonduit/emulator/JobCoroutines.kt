package io.qonduit.emulator

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import java.util.concurrent.ConcurrentHashMap

/**
 * The running lifecycle coroutine of each emulated job, by job id, so that a cancel or delete can
 * stop it. Every provider's job runner uses one; all run in the emulator's scope and end with it.
 */
internal class JobCoroutines(private val scope: CoroutineScope) {
    private val active = ConcurrentHashMap<String, Job>()

    /** Runs [lifecycle] for job [id]; it is forgotten when it ends. */
    fun start(id: String, lifecycle: suspend () -> Unit) {
        val handle = scope.launch { lifecycle() }
        active[id] = handle
        handle.invokeOnCompletion { active.remove(id) }
    }

    /** Stops job [id]'s lifecycle, if it is still running. */
    fun stop(id: String) {
        active.remove(id)?.cancel()
    }
}
