package io.qonduit.dsl.oqtant

import io.qonduit.errors.Violation
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InputValues
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
    private var landscapeEndMs: Double? = null
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
        landscapeEndMs = landscape.lastTimeMs
    }

    /** Sets a ready landscape model. */
    public fun landscape(landscape: OpticalLandscape): QuantumMatterBuilder = apply {
        this.landscape = Drafted(landscape, emptyList())
        landscapeEndMs = landscape.landscapes.maxOfOrNull { it.timeMs }
    }

    /** Switches the terminator beam (at 30 µm) on at [onMs] and off at [offMs]. The service accepts one pulse. */
    public fun terminator(onMs: Double, offMs: Double): QuantumMatterBuilder =
        apply { lasers += Laser.terminator(onTimeGrid(onMs), onTimeGrid(offMs)) }

    /** The experiment. Nothing is checked yet: [QuantumMatter.toJob] reports every problem at once. */
    public fun build(): QuantumMatter {
        val problems = mutableListOf<Violation>()
        val rf = rfEvaporation(problems)
        lifetimeChecks(problems)
        evaporation?.let { problems += it.violations.under("evaporation") }
        barriers.forEachIndexed { i, b -> problems += b.violations.under("barriers[$i]") }
        landscape?.let { problems += it.violations.under("landscape") }
        val values = InputValues(
            endTimeMs = lifetimeMs,
            imageType = image,
            timeOfFlightMs = timeOfFlightMs,
            rfEvaporation = rf,
            opticalBarriers = barriers.map { it.value }.ifEmpty { null },
            opticalLandscape = landscape?.value,
            lasers = lasers.toList().ifEmpty { null },
        )
        return QuantumMatter(name, note, values, problems)
    }

    /** The evaporation with the temperature and the RF shield applied, as the Python `QuantumMatter.input` does. */
    private fun rfEvaporation(problems: MutableList<Violation>): RfEvaporation {
        var rf = evaporation?.value ?: QuantumMatter.DEFAULT_RF_EVAP
        temperatureNk?.let { t ->
            if (!(t in 0.0..QuantumMatter.MAX_TEMPERATURE_NK)) {
                problems += Violation("temperature", t, "must be in 0.0..${QuantumMatter.MAX_TEMPERATURE_NK} nK")
            }
            if (evaporation != null) {
                problems += Violation("temperature", t,
                    "cannot be combined with a custom evaporation: both set the final RF frequency")
            }
            if (rf.frequenciesMhz.isNotEmpty()) {
                rf = rf.copy(frequenciesMhz = rf.frequenciesMhz.dropLast(1) + QuantumMatter.evaporationFrequencyMhz(t))
            }
        }
        shield?.let { (frequency, power) ->
            if (lifetimeMs != Math.rint(lifetimeMs)) {
                problems += Violation("rf_shield", lifetimeMs,
                    "needs a lifetime of whole milliseconds: the shield is an RF point at the lifetime and RF times are integers")
            }
            rf = rf.copy(
                timesMs = rf.timesMs + lifetimeMs.toInt(),
                frequenciesMhz = rf.frequenciesMhz + frequency,
                powersMw = rf.powersMw + power,
            )
        }
        return rf
    }

    /** The Python `QuantumMatter` post-init checks: nothing may happen after the lifetime. */
    private fun lifetimeChecks(problems: MutableList<Violation>) {
        fun atLeast(endMs: Double?, what: String) {
            if (endMs != null && endMs > lifetimeMs) {
                problems += Violation("lifetime", lifetimeMs, "must be at least $endMs ms, the end of $what")
            }
        }
        barriers.forEachIndexed { i, b -> atLeast(b.value.timesMs.maxOrNull(), "barriers[$i]") }
        atLeast(landscapeEndMs, "the landscape (its last snapshot)")
        lasers.forEachIndexed { i, l -> atLeast(l.pulses.flatMap { it.timesMs }.maxOrNull(), "terminator pulse $i") }
    }
}
