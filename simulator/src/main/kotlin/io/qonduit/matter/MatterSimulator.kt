package io.qonduit.matter

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.channelFlow
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.future.future
import kotlinx.coroutines.jdk9.asPublisher
import java.util.concurrent.CompletableFuture
import kotlin.coroutines.coroutineContext

/**
 * The Oqtant matter simulator: a Gross–Pitaevskii condensate of Rb-87 in the service's trap and
 * painted potential ([MatterUnits], [ProjectedPotential]), imaged as the service images it.
 *
 * A run is: the ground state in the magnetic trap (imaginary time); real-time evolution over the
 * lifetime in the magnetic plus painted potential, refreshed every 100 µs; for time-of-flight
 * images, free flight with trap and light off; then the image ([MatterImage], see [Imaging]).
 * Numerics and their error bounds: [GrossPitaevskii] (split-step Fourier along the axis,
 * Crank–Nicolson radially, Strang splitting, an exactly expanding frame in flight).
 *
 * With [MatterSettings.finiteTemperature], time-of-flight runs add the thermal cloud of
 * [FiniteTemperature] (an ideal Bose gas at the temperature of the RF evaporation end point).
 *
 * Runs are deterministic: the same experiment and settings give the same image, bit for bit.
 *
 * @property settings grid and step settings
 */
public class MatterSimulator @JvmOverloads constructor(public val settings: MatterSettings = MatterSettings.DEFAULT) {
    /**
     * Runs [experiment], emitting [MatterProgress.Step]s as it goes and a final
     * [MatterProgress.Done] with the result. The work runs on [Dispatchers.Default]; cancelling the
     * collector stops it at the next 100 µs period.
     */
    public fun simulate(experiment: MatterExperiment): Flow<MatterProgress> = channelFlow {
        val result = compute(experiment) { send(it) }
        send(MatterProgress.Done(result))
    }.flowOn(Dispatchers.Default)

    /** [simulate] as a [java.util.concurrent.Flow.Publisher] for Java callers. */
    public fun simulatePublisher(experiment: MatterExperiment): java.util.concurrent.Flow.Publisher<MatterProgress> =
        simulate(experiment).asPublisher()

    /** Runs [experiment] to its result. */
    public suspend fun run(experiment: MatterExperiment): MatterResult =
        simulate(experiment).filterIsInstance<MatterProgress.Done>().first().result

    /** [run] as a [CompletableFuture] (cancelling the future stops the run). */
    public fun runAsync(experiment: MatterExperiment): CompletableFuture<MatterResult> =
        CoroutineScope(Dispatchers.Default).future { run(experiment) }

    private suspend fun compute(experiment: MatterExperiment, emit: suspend (MatterProgress.Step) -> Unit): MatterResult {
        val engine = GrossPitaevskii(settings)
        val potential = ProjectedPotential(experiment)
        val flightMs = if (experiment.imaging == MatterImaging.TIME_OF_FLIGHT) experiment.timeOfFlightMs else 0.0
        val totalMs = experiment.lifetimeMs + flightMs
        suspend fun step(stage: MatterStage, ms: Double) {
            coroutineContext.ensureActive()
            emit(MatterProgress.Step(stage, ms, totalMs))
        }
        val ground = engine.groundState { step(MatterStage.GROUND_STATE, 0.0) }
        val mu = engine.chemicalPotential(ground)
        val radius = kotlin.math.sqrt(7 * ground.axialVariance()) * MatterUnits.LENGTH_UNIT_UM
        val psi = engine.evolveInTrap(ground.copy(), potential, experiment.lifetimeMs) { step(MatterStage.IN_TRAP, it) }
        val summary = GroundState(mu, mu / MatterUnits.UNITS_PER_KHZ, radius)
        if (experiment.imaging == MatterImaging.IN_TRAP) {
            return MatterResult(experiment, Imaging.inTrap(psi), summary, psi.norm(), null, null)
        }
        val (phi, lambda) = engine.flight(psi, flightMs) { step(MatterStage.TIME_OF_FLIGHT, experiment.lifetimeMs + it) }
        val condensate = Imaging.timeOfFlight(phi, lambda)
        val thermal = if (settings.finiteTemperature) FiniteTemperature.of(experiment) else null
        val image = thermal?.let { FiniteTemperature.addThermalCloud(condensate, it, flightMs) } ?: condensate
        return MatterResult(experiment, image, summary, phi.norm(), thermal, condensate.takeIf { thermal != null })
    }
}

/** The stage a [MatterProgress.Step] belongs to. */
public enum class MatterStage {
    /** Imaginary-time relaxation to the ground state. */
    GROUND_STATE,

    /** Real-time evolution in the trap. */
    IN_TRAP,

    /** Free flight. */
    TIME_OF_FLIGHT,
}

/** What a running simulation reports. */
public sealed class MatterProgress {
    /**
     * Progress: [simulatedMs] of [totalMs] experiment time done (0 during the ground state).
     *
     * @property stage current stage
     * @property simulatedMs experiment time simulated so far, ms
     * @property totalMs lifetime plus flight, ms
     */
    public data class Step(val stage: MatterStage, val simulatedMs: Double, val totalMs: Double) : MatterProgress()

    /**
     * The finished run.
     *
     * @property result the result
     */
    public data class Done(val result: MatterResult) : MatterProgress()
}

/**
 * The ground state before the experiment.
 *
 * @property chemicalPotential μ in energy units (ħ·2π·50 Hz)
 * @property chemicalPotentialKhz μ in kHz
 * @property thomasFermiRadiusUm axial Thomas–Fermi radius from the second moment, `√(7⟨x²⟩)`, µm
 */
public data class GroundState(val chemicalPotential: Double, val chemicalPotentialKhz: Double, val thomasFermiRadiusUm: Double)

/**
 * A finished run.
 *
 * @property experiment what ran
 * @property image the in-trap or time-of-flight image
 * @property groundState the ground state's μ and radius
 * @property finalNorm ∫|ψ|² at the end (1 up to rounding)
 * @property thermal the finite-temperature populations, or null at zero temperature
 * @property condensateImage with a thermal cloud, the condensate's own image (without it); else null
 */
public class MatterResult(
    public val experiment: MatterExperiment,
    public val image: MatterImage,
    public val groundState: GroundState,
    public val finalNorm: Double,
    public val thermal: ThermalCloud?,
    public val condensateImage: MatterImage?,
) {
    override fun toString(): String = "MatterResult(${experiment.imaging}, $image, $groundState)"
}
