package io.qonduit.oqtant.model

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlin.math.roundToLong

/**
 * The result of one run.
 *
 * @property values in-trap ([InTrapOutput]) or time-of-flight ([TimeOfFlightOutput]) values
 * @property inputId internal id of the input the result belongs to
 */
@Serializable
public data class Output @JvmOverloads constructor(
    @SerialName("values") public val values: OutputValues,
    @SerialName("input_id") public val inputId: Int? = null,
)

/**
 * Result values. The JSON has no type tag: an `it_plot` key means [InTrapOutput], anything else is
 * [TimeOfFlightOutput].
 */
@Serializable(with = OutputValuesSerializer::class)
public sealed class OutputValues {
    /** Which layout this is. */
    public abstract val outputJobType: OutputJobType
}

/**
 * In-trap result (bert_schemas `PlotOutput`).
 *
 * @property itPlot the in-trap optical-density image (hardware: 148 × 503 at 0.344 µm per pixel)
 */
@Serializable
public data class InTrapOutput(
    @SerialName("it_plot") public val itPlot: Image,
) : OutputValues() {
    override val outputJobType: OutputJobType get() = OutputJobType.IN_TRAP
}

/**
 * Time-of-flight result (bert_schemas `NonPlotOutput`). Fits and atom numbers are only meaningful for
 * plain BEC jobs; other jobs report them as zero.
 *
 * @property motFluorescenceImage MOT fluorescence image
 * @property tofImage time-of-flight optical-density image
 * @property tofFitImage the fitted image
 * @property tofFit bimodal fit parameters
 * @property tofXSlice slice through the cloud along x
 * @property tofYSlice slice through the cloud along y
 * @property totalMotAtomNumber atoms in the MOT
 * @property tofAtomNumber atoms seen after time of flight
 * @property thermalAtomNumber thermal atoms
 * @property condensedAtomNumber condensed atoms
 * @property temperatureNk temperature in nK
 */
@Serializable
public data class TimeOfFlightOutput(
    @SerialName("mot_fluorescence_image") public val motFluorescenceImage: Image,
    @SerialName("tof_image") public val tofImage: Image,
    @SerialName("tof_fit_image") public val tofFitImage: Image,
    @SerialName("tof_fit") public val tofFit: TofFit,
    @SerialName("tof_x_slice") public val tofXSlice: LineChart,
    @SerialName("tof_y_slice") public val tofYSlice: LineChart,
    @SerialName("total_mot_atom_number") public val totalMotAtomNumber: Long,
    @SerialName("tof_atom_number") public val tofAtomNumber: Long,
    @SerialName("thermal_atom_number") public val thermalAtomNumber: Long,
    @SerialName("condensed_atom_number") public val condensedAtomNumber: Long,
    @SerialName("temperature_nk") public val temperatureNk: Long,
) : OutputValues() {
    override val outputJobType: OutputJobType get() = OutputJobType.NON_IN_TRAP

    /** Thermal plus condensed atoms. */
    public val totalPopulation: Long get() = thermalAtomNumber + condensedAtomNumber

    /** Condensed / total, rounded to 3 places as the Python client does; null when there are no atoms. */
    public val condensedFraction: Double?
        get() = if (totalPopulation == 0L) null else (condensedAtomNumber * 1000.0 / totalPopulation).roundToLong() / 1000.0

    /** The `y` values of the x ([Axis.X]) or y ([Axis.Y]) slice (Python `get_slice`). */
    public fun slice(axis: Axis): DoubleArray = (if (axis == Axis.X) tofXSlice else tofYSlice).yValues()
}

/** Image axis. */
public enum class Axis {
    /** Horizontal. */
    X,

    /** Vertical. */
    Y,
}

/**
 * Parameters of the bimodal time-of-flight fit.
 *
 * @property gaussianOd peak optical density of the thermal (Gaussian) part
 * @property gaussianSigmaX Gaussian sigma along x
 * @property gaussianSigmaY Gaussian sigma along y
 * @property tfOd peak optical density of the Thomas–Fermi part
 * @property tfX Thomas–Fermi radius along x
 * @property tfY Thomas–Fermi radius along y
 * @property x0 cloud centre x
 * @property y0 cloud centre y
 * @property offset background offset
 */
@Serializable
public data class TofFit(
    @SerialName("gaussian_od") public val gaussianOd: Double,
    @SerialName("gaussian_sigma_x") public val gaussianSigmaX: Double,
    @SerialName("gaussian_sigma_y") public val gaussianSigmaY: Double,
    @SerialName("tf_od") public val tfOd: Double,
    @SerialName("tf_x") public val tfX: Double,
    @SerialName("tf_y") public val tfY: Double,
    @SerialName("x_0") public val x0: Double,
    @SerialName("y_0") public val y0: Double,
    @SerialName("offset") public val offset: Double,
)

/**
 * A line chart: points `{x, y}`. Hardware slices have x = pixel number; the Python simulator puts an
 * image value in x.
 *
 * @property points the points in order
 */
@Serializable
public data class LineChart(
    @SerialName("points") public val points: List<ChartPoint>,
) {
    /** The `y` of every point. */
    public fun yValues(): DoubleArray = DoubleArray(points.size) { points[it].y }

    /** The `x` of every point. */
    public fun xValues(): DoubleArray = DoubleArray(points.size) { points[it].x }
}

/**
 * One chart point.
 *
 * @property x abscissa
 * @property y ordinate
 */
@Serializable
public data class ChartPoint(
    @SerialName("x") public val x: Double,
    @SerialName("y") public val y: Double,
)

/**
 * Picks the output layout by key, since the JSON carries no type tag, while streaming: the object is
 * read once into [OutputValuesWire] (every field of both layouts, all optional), never into a JSON tree.
 */
internal object OutputValuesSerializer : KSerializer<OutputValues> {
    override val descriptor: SerialDescriptor = OutputValuesWire.serializer().descriptor

    override fun serialize(encoder: Encoder, value: OutputValues) = when (value) {
        is InTrapOutput -> encoder.encodeSerializableValue(InTrapOutput.serializer(), value)
        is TimeOfFlightOutput -> encoder.encodeSerializableValue(TimeOfFlightOutput.serializer(), value)
    }

    override fun deserialize(decoder: Decoder): OutputValues {
        val w = decoder.decodeSerializableValue(OutputValuesWire.serializer())
        w.itPlot?.let { return InTrapOutput(it) }
        fun <T> need(value: T?, key: String): T = value ?: throw SerializationException("a time-of-flight output needs '$key'")
        return TimeOfFlightOutput(
            need(w.motFluorescenceImage, "mot_fluorescence_image"), need(w.tofImage, "tof_image"),
            need(w.tofFitImage, "tof_fit_image"), need(w.tofFit, "tof_fit"),
            need(w.tofXSlice, "tof_x_slice"), need(w.tofYSlice, "tof_y_slice"),
            need(w.totalMotAtomNumber, "total_mot_atom_number"), need(w.tofAtomNumber, "tof_atom_number"),
            need(w.thermalAtomNumber, "thermal_atom_number"), need(w.condensedAtomNumber, "condensed_atom_number"),
            need(w.temperatureNk, "temperature_nk"),
        )
    }
}

/** Every key of both output layouts, for [OutputValuesSerializer]. */
@Serializable
internal class OutputValuesWire(
    @SerialName("it_plot") val itPlot: Image? = null,
    @SerialName("mot_fluorescence_image") val motFluorescenceImage: Image? = null,
    @SerialName("tof_image") val tofImage: Image? = null,
    @SerialName("tof_fit_image") val tofFitImage: Image? = null,
    @SerialName("tof_fit") val tofFit: TofFit? = null,
    @SerialName("tof_x_slice") val tofXSlice: LineChart? = null,
    @SerialName("tof_y_slice") val tofYSlice: LineChart? = null,
    @SerialName("total_mot_atom_number") val totalMotAtomNumber: Long? = null,
    @SerialName("tof_atom_number") val tofAtomNumber: Long? = null,
    @SerialName("thermal_atom_number") val thermalAtomNumber: Long? = null,
    @SerialName("condensed_atom_number") val condensedAtomNumber: Long? = null,
    @SerialName("temperature_nk") val temperatureNk: Long? = null,
)
