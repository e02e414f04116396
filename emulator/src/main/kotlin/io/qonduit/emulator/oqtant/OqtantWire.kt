package io.qonduit.emulator.oqtant

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject

/** JSON settings of the emulated service: unknown keys ignored (pydantic's default), nulls written. */
internal val oqtantJson: Json = Json {
    ignoreUnknownKeys = true
    explicitNulls = true
    encodeDefaults = true
}

/**
 * The emulator's own view of a submitted job (`POST {U}/jobs` body); the emulator deliberately does
 * not share the SDK's model. `inputs` stay raw so that they are stored and echoed back unchanged.
 */
@Serializable
internal class SubmissionDto(
    val name: String? = null,
    @SerialName("job_type") val jobType: String? = null,
    @SerialName("input_count") val inputCount: Int? = null,
    val inputs: List<JsonObject>? = null,
)

/** One run's `values` (bert_schemas `InputValues`), read for validation and for the matter model. */
@Serializable
internal class ValuesDto(
    @SerialName("end_time_ms") val endTimeMs: Double,
    @SerialName("image_type") val imageType: String,
    @SerialName("time_of_flight_ms") val timeOfFlightMs: Double,
    @SerialName("rf_evaporation") val rfEvaporation: RfDto,
    @SerialName("optical_barriers") val opticalBarriers: List<BarrierDto>? = null,
    @SerialName("optical_landscape") val opticalLandscape: LandscapeDto? = null,
    val lasers: List<LaserDto>? = null,
) {
    /** The job type the service computes (oqtant.md §2.2). */
    val jobType: String
        get() = when {
            opticalLandscape != null -> "PAINT_1D"
            opticalBarriers != null || imageType == "IN_TRAP" -> "BARRIER"
            else -> "BEC"
        }
}

@Serializable
internal class RfDto(
    @SerialName("times_ms") val timesMs: List<Int> = listOf(-1600, -1200, -800, -400, 0),
    @SerialName("frequencies_mhz") val frequenciesMhz: List<Double>,
    @SerialName("powers_mw") val powersMw: List<Double>,
    val interpolation: String,
)

@Serializable
internal class BarrierDto(
    @SerialName("times_ms") val timesMs: List<Double>,
    @SerialName("positions_um") val positionsUm: List<Double>,
    @SerialName("heights_khz") val heightsKhz: List<Double>,
    @SerialName("widths_um") private val widthsSent: List<Double>? = null,
    val interpolation: String = "LINEAR",
    val shape: String = "GAUSSIAN",
) {
    /** `widths_um` as sent; when omitted, bert_schemas fills 0.5 µm per height for NATIVE, else `[1.0]*11`. */
    val widthsUm: List<Double>
        get() = widthsSent ?: if (shape == "NATIVE") List(heightsKhz.size) { 0.5 } else List(11) { 1.0 }
}

@Serializable
internal class SnapshotDto(
    @SerialName("time_ms") val timeMs: Double = 0.0,
    @SerialName("potentials_khz") val potentialsKhz: List<Double>,
    @SerialName("positions_um") val positionsUm: List<Double>,
    @SerialName("spatial_interpolation") val spatialInterpolation: String = "LINEAR",
)

@Serializable
internal class LandscapeDto(
    val landscapes: List<SnapshotDto>,
    val interpolation: String = "LINEAR",
)

@Serializable
internal class PulseDto(
    @SerialName("times_ms") val timesMs: List<Double>,
    @SerialName("intensities_mw_per_cm2") val intensitiesMwPerCm2: List<Double> = listOf(1.0, 1.0),
    @SerialName("detuning_mhz") val detuningMhz: Double = 0.0,
    val interpolation: String = "OFF",
)

@Serializable
internal class LaserDto(
    val pulses: List<PulseDto>,
    val type: String = "TERMINATOR",
    @SerialName("position_um") val positionUm: Double = 30.0,
)
