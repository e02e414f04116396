package io.qonduit.dsl.oqtant

import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.QuantumMatter as SdkQuantumMatter
import io.qonduit.errors.Violation
import io.qonduit.oqtant.model.Input
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantValidation
import io.qonduit.oqtant.model.RfEvaporation

/**
 * One Oqtant experiment, as built by [quantumMatter] or [QuantumMatterBuilder] (the Python client's
 * `QuantumMatter`). It is checked only when turned into a model: [toJob], [toInput] and [toInputValues]
 * throw one [ValidationException] listing every problem, those of the DSL (lifetime too short, evolve
 * without a keyframe, ...) and every service limit of [OqtantValidation].
 *
 * Not to be confused with the SDK's [io.qonduit.oqtant.QuantumMatter] (the Python object API that
 * `QuantumMatterFactory` submits): this one is the DSL's checked, finished experiment. Hand it to the
 * client as a job ([toJob], for `OqtantClient.runJobs`/`createJob`) or convert it with [toObjectApi]
 * for `QuantumMatterFactory`.
 *
 * @property name job name, 1..50 characters
 * @property note note attached to the run, at most 500 characters, or null
 */
public class QuantumMatter internal constructor(
    public val name: String,
    public val note: String?,
    private val values: InputValues,
    private val dslViolations: List<Violation>,
    private val objectApi: () -> SdkQuantumMatter,
) {
    /** The job type the service will compute for this experiment (`BEC`, `BARRIER` or `PAINT_1D`). */
    public val jobType: JobType get() = values.jobType

    /** Every problem of this experiment (DSL checks, then service limits); empty when it can be submitted. */
    public fun violations(): List<Violation> = dslViolations + OqtantValidation.violations(uncheckedJob())

    /** The run's values. @throws ValidationException listing every problem */
    public fun toInputValues(): InputValues {
        throwIfInvalid()
        return values
    }

    /** The run as job input number [run] (with the note). @throws ValidationException listing every problem */
    @JvmOverloads
    public fun toInput(run: Int = 1): Input {
        throwIfInvalid()
        return uncheckedInput(run)
    }

    /** A single-run job named [name], ready for the Oqtant client. @throws ValidationException listing every problem */
    public fun toJob(): OqtantJob {
        throwIfInvalid()
        return uncheckedJob()
    }

    /**
     * The same experiment as the SDK's object-API [SdkQuantumMatter] (with its temperature, evaporation,
     * RF shield, optics and note), e.g. for `QuantumMatterFactory.submit`. Both map to the same run
     * values through the SDK's [io.qonduit.oqtant.QuantumMatterRules].
     *
     * @throws ValidationException listing every problem, as [toInputValues]
     */
    public fun toObjectApi(): SdkQuantumMatter {
        throwIfInvalid()
        return objectApi()
    }

    override fun toString(): String = "QuantumMatter(name=$name, jobType=$jobType)"

    internal fun uncheckedInput(run: Int): Input = Input(values, note, run)

    internal fun dslViolations(): List<Violation> = dslViolations

    private fun uncheckedJob(): OqtantJob = OqtantJob(name, listOf(uncheckedInput(1)))

    private fun throwIfInvalid() {
        val all = violations()
        if (all.isNotEmpty()) throw ValidationException(all)
    }

    /** Defaults and limits, shared with the SDK's object API ([SdkQuantumMatter]) so the two never drift. */
    public companion object {
        /** Name used when none is given. */
        public const val DEFAULT_NAME: String = SdkQuantumMatter.DEFAULT_NAME

        /** Default lifetime (`end_time_ms`), ms. */
        public const val DEFAULT_LIFETIME_MS: Double = SdkQuantumMatter.DEFAULT_LIFETIME_MS

        /** Default time of flight, ms. */
        public const val DEFAULT_TIME_OF_FLIGHT_MS: Double = SdkQuantumMatter.DEFAULT_TIME_OF_FLIGHT_MS

        /** Highest temperature the service accepts, nK. */
        public const val MAX_TEMPERATURE_NK: Double = SdkQuantumMatter.MAX_TEMPERATURE_NK

        /** MHz of final RF frequency per nK of temperature. */
        public const val TEMPERATURE_TO_EVAP_FREQUENCY: Double = SdkQuantumMatter.TEMPERATURE_TO_EVAP_FREQUENCY

        /** The evaporation used when none is given (Python `DEFAULT_RF_EVAP`). */
        @JvmField
        public val DEFAULT_RF_EVAP: RfEvaporation = SdkQuantumMatter.DEFAULT_RF_EVAP

        /** The final RF frequency, MHz, that gives [temperatureNk] (Python: `TEMPERATURE_TO_EVAP_FREQUENCY * temperature`). */
        @JvmStatic
        public fun evaporationFrequencyMhz(temperatureNk: Double): Double = TEMPERATURE_TO_EVAP_FREQUENCY * temperatureNk
    }
}
