package io.qonduit.emulator.oqc

import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.JobCoroutines
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import java.time.Instant

/**
 * Moves each submitted task through `SUBMITTED` → `RUNNING` → `COMPLETED`/`FAILED`: queued for
 * [EmulatorConfig.queuedDelay], running for [EmulatorConfig.runningDelay], then simulated. A cancel
 * before completion wins: every transition re-checks the status under the state lock. Timings are
 * recorded under OQC's stage names.
 */
internal class OqcTaskRunner(
    private val state: OqcEmulatorState,
    private val config: EmulatorConfig,
    scope: CoroutineScope,
) {
    private val coroutines = JobCoroutines(scope)

    fun start(task: OqcTaskRecord) {
        coroutines.start(task.id) { lifecycle(task) }
    }

    fun stop(taskId: String) {
        coroutines.stop(taskId)
    }

    private suspend fun lifecycle(task: OqcTaskRecord) {
        delay(config.queuedDelay.toMillis())
        val (program, configText, qpu) = state.locked {
            if (task.status != OqcTaskStates.SUBMITTED) return
            task.status = OqcTaskStates.RUNNING
            val now = Instant.now()
            task.timings["SERVER_DEQUEUED"] = now
            task.timings["RECEIVER_DEQUEUED"] = now
            task.timings["RECEIVER_TO_SCC"] = now
            Triple(task.program!!, task.config!!, state.qpu(task.qpuId))
        }
        delay(config.runningDelay.toMillis())
        val outcome = OqcTaskExecutor(config.seed?.plus(task.sequence)).execute(program, configText, qpu)
        state.locked {
            if (task.status != OqcTaskStates.RUNNING) return
            val now = Instant.now()
            task.timings["RECEIVER_FROM_SCC"] = now
            task.timings["RECEIVER_ENQUEUED"] = now
            task.executionMetadata = outcome.executionMetadata
            if (outcome.results != null) {
                task.results = outcome.results
                task.status = OqcTaskStates.COMPLETED
            } else {
                task.errorCode = outcome.errorCode
                task.errorMessage = outcome.errorMessage
                task.status = OqcTaskStates.FAILED
            }
        }
    }
}
