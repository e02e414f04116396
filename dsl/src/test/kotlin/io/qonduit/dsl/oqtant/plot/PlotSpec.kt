package io.qonduit.dsl.oqtant.plot

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeGreaterThan as shouldBeGreaterThanDouble
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.qonduit.dsl.oqtant.Fixtures
import io.qonduit.oqtant.model.Axis
import io.qonduit.oqtant.model.ChartPoint
import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.ImageShapeException
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.LineChart
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.TimeOfFlightOutput
import java.awt.image.BufferedImage
import java.io.ByteArrayInputStream
import java.io.File
import javax.imageio.ImageIO
import kotlin.math.exp

private const val WHITE = 0xFFFFFF
private const val BLACK = 0x000000

private fun BufferedImage.rgbAt(x: Int, y: Int): Int = getRGB(x, y) and 0xFFFFFF

private fun decode(plot: RenderedPlot): BufferedImage = ImageIO.read(ByteArrayInputStream(plot.toPng()))

/** A screen pixel of [plot]'s data area that shows image pixel ([row], [column]) of a rows × columns image. */
private fun screenOf(plot: RenderedPlot, rows: Int, columns: Int, row: Int, column: Int): Pair<Int, Int> {
    val a = plot.plotArea
    val sx = (0 until a.width).first { it.toLong() * columns / a.width == column.toLong() }
    val sy = (0 until a.height).first { it.toLong() * rows / a.height == row.toLong() }
    return (a.x + sx) to (a.y + sy)
}

private fun luminance(rgb: Int): Double =
    0.2126 * ((rgb shr 16) and 0xFF) + 0.7152 * ((rgb shr 8) and 0xFF) + 0.0722 * (rgb and 0xFF)

private fun fixtureJob(name: String) = OqtantJson.decodeJob(Fixtures.rawText(name))

class PlotSpec : FunSpec({
    context("viridis") {
        test("runs from dark purple to yellow with rising lightness") {
            Viridis.entry(0) shouldBe Viridis.BOTTOM
            Viridis.entry(255) shouldBe Viridis.TOP
            Viridis.rgb(0.0) shouldBe 0x440154
            Viridis.rgb(1.0) shouldBe 0xFDE725
            Viridis.rgb(7.0) shouldBe Viridis.TOP
            Viridis.rgb(-1.0) shouldBe Viridis.BOTTOM
            // Perceptual: lightness never falls along the map.
            (1 until Viridis.SIZE).forEach { luminance(Viridis.entry(it)) shouldBeGreaterThanDouble luminance(Viridis.entry(it - 1)) - 0.5 }
        }

        test("the middle is viridis' teal #21918C within a few levels") {
            val mid = Viridis.rgb(0.5)
            listOf(16, 8, 0).forEach { shift ->
                val d = ((mid shr shift) and 0xFF) - ((0x21918C shr shift) and 0xFF)
                d shouldBeLessThan 3
                d shouldBeGreaterThan -3
            }
        }
    }

    context("image plot") {
        // 20 rows × 30 columns: a gentle ramp with its maximum in a 4 × 4 block at rows 5..8, columns 20..23.
        val rows = 20
        val columns = 30
        val pixels = DoubleArray(rows * columns) { i -> (i % columns) * 0.01 }
        for (r in 5..8) for (c in 20..23) pixels[r * columns + c] = 2.0
        pixels[rows * columns - 1] = -0.5 // the minimum, bottom-right
        val image = Image(pixels, rows, columns, 0.5)

        test("decodes as a PNG of the expected size with white background and the brightest pixel in the top colour") {
            val plot = ImagePlot.render(image, title = "synthetic")
            val png = decode(plot)

            png.width shouldBe plot.width
            png.height shouldBe plot.height
            plot.plotArea.width shouldBe ImagePlot.DEFAULT_PLOT_WIDTH
            plot.plotArea.height shouldBe 400 // 600 × 20 / 30: square image pixels
            png.width shouldBe 80 + 600 + 20 + 20 + 110
            png.height shouldBe 20 + 25 + 400 + 60

            png.rgbAt(0, 0) shouldBe WHITE
            png.rgbAt(png.width - 1, png.height - 1) shouldBe WHITE
            val (bx, by) = screenOf(plot, rows, columns, 6, 21)
            png.rgbAt(bx, by) shouldBe Viridis.TOP
            val (mx, my) = screenOf(plot, rows, columns, rows - 1, columns - 1)
            png.rgbAt(mx, my) shouldBe Viridis.BOTTOM
            // Row 0 is at the top: the top-left image pixel (0.0) sits just above the minimum's colour.
            png.rgbAt(plot.plotArea.x, plot.plotArea.y) shouldBe Viridis.rgb(0.5 / 2.5)
            // The frame lies just outside the data area.
            png.rgbAt(plot.plotArea.x - 1, plot.plotArea.y + 10) shouldBe BLACK
            png.rgbAt(plot.plotArea.x + plot.plotArea.width, plot.plotArea.y + 10) shouldBe BLACK
        }

        test("the colour bar runs from the bottom colour up to the top colour") {
            val plot = ImagePlot.render(image)
            val png = decode(plot)
            val barX = plot.plotArea.x + plot.plotArea.width + 20 + 10
            png.rgbAt(barX, plot.plotArea.y) shouldBe Viridis.TOP
            png.rgbAt(barX, plot.plotArea.y + plot.plotArea.height - 1) shouldBe Viridis.BOTTOM
        }

        test("axes and colour-bar labels are drawn as dark text left of and below the data") {
            val png = decode(ImagePlot.render(image))
            val left = (0 until 75).flatMap { x -> (20 until 420).map { y -> png.rgbAt(x, y) } }
            left.count { luminance(it) < 100 } shouldBeGreaterThan 50
            val below = (0 until png.width).flatMap { x -> (425 until png.height).map { y -> png.rgbAt(x, y) } }
            below.count { luminance(it) < 100 } shouldBeGreaterThan 50
        }

        test("a fixed range clamps values beyond it") {
            val plot = ImagePlot.render(image, min = 0.0, max = 0.1)
            val png = decode(plot)
            val (x, y) = screenOf(plot, rows, columns, 0, 29) // 0.29 > max
            png.rgbAt(x, y) shouldBe Viridis.TOP
        }

        test("an image whose declared size does not match its pixels is refused") {
            shouldThrow<ImageShapeException> { ImagePlot.render(Image(DoubleArray(10), 2, 2)) }
        }

        test("the real in-trap hardware image renders with µm axes; brightest pixel in the top colour") {
            val output = fixtureJob("result_hw_barrier_in_trap.full.json").inputs[0].output!!.values as InTrapOutput
            val it = output.itPlot
            val plot = OqtantPlots.image(output)
            plot.writePng(File(System.getProperty("java.io.tmpdir"), "qonduit_oqtant_in_trap.png"))
            val png = decode(plot)

            plot.plotArea.height shouldBe 177 // 600 × 148 / 503
            val brightest = it.pixels.indices.maxBy { i -> it.pixels[i] }
            val (x, y) = screenOf(plot, it.rows, it.columns, brightest / it.columns, brightest % it.columns)
            png.rgbAt(x, y) shouldBe Viridis.TOP
            png.rgbAt(2, 2) shouldBe WHITE
        }
    }

    context("line plot") {
        val chart = LineChart((0 until 100).map { ChartPoint(it.toDouble(), 1.5 * exp(-(it - 50.0) * (it - 50.0) / 200.0)) })

        test("decodes as a PNG with a white background, a frame and the line through the peak") {
            val plot = LinePlot.render(chart, title = "slice")
            val png = decode(plot)
            png.width shouldBe 640
            png.height shouldBe 420
            png.rgbAt(0, 0) shouldBe WHITE
            png.rgbAt(639, 419) shouldBe WHITE
            png.rgbAt(plot.plotArea.x - 1, plot.plotArea.y + 50) shouldBe BLACK

            // The peak (x = 50) is 1/21 of the padded y range below the top of the data area.
            val peakX = plot.plotArea.x + (50.0 / 99 * (plot.plotArea.width - 1)).toInt()
            val column = (plot.plotArea.y until plot.plotArea.y + plot.plotArea.height).map { png.rgbAt(peakX, it) }
            column shouldContain LinePlot.LINE_COLOUR
            val lineY = plot.plotArea.y + column.indexOf(LinePlot.LINE_COLOUR)
            val expected = plot.plotArea.y + (plot.plotArea.height - 1) * (1.0 / 22)
            (lineY - expected).toInt() shouldBeLessThan 3
            (lineY - expected).toInt() shouldBeGreaterThan -3
            // Far from the peak the line hugs the bottom, so the top of that column stays background.
            png.rgbAt(plot.plotArea.x + 2, plot.plotArea.y + 5) shouldBe WHITE
        }

        test("a time-of-flight slice is drawn in point order along µm, whatever its x holds") {
            // Simulator slices carry image values in x (quirk Q9); hardware ones pixel numbers.
            val output = fixtureJob("result_sim_paint1d_tof.full.json").inputs[0].output!!.values as TimeOfFlightOutput
            val plot = OqtantPlots.slice(output, Axis.X)
            plot.writePng(File(System.getProperty("java.io.tmpdir"), "qonduit_oqtant_tof_slice.png"))
            val png = decode(plot)
            png.width shouldBe 640
            // The cloud peaks near the middle: the line reaches the top of the data area near its centre column.
            val ys = output.slice(Axis.X)
            val peak = ys.indices.maxBy { ys[it] }
            val peakX = plot.plotArea.x + (peak.toDouble() / (ys.size - 1) * (plot.plotArea.width - 1)).toInt()
            val column = (plot.plotArea.y until plot.plotArea.y + plot.plotArea.height).map { png.rgbAt(peakX, it) }
            column.indexOf(LinePlot.LINE_COLOUR) shouldBeLessThan plot.plotArea.height / 10
            OqtantPlots.image(output).plotArea.height shouldBe 600
        }

        test("mismatched or empty data is refused") {
            shouldThrow<IllegalArgumentException> { LinePlot.render(doubleArrayOf(1.0), doubleArrayOf()) }
            shouldThrow<IllegalArgumentException> { LinePlot.render(doubleArrayOf(Double.NaN), doubleArrayOf(1.0)) }
        }
    }
})
