package io.qonduit.jupyter

import io.qonduit.dsl.oqtant.plot.RenderedPlot
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.ResultItem
import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.LineChart
import io.qonduit.oqtant.model.OutputValues
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.jetbrains.kotlinx.jupyter.api.MimeTypes

/** What a notebook shows for each Qonduit value: a MIME bundle with a plain-text fallback. */
internal object Renderings {
    private const val SVG = "image/svg+xml"

    fun html(html: String, text: String = html): MimeTypedResult = bundle(MimeTypes.HTML to html, text)

    /** The rendering of [value], or null when it is not a value Qonduit renders. */
    fun render(value: Any?): MimeTypedResult? = when (value) {
        is Job -> html(JobHtml.job(value), "Job ${value.state} on ${value.backend.provider}/${value.device}")
        is CompositeJob -> html(JobHtml.composite(value), "CompositeJob ${value.currentProgress}")
        is ResultItem -> bundle(SVG to CountsSvg.item(value), value.counts.toString())
        is OutputValues -> bundle(MimeTypes.PNG to OqtantPng.output(value), value.javaClass.simpleName)
        is Image -> bundle(MimeTypes.PNG to OqtantPng.image(value), "Image ${value.rows}×${value.columns}")
        is RenderedPlot -> bundle(MimeTypes.PNG to OqtantPng.base64(value), "Plot ${value.width}×${value.height}")
        is LineChart -> bundle(SVG to LinePlotSvg.slice(value, "slice"), "LineChart of ${value.points.size} points")
        else -> null
    }

    private fun bundle(main: Pair<String, String>, text: String) =
        MimeTypedResult(mapOf(main, MimeTypes.PLAIN_TEXT to text), false, null)
}
