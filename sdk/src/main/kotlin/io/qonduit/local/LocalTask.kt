package io.qonduit.local

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.ErrorData
import io.qonduit.backend.ResultData
import io.qonduit.backend.TaskReport
import io.qonduit.job.Diagnostics
import io.qonduit.job.JobState
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import kotlin.time.Duration

/**
 * One task's lifecycle; every transition is atomic, the first terminal state wins, and cancellation
 * (by the user or by closing the backend) wins over a completion that comes later.
 */
internal class LocalTask(private val id: String) {
    private var state = JobState.QUEUED
    private var result: ResultData? = null
    private var error: ErrorData? = null
    private var message: String? = null
    private val queuedAt = Instant.now()
    private var startedAt: Instant? = null
    private var finishedAt: Instant? = null
    private var simulationMillis: Long? = null
    var run: kotlinx.coroutines.Job? = null

    @Synchronized
    fun start(): Boolean {
        if (state != JobState.QUEUED) return false
        state = JobState.RUNNING
        startedAt = Instant.now()
        return true
    }

    /** COMPLETED with [data], unless already terminal. */
    @Synchronized
    fun complete(data: ResultData, elapsed: Duration) {
        if (end(JobState.COMPLETED, elapsed)) result = data
    }

    /** FAILED with [reason] as the error message, unless already terminal. */
    @Synchronized
    fun fail(reason: String, elapsed: Duration? = null) {
        if (end(JobState.FAILED, elapsed)) error = ErrorData(reason)
    }

    /** CANCELLED, with [why] as the status message; false when already terminal. */
    @Synchronized
    fun cancel(why: String? = null): Boolean {
        if (!end(JobState.CANCELLED, null)) return false
        message = why
        return true
    }

    private fun end(terminal: JobState, elapsed: Duration?): Boolean {
        if (state.isTerminal) return false
        state = terminal
        finishedAt = Instant.now()
        elapsed?.let { simulationMillis = it.inWholeMilliseconds }
        return true
    }

    @Synchronized
    fun report(): TaskReport = TaskReport(state, state.name, message = message, result = result, error = error)

    @Synchronized
    @OptIn(QonduitInternalApi::class)
    fun diagnostics(): Diagnostics = Diagnostics(
        timings = buildJsonObject {
            put("QUEUED", queuedAt.toString())
            startedAt?.let { put("STARTED", it.toString()) }
            finishedAt?.let { put("FINISHED", it.toString()) }
        },
        metrics = buildJsonObject { simulationMillis?.let { put("simulation_ms", it) } },
        metadata = buildJsonObject {
            put("id", id)
            put("backend", LocalBackend.PROVIDER)
        },
    )
}
