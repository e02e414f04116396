package io.qonduit.emulator.oqtopus

import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.JobCoroutines
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.time.Duration
import java.time.Instant

/**
 * Moves each submitted job through `submitted` → `ready` → `running` → `succeeded`/`failed`, like
 * the OQTOPUS engine (oqtopus.md §5): after [EmulatorConfig.queuedDelay] the engine picks it up
 * (`ready`) once its device is available, after another [EmulatorConfig.queuedDelay] it runs, and
 * after [EmulatorConfig.runningDelay] its output files are written to storage. A cancel at any
 * point wins: every transition re-checks the status under the state lock; a running job passes
 * through `cancelling` for [EmulatorConfig.queuedDelay] before it is `cancelled`.
 */
internal class OqtopusJobRunner(
    private val state: OqtopusEmulatorState,
    private val config: EmulatorConfig,
    scope: CoroutineScope,
) {
    private val coroutines = JobCoroutines(scope)

    fun start(job: OqtopusJobRecord) {
        coroutines.start(job.id) { lifecycle(job) }
    }

    /** Stops the job's coroutine; the caller has already changed its status. */
    fun stop(jobId: String) {
        coroutines.stop(jobId)
    }

    /** A running job was asked to cancel: it is `cancelling` now, and `cancelled` shortly after. */
    fun finishCancel(job: OqtopusJobRecord) {
        coroutines.stop(job.id)
        coroutines.start(job.id) {
            delay(config.queuedDelay.toMillis())
            state.locked {
                if (job.status == JobStatus.CANCELLING) {
                    job.status = JobStatus.CANCELLED
                    job.endedAt = wireNow()
                }
            }
        }
    }

    private suspend fun lifecycle(job: OqtopusJobRecord) {
        delay(config.queuedDelay.toMillis())
        while (true) {
            val picked = state.locked {
                if (job.status != JobStatus.SUBMITTED) return
                val device = state.devices[job.deviceId]
                if (device != null && device.status == "available") {
                    job.status = JobStatus.READY
                    job.readyAt = wireNow()
                    true
                } else {
                    false
                }
            }
            if (picked) break
            delay(OFFLINE_POLL_MILLIS)
        }
        delay(config.queuedDelay.toMillis())
        val request = state.locked {
            if (job.status != JobStatus.READY) return
            job.status = JobStatus.RUNNING
            job.runningAt = wireNow()
            val device = state.devices.getValue(job.deviceId!!)
            ExecutionRequest(job.id, job.jobType!!, job.shots!!, job.input!!, job.transpilerInfo, device.nQubits, device.id, job.simulatorInfo)
        }
        val startedAt = Instant.now()
        delay(config.runningDelay.toMillis())
        // simulator_info.seed_simulation (as OQTOPUS' simulators take it) seeds this job; else the emulator's seed + job number.
        val seed = seedSimulation(request.simulatorInfo) ?: config.seed?.plus(job.sequence)
        // The simulation stops within one operation once the job's coroutine is cancelled (cancel, delete, close).
        val coroutine = currentCoroutineContext()[Job]
        val outcome = OqtopusJobExecutor(seed) { coroutine?.isActive == false }.execute(request)
        state.locked {
            if (job.status != JobStatus.RUNNING) return
            val now = wireNow()
            if (job.inline) job.outcome = outcome else writeOutputs(job, outcome)
            job.status = if (outcome.succeeded) JobStatus.SUCCEEDED else JobStatus.FAILED
            job.message = outcome.message
            job.endedAt = now
            job.executionTime = Duration.between(startedAt, now).toMillis() / MILLIS_PER_SECOND
        }
    }

    /** Stores each output as a one-file zip under `<job id>/<name>.zip`, as the engine uploads them. */
    private fun writeOutputs(job: OqtopusJobRecord, outcome: ExecutionOutcome) {
        fun store(item: String, entry: String, content: String) {
            val key = "${job.id}/$item.zip"
            state.storage.put(key, OqtopusStorage.zipOne(entry, content.toByteArray(Charsets.UTF_8)))
            job.outputs[item] = key
        }
        outcome.combinedProgram?.let { store("combined_program", "combined_program.json", JsonPrimitive(it).toString()) }
        outcome.transpileResult?.let { store("transpile_result", "transpile_result.json", it.toString()) }
        outcome.result?.let { store("result", "result.json", it.toString()) }
        outcome.sseLog?.let { store("sse_log", SSE_LOG_ENTRY, it) }
    }

    private fun seedSimulation(info: JsonObject?): Long? {
        val value = info?.get("seed_simulation") as? JsonPrimitive ?: return null
        if (value.isString) return null
        return value.content.toLongOrNull()
    }

    companion object {
        /** The file name of the SSE log inside its one-file zip (both flows). */
        const val SSE_LOG_ENTRY = "sse_log.log"
        private const val OFFLINE_POLL_MILLIS = 20L
        private const val MILLIS_PER_SECOND = 1000.0
    }
}
