package io.qonduit.oqtant

import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.Input
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.Laser
import io.qonduit.oqtant.model.OpticalLandscape
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.RfEvaporation
import io.qonduit.oqtant.model.RfInterpolationType

/**
 * An RF shield: one RF point held during the manipulation phase (t > 0).
 *
 * @property powerMw RF power, mW
 * @property frequencyMhz RF frequency, MHz
 * @property lifetimeMs when the point sits (whole ms; a fraction is rejected, as the Python client
 *   does); null uses the matter's lifetime
 */
public data class RfShield @JvmOverloads constructor(
    public val powerMw: Double,
    public val frequencyMhz: Double,
    public val lifetimeMs: Double? = null,
)

/**
 * An experiment in the Python client's object form (`QuantumMatter`, oqtant.md §4.2): a value that
 * maps onto one run's [InputValues]. Submit it with [QuantumMatterFactory].
 *
 * Mapping: [lifetimeMs] → `end_time_ms`, [timeOfFlightMs] → `time_of_flight_ms`, [image] →
 * `image_type`, [barriers]/[landscape]/[lasers] as they are, [rfEvap] (or [DEFAULT_RF_EVAP]) →
 * `rf_evaporation`, [note] → the input's notes. When [temperatureNk] is set, the last RF frequency
 * becomes `TEMPERATURE_TO_EVAP_FREQUENCY × temperature` (it wins over [rfEvap]'s last frequency);
 * an [rfShield] appends one RF point at its lifetime.
 *
 * The experiment DSL (module `qonduit-dsl`) has its own `io.qonduit.dsl.oqtant.QuantumMatter`, the
 * result of `quantumMatter { }`; its `toObjectApi()` converts it to this class.
 *
 * @throws io.qonduit.errors.ValidationException when [temperatureNk] is outside 0..500 nK,
 *   [lifetimeMs] ends before the last barrier keyframe, landscape snapshot or laser pulse, or an
 *   [rfShield] would sit at a time that is not a whole millisecond (the rules of [QuantumMatterRules])
 */
public data class QuantumMatter @JvmOverloads constructor(
    public val name: String = DEFAULT_NAME,
    public val temperatureNk: Double? = null,
    public val lifetimeMs: Double = DEFAULT_LIFETIME_MS,
    public val image: ImageType = ImageType.TIME_OF_FLIGHT,
    public val timeOfFlightMs: Double = DEFAULT_TIME_OF_FLIGHT_MS,
    public val rfEvap: RfEvaporation? = null,
    public val rfShield: RfShield? = null,
    public val barriers: List<Barrier>? = null,
    public val landscape: OpticalLandscape? = null,
    public val lasers: List<Laser>? = null,
    public val note: String? = null,
) {
    init {
        val problems = QuantumMatterRules.violations(temperatureNk, lifetimeMs, rfShield?.let { it.lifetimeMs ?: lifetimeMs }, barriers, landscape, lasers)
        if (problems.isNotEmpty()) throw ValidationException(problems)
    }

    /** The run's values this matter maps to (see [QuantumMatterRules.inputValues]). */
    public fun toInputValues(): InputValues =
        QuantumMatterRules.inputValues(lifetimeMs, image, timeOfFlightMs, rfEvap, temperatureNk, rfShield, barriers, landscape, lasers)

    /** One run of a job: the values and the note. */
    public fun toInput(): Input = Input(toInputValues(), note, run = 1)

    /** A one-run job named [name] (Python `convert_matter_to_job`). */
    public fun toJob(): OqtantJob = OqtantJob(name, listOf(toInput()))

    /** Defaults and conversions. */
    public companion object {
        /** Default name. */
        public const val DEFAULT_NAME: String = "quantum matter"

        /** Default lifetime, ms. */
        public const val DEFAULT_LIFETIME_MS: Double = 10.0

        /** Default time of flight, ms. */
        public const val DEFAULT_TIME_OF_FLIGHT_MS: Double = 12.0

        /** Highest temperature one can ask for, nK. */
        public const val MAX_TEMPERATURE_NK: Double = 500.0

        /** MHz of final RF frequency per nK of temperature (0.067 MHz at 200 nK). */
        public const val TEMPERATURE_TO_EVAP_FREQUENCY: Double = 0.067 / 200

        /** The evaporation used when none is given. */
        @JvmField
        public val DEFAULT_RF_EVAP: RfEvaporation = RfEvaporation(
            listOf(-1100, -1050, -800, -300, 0),
            listOf(21.12, 12.12, 5.12, 0.62, 0.02),
            listOf(600.0, 800.0, 600.0, 400.0, 400.0),
            RfInterpolationType.LINEAR,
        )

        /**
         * The matter of one run's values (Python `from_input`): points with t ≤ 0 become the evaporation,
         * a last point with t > 0 becomes the shield; no temperature.
         */
        @JvmStatic
        @JvmOverloads
        public fun fromInput(name: String, values: InputValues, note: String? = null): QuantumMatter {
            val rf = values.rfEvaporation
            val evapIdx = rf.timesMs.indices.filter { rf.timesMs[it] <= 0 }
            val last = rf.timesMs.lastIndex
            val shield = if (last >= 0 && rf.timesMs[last] > 0) RfShield(rf.powersMw[last], rf.frequenciesMhz[last], rf.timesMs[last].toDouble()) else null
            val evap = RfEvaporation(evapIdx.map { rf.timesMs[it] }, evapIdx.map { rf.frequenciesMhz[it] }, evapIdx.map { rf.powersMw[it] }, rf.interpolation)
            return QuantumMatter(
                name, null, values.endTimeMs, values.imageType, values.timeOfFlightMs, evap, shield,
                values.opticalBarriers, values.opticalLandscape, values.lasers, note,
            )
        }

        /** The matter of [job]'s first run (Python `from_oqtant_job`). */
        @JvmStatic
        public fun fromOqtantJob(job: OqtantJob): QuantumMatter =
            fromInput(job.name, requireNotNull(job.input) { "job '${job.name}' has no runs" }, job.inputs.first().notes)
    }
}
