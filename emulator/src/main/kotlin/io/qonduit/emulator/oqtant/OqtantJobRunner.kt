package io.qonduit.emulator.oqtant

import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.JobCoroutines
import io.qonduit.emulator.OqtantMatter
import io.qonduit.matter.MatterSettings
import io.qonduit.matter.MatterSimulator
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.serialization.json.JsonObject
import java.time.Instant
import java.util.Random

/**
 * Moves each job PENDING → RUNNING → COMPLETE: [EmulatorConfig.queuedDelay] in the queue,
 * [EmulatorConfig.oqtantRunningDelay] (else [EmulatorConfig.runningDelay]) running, then every run's output from the model
 * [EmulatorConfig.oqtantMatter] selects: the analytic one ([MatterModel], [MatterImages]) or the
 * Gross–Pitaevskii simulator ([MatterSimulator], [gpeOutputValues]; raw images from its OD with seeded
 * probe noise). Jobs run one at a time, like the single QPU. A cancel or delete
 * at any point wins: every transition re-checks the status under the state lock.
 */
internal class OqtantJobRunner(
    private val state: OqtantEmulatorState,
    private val config: EmulatorConfig,
    scope: CoroutineScope,
) {
    private val coroutines = JobCoroutines(scope)
    private val qpu = kotlinx.coroutines.sync.Mutex()
    private val simulator = MatterSimulator(MatterSettings(finiteTemperature = true))

    fun start(job: OqtantJobRecord) {
        coroutines.start(job.externalId) { lifecycle(job) }
    }

    fun stop(externalId: String) {
        coroutines.stop(externalId)
    }

    private suspend fun lifecycle(job: OqtantJobRecord) {
        delay(config.queuedDelay.toMillis())
        qpu.lock()
        try {
            state.locked {
                if (job.status != "PENDING") return
                job.status = "RUNNING"
                job.timeStart = Instant.now()
            }
            delay((config.oqtantRunningDelay ?: config.runningDelay).toMillis())
            val results = job.values.indices.map { render(job, it) }
            state.locked {
                if (job.status != "RUNNING") return
                val failFrom = when (job.forcedOutcome) {
                    "FAILED", OqtantEmulatorState.COMPLETE_WITHOUT_OUTPUTS -> 0
                    "INCOMPLETE" -> 1.coerceAtMost(job.values.size)
                    else -> job.values.size
                }
                results.forEachIndexed { i, (output, raw) ->
                    if (i < failFrom) {
                        job.outputs[i] = output.toString()
                        job.rawImages[i] = raw.toString()
                        job.outputIds[i] = state.nextNumericId()
                    } else if (job.forcedOutcome != OqtantEmulatorState.COMPLETE_WITHOUT_OUTPUTS) {
                        job.failedRuns += job.runNumber(i)
                    }
                }
                job.status = job.forcedOutcome?.takeIf { it != OqtantEmulatorState.COMPLETE_WITHOUT_OUTPUTS } ?: "COMPLETE"
                job.timeComplete = Instant.now()
            }
        } finally {
            qpu.unlock()
        }
    }

    private suspend fun render(job: OqtantJobRecord, index: Int): Pair<JsonObject, JsonObject> {
        val random = config.seed?.let { Random(it + job.sequence * RUN_SEED_STRIDE + index) } ?: Random()
        val values = job.values[index]
        val images = MatterImages(MatterModel(values), random)
        val output = when (config.oqtantMatter) {
            OqtantMatter.ANALYTIC -> images.outputValues()
            OqtantMatter.GROSS_PITAEVSKII -> gpeOutputValues(simulator.run(values.toMatterExperiment()), values.jobType)
        }
        return output to images.rawImages(output)
    }

    private companion object {
        const val RUN_SEED_STRIDE = 1000L
    }
}
