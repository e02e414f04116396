package io.qonduit.emulator.qpi

import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.JobCoroutines
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import java.time.Duration
import java.time.Instant

/**
 * Moves each submitted job through `pending` → `running` → `completed`/`failed`, like QPI's
 * dispatcher and driver: wait [EmulatorConfig.queuedDelay], wait for its QPU to be online, run for
 * [EmulatorConfig.runningDelay], then simulate. A cancel at any point before completion wins:
 * every transition re-checks the status under the state lock.
 */
internal class QpiJobRunner(
    private val state: QpiEmulatorState,
    private val config: EmulatorConfig,
    scope: CoroutineScope,
) {
    private val coroutines = JobCoroutines(scope)

    fun start(job: JobRecord) {
        coroutines.start(job.id) { lifecycle(job) }
    }

    /** Stops the job's coroutine; the caller has already marked the job cancelled. */
    fun stop(jobId: String) {
        coroutines.stop(jobId)
    }

    private suspend fun lifecycle(job: JobRecord) {
        delay(config.queuedDelay.toMillis())
        var qpu: QpuRecord? = null
        while (qpu == null) {
            qpu = state.locked {
                if (job.status != JobStatus.PENDING) return
                dispatchTarget(job)
            }
            if (qpu == null) delay(OFFLINE_POLL_MILLIS)
        }
        val startedAt = state.locked {
            if (job.status != JobStatus.PENDING) return
            job.status = JobStatus.RUNNING
            job.updated = Instant.now()
            job.updated
        }
        delay(config.runningDelay.toMillis())
        val seed = config.seed?.plus(job.sequence)
        val results = QpiJobExecutor(seed).execute(job.payload, qpu.name, qpu.numQubits)
        state.locked {
            if (job.status != JobStatus.RUNNING) return
            val now = Instant.now()
            job.status = if ("error" in results) JobStatus.FAILED else JobStatus.COMPLETED
            job.results = results
            job.finishedAt = now
            job.updated = now
            job.duration = Duration.between(startedAt, now).toMillis() / MILLIS_PER_SECOND
            val user = state.users[job.userId]
            if (user != null) {
                user.qpuSeconds -= job.duration
                user.updated = now
            }
        }
    }

    /**
     * The QPU to run [job] on now: its target, if online. QPI's scheduler picks jobs per QPU with
     * `qpu_target = {:qpu}`, so a job without a target waits for ever (until cancelled).
     */
    private fun dispatchTarget(job: JobRecord): QpuRecord? = state.qpuById(job.qpuTarget)?.takeIf { it.enabled }

    private companion object {
        const val OFFLINE_POLL_MILLIS = 20L
        const val MILLIS_PER_SECOND = 1000.0
    }
}
