package io.qonduit.dsl.oqtant

import io.qonduit.errors.Violation
import io.qonduit.oqtant.QuantumMatterRules
import io.qonduit.oqtant.RfShield
import io.qonduit.oqtant.QuantumMatter as SdkQuantumMatter
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.Laser
import io.qonduit.oqtant.model.OpticalLandscape
import io.qonduit.oqtant.model.RfEvaporation

/**
 * Builds a [QuantumMatter] with plain numbers in the service units (ms, µm, kHz, MHz, mW, nK); the Java
 * twin of [quantumMatter]. Use `io.qonduit.dsl.units.Units` to spell units out.
 *
 * ```java
 * QuantumMatter m = new QuantumMatterBuilder("barrier")
 *     .lifetimeMs(ms(20)).image(ImageType.IN_TRAP)
 *     .barrier(new BarrierBuilder().at(0, um(0), kHz(0), um(1)).evolve(ms(5), um(10), kHz(20)))
 *     .build();
 * OqtantJob job = m.toJob();
 * ```
 *
 * Semantics are those of the Python client's `QuantumMatter`: without an evaporation the default one
 * ([QuantumMatter.DEFAULT_RF_EVAP]) is used; a temperature replaces its final RF frequency; an RF shield
 * appends one RF point at the lifetime; every barrier, snapshot and terminator pulse must end within the lifetime.
 *
 * @param name job name, 1..50 characters
 */
public class QuantumMatterBuilder @JvmOverloads constructor(private var name: String = QuantumMatter.DEFAULT_NAME) {
    internal var note: String? = null
    internal var temperatureNk: Double? = null
    internal var lifetimeMs: Double = QuantumMatter.DEFAULT_LIFETIME_MS
    internal var image: ImageType = ImageType.TIME_OF_FLIGHT
    internal var timeOfFlightMs: Double = QuantumMatter.DEFAULT_TIME_OF_FLIGHT_MS
    private var evaporation: Drafted<RfEvaporation>? = null
    private var shield: Pair<Double, Double>? = null
    private val barriers = mutableListOf<Drafted<Barrier>>()
    private var landscape: Drafted<OpticalLandscape>? = null
    private val lasers = mutableListOf<Laser>()

    /** The job name, 1..50 characters. */
    public fun name(name: String): QuantumMatterBuilder = apply { this.name = name }

    /** A note attached to the run (at most 500 characters), or null for none. */
    public fun note(note: String?): QuantumMatterBuilder = apply { this.note = note }

    /**
     * The temperature to aim for, 0..500 nK, or null to keep the evaporation as given. It sets the final RF
     * frequency of the default evaporation to `temperature × 0.067 / 200` MHz; it cannot be combined with a
     * custom [evaporation], whose final frequency would be overwritten.
     */
    public fun temperatureNk(temperatureNk: Double?): QuantumMatterBuilder = apply { this.temperatureNk = temperatureNk }

    /** How long the manipulation phase lasts (`end_time_ms`), 0..200 ms in 0.1 ms steps (default 10 ms). */
    public fun lifetimeMs(lifetimeMs: Double): QuantumMatterBuilder = apply { this.lifetimeMs = onTimeGrid(lifetimeMs) }

    /** What is imaged at the end: `TIME_OF_FLIGHT` (default) or `IN_TRAP`. */
    public fun image(image: ImageType): QuantumMatterBuilder = apply { this.image = image }

    /** Time of flight before imaging, 2..20 ms (default 12 ms; sent even for in-trap images). */
    public fun timeOfFlightMs(timeOfFlightMs: Double): QuantumMatterBuilder =
        apply { this.timeOfFlightMs = onTimeGrid(timeOfFlightMs) }

    /** A custom evaporation ramp instead of the default one. */
    public fun evaporation(evaporation: EvaporationBuilder): QuantumMatterBuilder = apply { this.evaporation = evaporation.draft() }

    /** A custom evaporation ramp, used exactly as given (no time shift). */
    public fun evaporation(evaporation: RfEvaporation): QuantumMatterBuilder =
        apply { this.evaporation = Drafted(evaporation, emptyList()) }

    /** Holds the RF at [frequencyMhz] and [powerMw] during the manipulation phase (an "RF shield"); the lifetime must then be whole ms. */
    public fun rfShield(frequencyMhz: Double, powerMw: Double): QuantumMatterBuilder = apply { shield = frequencyMhz to powerMw }

    /** Adds a barrier (1..10 per experiment), as the builder stands now. */
    public fun barrier(barrier: BarrierBuilder): QuantumMatterBuilder = apply { barriers += barrier.draft() }

    /** Adds a ready barrier model. */
    public fun barrier(barrier: Barrier): QuantumMatterBuilder = apply { barriers += Drafted(barrier, emptyList()) }

    /** Sets the painted landscape, as the builder stands now. */
    public fun landscape(landscape: LandscapeBuilder): QuantumMatterBuilder = apply {
        this.landscape = landscape.draft()
    }

    /** Sets a ready landscape model. */
    public fun landscape(landscape: OpticalLandscape): QuantumMatterBuilder = apply {
        this.landscape = Drafted(landscape, emptyList())
    }

    /** Switches the terminator beam (at 30 µm) on at [onMs] and off at [offMs]. The service accepts one pulse. */
    public fun terminator(onMs: Double, offMs: Double): QuantumMatterBuilder =
        apply { lasers += Laser.terminator(onTimeGrid(onMs), onTimeGrid(offMs)) }

    /**
     * The experiment. Nothing is checked yet: [QuantumMatter.toJob] reports every problem at once. The
     * Python `QuantumMatter` rules (mapping and checks) are the SDK's [QuantumMatterRules], the same
     * ones [SdkQuantumMatter] applies.
     */
    public fun build(): QuantumMatter {
        val problems = mutableListOf<Violation>()
        val barrierModels = barriers.map { it.value }.ifEmpty { null }
        val laserModels = lasers.toList().ifEmpty { null }
        val rfShield = shield?.let { (frequency, power) -> RfShield(power, frequency, lifetimeMs) }
        temperatureNk?.let { t ->
            if (evaporation != null) {
                problems += Violation("temperature", t, "cannot be combined with a custom evaporation: both set the final RF frequency")
            }
        }
        problems += QuantumMatterRules.violations(temperatureNk, lifetimeMs, rfShield?.lifetimeMs, barrierModels, landscape?.value, laserModels)
        evaporation?.let { problems += it.violations.under("evaporation") }
        barriers.forEachIndexed { i, b -> problems += b.violations.under("barriers[$i]") }
        landscape?.let { problems += it.violations.under("landscape") }
        val evap = evaporation?.value
        val values = QuantumMatterRules.inputValues(
            lifetimeMs, image, timeOfFlightMs, evap, temperatureNk, rfShield, barrierModels, landscape?.value, laserModels,
        )
        val name = name
        val note = note
        val temperature = temperatureNk
        val lifetime = lifetimeMs
        val image = image
        val timeOfFlight = timeOfFlightMs
        val landscapeModel = landscape?.value
        return QuantumMatter(name, note, values, problems) {
            SdkQuantumMatter(name, temperature, lifetime, image, timeOfFlight, evap, rfShield, barrierModels, landscapeModel, laserModels, note)
        }
    }
}
