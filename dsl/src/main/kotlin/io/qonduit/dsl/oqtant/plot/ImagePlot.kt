package io.qonduit.dsl.oqtant.plot

import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.ImageShapeException
import java.awt.Color
import java.awt.Rectangle
import kotlin.math.roundToInt

/**
 * Renders an Oqtant [Image] (optical density, counts, ...) as a viridis heat map with axes in µm centred
 * on the image, and a colour bar.
 *
 * Row 0 is drawn at the top, as the Python client's `plot_it`/`plot_tof` do. Each image pixel becomes a
 * block of screen pixels of the same colour (nearest neighbour), so values are never blurred. The lowest
 * value maps to [Viridis.BOTTOM] and the highest to [Viridis.TOP]; NaN pixels are grey.
 */
public object ImagePlot {
    /** Default width of the data area, in screen pixels. */
    public const val DEFAULT_PLOT_WIDTH: Int = 600

    private const val MAX_PLOT_HEIGHT = 800
    private const val LEFT = 80
    private const val RIGHT = 110
    private const val BOTTOM = 60
    private const val TOP = 20
    private const val TITLE_SPACE = 25
    private const val BAR_GAP = 20
    private const val BAR_WIDTH = 20
    private val NAN_GREY = Color(0xBF, 0xBF, 0xBF)

    /**
     * Renders [image].
     *
     * @param title drawn above the image, or null for none
     * @param valueLabel name of the pixel values, shown over the colour bar
     * @param plotWidth width of the data area in screen pixels (the height follows the image's aspect; tall
     *   images are narrowed to keep the height at most 800)
     * @param min value mapped to the bottom colour, or null for the lowest pixel
     * @param max value mapped to the top colour, or null for the highest pixel
     * @throws ImageShapeException if the image's declared size does not match its pixels
     * @throws IllegalArgumentException if the image is empty or [plotWidth] is not positive
     */
    @JvmStatic
    @JvmOverloads
    public fun render(
        image: Image,
        title: String? = null,
        valueLabel: String = "OD",
        plotWidth: Int = DEFAULT_PLOT_WIDTH,
        min: Double? = null,
        max: Double? = null,
    ): RenderedPlot {
        val matrix = image.toMatrix()
        require(image.rows > 0 && image.columns > 0) { "cannot render an empty ${image.rows} × ${image.columns} image" }
        require(plotWidth > 0) { "plotWidth must be positive, was $plotWidth" }
        val finite = image.pixels.filter { it.isFinite() }
        val low = min ?: finite.minOrNull() ?: 0.0
        val high = max ?: finite.maxOrNull() ?: 0.0

        var width = plotWidth
        var height = (plotWidth.toDouble() * image.rows / image.columns).roundToInt().coerceAtLeast(1)
        if (height > MAX_PLOT_HEIGHT) {
            height = MAX_PLOT_HEIGHT
            width = (MAX_PLOT_HEIGHT.toDouble() * image.columns / image.rows).roundToInt().coerceAtLeast(1)
        }
        val top = TOP + if (title != null) TITLE_SPACE else 0
        val area = Rectangle(LEFT, top, width, height)
        val canvas = Canvas(LEFT + width + BAR_GAP + BAR_WIDTH + RIGHT, top + height + BOTTOM)

        paintPixels(canvas, area, matrix, image.rows, image.columns, low, high)
        canvas.frame(area)
        val pixcal = image.pixcal
        val unit = if (pixcal != null) "µm" else "pixel"
        val scale = pixcal ?: 1.0
        val halfWidth = image.columns * scale / 2
        val halfHeight = image.rows * scale / 2
        canvas.bottomAxis(area, -halfWidth, halfWidth, "x ($unit)")
        canvas.leftAxis(area, -halfHeight, halfHeight, "y ($unit)")
        colourBar(canvas, area, low, high, valueLabel)
        title?.let { canvas.title(it, area) }
        return canvas.done(area)
    }

    private fun paintPixels(
        canvas: Canvas, area: Rectangle, matrix: Array<DoubleArray>, rows: Int, columns: Int, low: Double, high: Double,
    ) {
        val span = high - low
        for (sy in 0 until area.height) {
            val row = matrix[(sy.toLong() * rows / area.height).toInt()]
            for (sx in 0 until area.width) {
                val v = row[(sx.toLong() * columns / area.width).toInt()]
                val rgb = when {
                    v.isNaN() -> NAN_GREY.rgb and 0xFFFFFF
                    span > 0 -> Viridis.rgb((v - low) / span)
                    else -> Viridis.BOTTOM
                }
                canvas.image.setRGB(area.x + sx, area.y + sy, rgb)
            }
        }
    }

    private fun colourBar(canvas: Canvas, area: Rectangle, low: Double, high: Double, label: String) {
        val bar = Rectangle(area.x + area.width + BAR_GAP, area.y, BAR_WIDTH, area.height)
        for (y in 0 until bar.height) {
            val t = if (bar.height == 1) 1.0 else 1.0 - y.toDouble() / (bar.height - 1)
            for (x in 0 until bar.width) canvas.image.setRGB(bar.x + x, bar.y + y, Viridis.rgb(t))
        }
        canvas.frame(bar)
        if (high > low) canvas.rightAxis(bar, low, high)
        canvas.textCentered(label, bar.x + bar.width / 2, bar.y - 6)
    }
}
