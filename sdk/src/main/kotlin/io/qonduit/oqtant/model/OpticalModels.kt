package io.qonduit.oqtant.model

import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.KeepGeneratedSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonTransformingSerializer

/**
 * One painted optical barrier moving through keyframes (bert_schemas `Barrier`). The four lists hold
 * one value per keyframe and must have equal lengths (2..20).
 *
 * Defaults are those of the service (11 keyframes at 1..11 ms, positions 1..11 µm, 10 kHz, 1 µm).
 * A NATIVE barrier read from JSON without `widths_um` gets 0.5 µm per height, as bert_schemas fills
 * it; in Kotlin or Java build one with [precision].
 *
 * @property timesMs keyframe times, 0.0..200.0 ms at 0.1 ms steps, unique and ascending
 * @property positionsUm barrier centre, −60.0..60.0 µm
 * @property heightsKhz barrier height, 0.0..100.0 kHz
 * @property widthsUm 0.5..20.0 µm: sigma for GAUSSIAN/NATIVE, HWHM for LORENTZIAN, half width for SQUARE
 * @property interpolation how values change between keyframes
 * @property shape barrier profile; NATIVE requires every width to be 0.5 µm
 */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = BarrierSerializer::class)
public data class Barrier @JvmOverloads constructor(
    @SerialName("times_ms") @Serializable(with = TimeMsListSerializer::class) public val timesMs: List<Double> = List(DEFAULT_KEYFRAMES) { (it + 1).toDouble() },
    @SerialName("positions_um") public val positionsUm: List<Double> = List(DEFAULT_KEYFRAMES) { (it + 1).toDouble() },
    @SerialName("heights_khz") public val heightsKhz: List<Double> = List(DEFAULT_KEYFRAMES) { 10.0 },
    @SerialName("widths_um") public val widthsUm: List<Double> = List(DEFAULT_KEYFRAMES) { 1.0 },
    @SerialName("interpolation") public val interpolation: InterpolationType = InterpolationType.LINEAR,
    @SerialName("shape") public val shape: ShapeType = ShapeType.GAUSSIAN,
) {
    /** Factories. */
    public companion object {
        internal const val DEFAULT_KEYFRAMES = 11

        /** Width every NATIVE ("precision") barrier must have, in µm. */
        public const val NATIVE_WIDTH_UM: Double = 0.5

        /** A NATIVE ("precision") barrier: every width is filled with [NATIVE_WIDTH_UM]. (Named `precision` because `native` is a Java keyword.) */
        @JvmStatic
        @JvmOverloads
        public fun precision(
            timesMs: List<Double>,
            positionsUm: List<Double>,
            heightsKhz: List<Double>,
            interpolation: InterpolationType = InterpolationType.LINEAR,
        ): Barrier = Barrier(timesMs, positionsUm, heightsKhz, List(timesMs.size) { NATIVE_WIDTH_UM }, interpolation, ShapeType.NATIVE)
    }
}

/** [Barrier]'s generated serializer, filling an omitted `widths_um` of a NATIVE barrier as bert_schemas does. */
@OptIn(ExperimentalSerializationApi::class)
internal object BarrierSerializer : JsonTransformingSerializer<Barrier>(Barrier.generatedSerializer()) {
    override fun transformDeserialize(element: JsonElement): JsonElement {
        if (element !is JsonObject || "widths_um" in element) return element
        if ((element["shape"] as? JsonPrimitive)?.content != ShapeType.NATIVE.name) return element
        val heights = (element["heights_khz"] as? JsonArray)?.size ?: Barrier.DEFAULT_KEYFRAMES
        return JsonObject(element + ("widths_um" to JsonArray(List(heights) { JsonPrimitive(Barrier.NATIVE_WIDTH_UM) })))
    }
}

/**
 * One snapshot of a painted potential (bert_schemas `Landscape`). Lists have equal length (2..121).
 *
 * @property timeMs when this snapshot applies, 0.0..200.0 ms at 0.1 ms steps
 * @property potentialsKhz potential at each position, 0.0..100.0 kHz
 * @property positionsUm positions, −60.0..60.0 µm, ascending (repeats allowed to make a step)
 * @property spatialInterpolation how the potential is interpolated between positions
 */
@Serializable
public data class Landscape @JvmOverloads constructor(
    @SerialName("time_ms") @Serializable(with = TimeMsSerializer::class) public val timeMs: Double = 0.0,
    @SerialName("potentials_khz") public val potentialsKhz: List<Double> = listOf(0.0, 0.0),
    @SerialName("positions_um") public val positionsUm: List<Double> = listOf(-1.0, 1.0),
    @SerialName("spatial_interpolation") public val spatialInterpolation: InterpolationType = InterpolationType.LINEAR,
)

/**
 * A painted landscape evolving through 2..5 snapshots (bert_schemas `OpticalLandscape`).
 *
 * @property landscapes snapshots in ascending, distinct time order
 * @property interpolation how the potential changes between snapshots
 */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = OpticalLandscapeSerializer::class)
public data class OpticalLandscape @JvmOverloads constructor(
    @SerialName("landscapes") public val landscapes: List<Landscape>,
    @SerialName("interpolation") public val interpolation: InterpolationType = InterpolationType.LINEAR,
)

/**
 * One pulse of a laser (bert_schemas `Pulse`). The service only supports an on/off pulse: two times,
 * intensities 1.0, no detuning, interpolation `OFF`.
 *
 * @property timesMs on and off times, ascending, 0.1 ms steps
 * @property intensitiesMwPerCm2 exactly `[1.0, 1.0]`
 * @property detuningMhz must be 0
 * @property interpolation must be `OFF`
 */
@Serializable
public data class Pulse @JvmOverloads constructor(
    @SerialName("times_ms") @Serializable(with = TimeMsListSerializer::class) public val timesMs: List<Double> = listOf(0.0, 1.0),
    @SerialName("intensities_mw_per_cm2") public val intensitiesMwPerCm2: List<Double> = listOf(1.0, 1.0),
    @SerialName("detuning_mhz") public val detuningMhz: Double = 0.0,
    @SerialName("interpolation") public val interpolation: InterpolationType = InterpolationType.OFF,
)

/**
 * A laser acting on the atoms (bert_schemas `Laser`). Only one TERMINATOR at 30.0 µm with one pulse
 * is accepted.
 *
 * @property pulses exactly one pulse
 * @property type must be TERMINATOR
 * @property positionUm must be 30.0
 */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = LaserSerializer::class)
public data class Laser @JvmOverloads constructor(
    @SerialName("pulses") public val pulses: List<Pulse>,
    @SerialName("type") public val type: LaserType = LaserType.TERMINATOR,
    @SerialName("position_um") public val positionUm: Double = TERMINATOR_POSITION_UM,
) {
    /** Factories. */
    public companion object {
        /** Fixed position of the terminator beam, µm. */
        public const val TERMINATOR_POSITION_UM: Double = 30.0

        /** The terminator beam switched on at [onMs] and off at [offMs] (Python `create_terminator`). */
        @JvmStatic
        public fun terminator(onMs: Double, offMs: Double): Laser = Laser(listOf(Pulse(listOf(onMs, offMs))))
    }
}

/**
 * Writes an object's keys in the order of the bert_schemas model, where it differs from the Kotlin
 * constructor's (whose parameter order is public API and keeps its defaults last). Reading is untouched.
 */
internal open class PythonKeyOrder<T>(serializer: KSerializer<T>, private val keys: List<String>) : JsonTransformingSerializer<T>(serializer) {
    override fun transformSerialize(element: JsonElement): JsonElement {
        if (element !is JsonObject) return element
        val ordered = LinkedHashMap<String, JsonElement>()
        keys.forEach { key -> element[key]?.let { ordered[key] = it } }
        element.forEach { (key, value) -> ordered.putIfAbsent(key, value) }
        return JsonObject(ordered)
    }
}

/** `OpticalLandscape` fields in bert_schemas order: `interpolation, landscapes`. */
@OptIn(ExperimentalSerializationApi::class)
internal object OpticalLandscapeSerializer :
    PythonKeyOrder<OpticalLandscape>(OpticalLandscape.generatedSerializer(), listOf("interpolation", "landscapes"))

/** `Laser` fields in bert_schemas order: `type, position_um, pulses`. */
@OptIn(ExperimentalSerializationApi::class)
internal object LaserSerializer : PythonKeyOrder<Laser>(Laser.generatedSerializer(), listOf("type", "position_um", "pulses"))
