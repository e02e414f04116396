package io.qonduit.jupyter

import io.qonduit.dsl.oqtant.plot.ImagePlot
import io.qonduit.dsl.oqtant.plot.OqtantPlots
import io.qonduit.dsl.oqtant.plot.RenderedPlot
import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.OutputValues
import java.util.Base64

/**
 * Oqtant images as base64 PNG, the form Jupyter's `image/png` output takes: the DSL's plots, with an
 * optical-density colour bar and axes in µm when the image has a pixel calibration.
 */
public object OqtantPng {
    /** The main image of a result (in-trap or time-of-flight), as `OqtantPlots.image` draws it. */
    @JvmStatic
    public fun output(output: OutputValues): String = base64(OqtantPlots.image(output))

    /** One image. */
    @JvmStatic
    public fun image(image: Image): String = base64(ImagePlot.render(image))

    /** Any rendered plot. */
    @JvmStatic
    public fun base64(plot: RenderedPlot): String = Base64.getEncoder().encodeToString(plot.toPng())
}
