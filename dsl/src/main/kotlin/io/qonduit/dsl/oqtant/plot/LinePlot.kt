package io.qonduit.dsl.oqtant.plot

import io.qonduit.oqtant.model.LineChart
import java.awt.BasicStroke
import java.awt.Color
import java.awt.Rectangle
import java.awt.RenderingHints
import java.awt.geom.Path2D

/**
 * Renders a [LineChart] (e.g. a time-of-flight slice) as a line plot with axes and a light grid.
 * The line is drawn in [LINE_COLOUR] in the order of the points.
 */
public object LinePlot {
    /** Colour of the data line, `0xRRGGBB` (a viridis blue). */
    public const val LINE_COLOUR: Int = 0x31688E

    private const val LEFT = 80
    private const val RIGHT = 30
    private const val BOTTOM = 60
    private const val TOP = 20
    private const val TITLE_SPACE = 25
    private val GRID = Color(0xE6, 0xE6, 0xE6)

    /**
     * Renders [chart].
     *
     * @param title drawn above the plot, or null for none
     * @param xLabel x axis label (hardware slices count pixels)
     * @param yLabel y axis label
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @throws IllegalArgumentException if the chart has no finite point or the picture is too small
     */
    @JvmStatic
    @JvmOverloads
    public fun render(
        chart: LineChart,
        title: String? = null,
        xLabel: String = "x (pixel)",
        yLabel: String = "OD",
        width: Int = 640,
        height: Int = 420,
    ): RenderedPlot = render(chart.xValues(), chart.yValues(), title, xLabel, yLabel, width, height)

    /**
     * Renders the points ([xs], [ys]).
     *
     * @throws IllegalArgumentException if the arrays differ in length, hold no finite point, or the picture is too small
     */
    @JvmStatic
    @JvmOverloads
    public fun render(
        xs: DoubleArray,
        ys: DoubleArray,
        title: String? = null,
        xLabel: String = "x",
        yLabel: String = "y",
        width: Int = 640,
        height: Int = 420,
    ): RenderedPlot {
        require(xs.size == ys.size) { "xs (${xs.size}) and ys (${ys.size}) must have the same length" }
        val points = xs.indices.filter { xs[it].isFinite() && ys[it].isFinite() }
        require(points.isNotEmpty()) { "nothing to plot: no point with finite x and y" }
        val top = TOP + if (title != null) TITLE_SPACE else 0
        val area = Rectangle(LEFT, top, width - LEFT - RIGHT, height - top - BOTTOM)
        require(area.width > 10 && area.height > 10) { "a $width × $height picture is too small for a plot" }

        val (xMin, xMax) = padded(points.minOf { xs[it] }, points.maxOf { xs[it] }, 0.0)
        val (yMin, yMax) = padded(points.minOf { ys[it] }, points.maxOf { ys[it] }, 0.05)
        fun sx(x: Double) = area.x + (x - xMin) / (xMax - xMin) * (area.width - 1)
        fun sy(y: Double) = area.y + area.height - 1 - (y - yMin) / (yMax - yMin) * (area.height - 1)

        val canvas = Canvas(width, height)
        grid(canvas, area, xMin, xMax, yMin, yMax)
        val line = Path2D.Double()
        points.forEachIndexed { i, p -> if (i == 0) line.moveTo(sx(xs[p]), sy(ys[p])) else line.lineTo(sx(xs[p]), sy(ys[p])) }
        canvas.g.run {
            val savedClip = clip
            clip = area
            setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON)
            color = Color(LINE_COLOUR)
            stroke = BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
            draw(line)
            setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF)
            clip = savedClip
        }
        canvas.frame(area)
        canvas.bottomAxis(area, xMin, xMax, xLabel)
        canvas.leftAxis(area, yMin, yMax, yLabel)
        title?.let { canvas.title(it, area) }
        return canvas.done(area)
    }

    /** [low]..[high] widened by [fraction] of the span on each side; a flat range gets ±1 (or ±10 %). */
    private fun padded(low: Double, high: Double, fraction: Double): Pair<Double, Double> {
        val span = high - low
        if (span <= 0) {
            val half = if (low == 0.0) 1.0 else kotlin.math.abs(low) * 0.1
            return (low - half) to (high + half)
        }
        return (low - span * fraction) to (high + span * fraction)
    }

    private fun grid(canvas: Canvas, area: Rectangle, xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
        canvas.g.color = GRID
        for (v in Ticks(xMin, xMax).values) {
            val x = area.x + ((v - xMin) / (xMax - xMin) * (area.width - 1)).toInt()
            canvas.g.drawLine(x, area.y, x, area.y + area.height - 1)
        }
        for (v in Ticks(yMin, yMax).values) {
            val y = area.y + area.height - 1 - ((v - yMin) / (yMax - yMin) * (area.height - 1)).toInt()
            canvas.g.drawLine(area.x, y, area.x + area.width - 1, y)
        }
    }
}
