package io.qonduit.emulator.qibo

import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.JobCoroutines
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * Moves each job through `queueing` → `pending` → `running` → `postprocessing` → `success` |
 * `error` (qibo.md §3): it is `queueing` for [EmulatorConfig.queuedDelay], then `pending` in its
 * partition's line for at least another [EmulatorConfig.queuedDelay] (the scheduler's pick-up, so
 * every status is seen); a partition runs one job at a time, oldest first, and only while it is
 * available. A job runs for [EmulatorConfig.runningDelay] and post-processes (the archive is
 * written) for [EmulatorConfig.queuedDelay]. A delete at any point wins: every step re-checks the
 * job under the state lock.
 */
internal class QiboJobRunner(
    private val state: QiboEmulatorState,
    private val config: EmulatorConfig,
    scope: CoroutineScope,
) {
    private val coroutines = JobCoroutines(scope)

    fun start(job: QiboJobRecord) {
        coroutines.start(job.pid) { lifecycle(job) }
    }

    fun stop(pid: String) {
        coroutines.stop(pid)
    }

    /** Jobs of [partition] still waiting (`queueing` or `pending`), oldest first. Call under the lock. */
    fun line(partition: QiboPartition): List<QiboJobRecord> = state.jobs.values
        .filter { it.partition === partition && (it.status == QiboStatus.QUEUEING || it.status == QiboStatus.PENDING) }
        .sortedBy { it.sequence }

    /**
     * The job's place in its partition's line (1 = next to run) and the estimated seconds until it
     * starts: every job ahead, and this one's turn, takes one run plus post-processing **(estimate
     * inferred; the service's formula is not public)**; null while the partition is unavailable.
     * Both null once the job has left the line. Call under the lock.
     */
    fun queueInfo(job: QiboJobRecord): Pair<Int?, Double?> {
        val index = line(job.partition).indexOf(job)
        if (index < 0) return null to null
        val position = index + 1
        val perJob = (config.runningDelay.toMillis() + config.queuedDelay.toMillis()) / MILLIS_PER_SECOND
        return position to if (job.partition.available) position * perJob else null
    }

    private suspend fun lifecycle(job: QiboJobRecord) {
        delay(config.queuedDelay.toMillis())
        state.locked {
            if (job.status != QiboStatus.QUEUEING) return
            job.status = QiboStatus.PENDING
            job.updatedAt = wireNow()
        }
        delay(config.queuedDelay.toMillis())
        while (true) {
            val started = state.locked {
                if (job.status != QiboStatus.PENDING) return
                if (job.partition.available && busy(job.partition).not() && line(job.partition).firstOrNull() === job) {
                    job.status = QiboStatus.RUNNING
                    job.updatedAt = wireNow()
                    true
                } else {
                    false
                }
            }
            if (started) break
            delay(WAIT_POLL_MILLIS)
        }
        val startedAt = Instant.now()
        delay(config.runningDelay.toMillis())
        val coroutine = currentCoroutineContext()[Job]
        val outcome = QiboExecutor(config.seed?.plus(job.sequence)) { coroutine?.isActive == false }
            .run(job.circuit, job.nshots, job.partition.isHardware)
        val runtime = Duration.between(startedAt, Instant.now()).toMillis() / MILLIS_PER_SECOND
        state.locked {
            if (job.status != QiboStatus.RUNNING) return
            job.status = QiboStatus.POSTPROCESSING
            job.updatedAt = wireNow()
        }
        delay(config.queuedDelay.toMillis())
        val archive = QiboResultArchive.build(outcome, Instant.now())
        state.locked {
            if (job.status != QiboStatus.POSTPROCESSING) return
            job.archive = archive
            job.archiveKbs = archive.size / BYTES_PER_KB
            job.outcome = outcome
            job.runtime = runtime
            job.user.kbsLeft -= job.archiveKbs
            job.quota.secondsLeft -= runtime
            job.status = if (outcome.succeeded) QiboStatus.SUCCESS else QiboStatus.ERROR
            job.updatedAt = wireNow()
        }
    }

    /** Whether a job of [partition] is running or post-processing. Call under the lock. */
    private fun busy(partition: QiboPartition): Boolean = state.jobs.values.any {
        it.partition === partition && (it.status == QiboStatus.RUNNING || it.status == QiboStatus.POSTPROCESSING)
    }

    companion object {
        private const val WAIT_POLL_MILLIS = 10L
        private const val MILLIS_PER_SECOND = 1000.0
        private const val BYTES_PER_KB = 1024.0
    }
}

/** Now, at the precision the wire carries (microseconds). */
internal fun wireNow(): Instant = Instant.now().truncatedTo(ChronoUnit.MICROS)
