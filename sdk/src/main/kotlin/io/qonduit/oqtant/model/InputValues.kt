package io.qonduit.oqtant.model

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * The experiment of one run (bert_schemas `InputValues`). Times in ms, positions in µm, potentials in kHz.
 *
 * Limits are checked by [OqtantValidation], not on construction, so a result the service sends back is
 * always readable.
 *
 * @property endTimeMs length of the manipulation phase (`end_time_ms`), 0.0..200.0 ms at 0.1 ms steps
 * @property imageType what is imaged at the end
 * @property timeOfFlightMs time of flight (`time_of_flight_ms`), 2.0..20.0 ms; required even for in-trap images
 * @property rfEvaporation the RF evaporation ramp that makes the condensate
 * @property opticalBarriers 1..10 painted barriers, or null
 * @property opticalLandscape a painted landscape, or null
 * @property lasers exactly one terminator laser, or null
 */
@Serializable
public data class InputValues @JvmOverloads constructor(
    @SerialName("end_time_ms") @Serializable(with = TimeMsSerializer::class) public val endTimeMs: Double,
    @SerialName("image_type") public val imageType: ImageType,
    @SerialName("time_of_flight_ms") @Serializable(with = TimeMsSerializer::class) public val timeOfFlightMs: Double,
    @SerialName("rf_evaporation") public val rfEvaporation: RfEvaporation,
    @SerialName("optical_barriers") public val opticalBarriers: List<Barrier>? = null,
    @SerialName("optical_landscape") public val opticalLandscape: OpticalLandscape? = null,
    @SerialName("lasers") public val lasers: List<Laser>? = null,
) {
    /**
     * The job type the service computes for these values: `PAINT_1D` with a landscape; otherwise
     * `BARRIER` with barriers **or** an in-trap image; otherwise `BEC` (bert_schemas `JobBase.job_type`, which
     * tests the barrier list for truth, so an empty list counts as none).
     */
    public val jobType: JobType
        get() = when {
            opticalLandscape != null -> JobType.PAINT_1D
            !opticalBarriers.isNullOrEmpty() || imageType == ImageType.IN_TRAP -> JobType.BARRIER
            else -> JobType.BEC
        }
}

/**
 * The RF evaporation ramp (bert_schemas `RfEvaporation`). Points with t ≤ 0 belong to evaporation;
 * a point with t > 0 is an "RF shield" held during the manipulation phase.
 *
 * @property timesMs whole milliseconds, −2000..200, 1..20 unique ascending values, at least two ≤ 0
 * @property frequenciesMhz RF frequency per point, 0.0..25.0 MHz
 * @property powersMw RF power per point, 0.0..1000.0 mW
 * @property interpolation how values change between points
 */
@Serializable
public data class RfEvaporation(
    @SerialName("times_ms") @Serializable(with = RfTimesSerializer::class) public val timesMs: List<Int> = DEFAULT_TIMES_MS,
    @SerialName("frequencies_mhz") public val frequenciesMhz: List<Double>,
    @SerialName("powers_mw") public val powersMw: List<Double>,
    @SerialName("interpolation") public val interpolation: RfInterpolationType,
) {
    /** Java-friendly constructor using the default times `[-1600, -1200, -800, -400, 0]`. */
    public constructor(
        frequenciesMhz: List<Double>,
        powersMw: List<Double>,
        interpolation: RfInterpolationType,
    ) : this(DEFAULT_TIMES_MS, frequenciesMhz, powersMw, interpolation)

    /** Defaults of the service. */
    public companion object {
        /** Default `times_ms` of the service: `[-1600, -1200, -800, -400, 0]`. */
        @JvmField
        public val DEFAULT_TIMES_MS: List<Int> = listOf(-1600, -1200, -800, -400, 0)
    }
}
