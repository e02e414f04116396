package io.qonduit.oqtant

import io.qonduit.matter.MatterProgress
import io.qonduit.matter.MatterSettings
import io.qonduit.matter.MatterSimulator
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.Output
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.future.future
import kotlinx.coroutines.jdk9.asPublisher
import java.util.concurrent.CompletableFuture

/**
 * The local Oqtant target: runs a job's every run on the Gross–Pitaevskii matter simulator in this
 * process, as the Python client's `submit(sim=True)` does (no login, no quota, no network), and
 * returns the job as the service would: `COMPLETE`, each input with its [Output] in the service's
 * own output types ([io.qonduit.oqtant.model.InTrapOutput] or
 * [io.qonduit.oqtant.model.TimeOfFlightOutput]), so a simulated job and a hardware job read the same.
 *
 * Physics and numerics: `io.qonduit.matter.MatterSimulator`. By default BEC time-of-flight runs get
 * the finite-temperature model (`io.qonduit.matter.FiniteTemperature`: temperature from the RF
 * evaporation end point, ideal-gas thermal cloud, bimodal image, fits and atom numbers); other jobs
 * report zero fits and atom numbers as the hardware does. The job is validated first
 * ([OqtantJob.validate]).
 *
 * @property settings the matter simulator's settings
 */
public class OqtantSimulator @JvmOverloads constructor(
    public val settings: MatterSettings = MatterSettings(finiteTemperature = true),
) {
    private val simulator = MatterSimulator(settings)

    /**
     * Runs [job], emitting each run's progress and finally [OqtantSimulationEvent.Completed] with the
     * completed job. Cancelling the collector stops the simulation.
     */
    public fun simulate(job: OqtantJob): Flow<OqtantSimulationEvent> = flow {
        job.validate()
        val inputs = job.inputs.mapIndexed { index, input ->
            val run = input.run ?: (index + 1)
            var output: Output? = null
            simulator.simulate(input.values.toMatterExperiment()).collect { event ->
                when (event) {
                    is MatterProgress.Step -> emit(OqtantSimulationEvent.Progress(run, job.inputs.size, event))
                    is MatterProgress.Done -> output = Output(matterOutputValues(event.result, input.values.jobType))
                }
            }
            input.copy(run = run, output = output)
        }
        emit(OqtantSimulationEvent.Completed(job.copy(inputs = inputs, status = JobStatus.COMPLETE, inputCount = inputs.size)))
    }

    /** [simulate] as a [java.util.concurrent.Flow.Publisher]. */
    public fun simulatePublisher(job: OqtantJob): java.util.concurrent.Flow.Publisher<OqtantSimulationEvent> =
        simulate(job).asPublisher(Dispatchers.Default)

    /** Runs [job] to completion; the completed job. */
    public suspend fun run(job: OqtantJob): OqtantJob =
        simulate(job).filterIsInstance<OqtantSimulationEvent.Completed>().first().job

    /** [run] as a [CompletableFuture] (cancelling it stops the simulation). */
    public fun runAsync(job: OqtantJob): CompletableFuture<OqtantJob> = CoroutineScope(Dispatchers.Default).future { run(job) }

    /** Runs [matter] (as [QuantumMatter.toJob]) to completion. */
    public suspend fun run(matter: QuantumMatter): OqtantJob = run(matter.toJob())

    /** [run] of [matter] as a [CompletableFuture]. */
    public fun runAsync(matter: QuantumMatter): CompletableFuture<OqtantJob> = runAsync(matter.toJob())

    override fun toString(): String = "OqtantSimulator($settings)"
}

/** What [OqtantSimulator.simulate] reports. */
public sealed class OqtantSimulationEvent {
    /**
     * Progress of one run.
     *
     * @property run the run's number (1-based)
     * @property runs how many runs the job has
     * @property step the matter simulator's progress within the run
     */
    public data class Progress(val run: Int, val runs: Int, val step: MatterProgress.Step) : OqtantSimulationEvent()

    /**
     * The completed job.
     *
     * @property job the job, `COMPLETE`, with every run's output
     */
    public data class Completed(val job: OqtantJob) : OqtantSimulationEvent()
}
