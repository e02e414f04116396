package io.qonduit.dsl.oqtant.plot

import io.qonduit.oqtant.model.Axis
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.OutputValues
import io.qonduit.oqtant.model.TimeOfFlightOutput

/** Plots of Oqtant results, as the Python client's `plot_it`, `plot_tof` and `plot_slice` show them. */
public object OqtantPlots {
    /**
     * The main image of a result: the in-trap image (`it_plot`) or the time-of-flight image (`tof_image`),
     * titled accordingly, with an optical-density colour bar.
     */
    @JvmStatic
    @JvmOverloads
    public fun image(output: OutputValues, title: String? = null): RenderedPlot = when (output) {
        is InTrapOutput -> ImagePlot.render(output.itPlot, title ?: "In-trap image")
        is TimeOfFlightOutput -> ImagePlot.render(output.tofImage, title ?: "Time-of-flight image")
    }

    /**
     * The x or y slice through a time-of-flight cloud: optical density along the axis.
     *
     * Points are placed by their order, not by their `x`: hardware slices number the pixels in `x`, but the
     * Python simulator puts image values there. When the slice runs along the whole `tof_image` and the image
     * has a calibration, the axis is in µm centred like [image]'s; otherwise it counts pixels.
     */
    @JvmStatic
    @JvmOverloads
    public fun slice(output: TimeOfFlightOutput, axis: Axis, title: String? = null): RenderedPlot {
        val ys = output.slice(axis)
        val name = axis.name.lowercase()
        val image = output.tofImage
        val length = if (axis == Axis.X) image.columns else image.rows
        val pixcal = image.pixcal
        val (xs, unit) = if (pixcal != null && ys.size == length) {
            DoubleArray(ys.size) { (it + 0.5 - length / 2.0) * pixcal } to "µm"
        } else {
            DoubleArray(ys.size) { it.toDouble() } to "pixel"
        }
        return LinePlot.render(xs, ys, title ?: "Time-of-flight $name slice", xLabel = "$name ($unit)", yLabel = "OD")
    }
}
