package io.qonduit.local

import io.qonduit.backend.ErrorData
import io.qonduit.backend.ResultData
import io.qonduit.backend.TaskReport
import io.qonduit.job.Diagnostics
import io.qonduit.job.JobState
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import kotlin.time.Duration

/** One task's lifecycle; every transition is atomic, and cancellation wins over completion. */
internal class LocalTask(private val id: String) {
    private var state = JobState.QUEUED
    private var result: ResultData? = null
    private var error: ErrorData? = null
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

    @Synchronized
    fun finish(outcome: Result<ResultData>, elapsed: Duration) {
        if (state.isTerminal) return
        finishedAt = Instant.now()
        simulationMillis = elapsed.inWholeMilliseconds
        outcome.onSuccess { result = it; state = JobState.COMPLETED }
            .onFailure { error = ErrorData(it.message ?: it.toString()); state = JobState.FAILED }
    }

    @Synchronized
    fun cancel(): Boolean {
        if (state.isTerminal) return false
        state = JobState.CANCELLED
        finishedAt = Instant.now()
        return true
    }

    @Synchronized
    fun report(): TaskReport = TaskReport(state, state.name, result = result, error = error)

    @Synchronized
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
