package io.qonduit.dsl.oqtant.plot

import java.awt.BasicStroke
import java.awt.Color
import java.awt.Font
import java.awt.Graphics2D
import java.awt.Rectangle
import java.awt.RenderingHints
import java.awt.geom.AffineTransform
import java.awt.image.BufferedImage

/**
 * A white RGB picture with helpers for text and axes. Only text is antialiased, so the data pixels and
 * the frame keep their exact colours.
 */
internal class Canvas(width: Int, height: Int) {
    val image = BufferedImage(width, height, BufferedImage.TYPE_INT_RGB)
    val g: Graphics2D = image.createGraphics().apply {
        color = Color.WHITE
        fillRect(0, 0, width, height)
        setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON)
        font = Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE)
        color = Color.BLACK
    }

    /** Draws [text] centred horizontally on [x] with its baseline at [y]. */
    fun textCentered(text: String, x: Int, y: Int) {
        g.drawString(text, x - g.fontMetrics.stringWidth(text) / 2, y)
    }

    /** Draws [text] ending at [x], vertically centred on [y]. */
    fun textRight(text: String, x: Int, y: Int) {
        g.drawString(text, x - g.fontMetrics.stringWidth(text), y + g.fontMetrics.ascent / 2 - 1)
    }

    /** Draws [text] starting at [x], vertically centred on [y]. */
    fun textLeft(text: String, x: Int, y: Int) {
        g.drawString(text, x, y + g.fontMetrics.ascent / 2 - 1)
    }

    /** Draws [text] rotated a quarter turn anticlockwise, centred on ([x], [y]). */
    fun textVertical(text: String, x: Int, y: Int) {
        val saved: AffineTransform = g.transform
        g.translate(x.toDouble(), y.toDouble())
        g.rotate(-Math.PI / 2)
        g.drawString(text, -g.fontMetrics.stringWidth(text) / 2, g.fontMetrics.ascent / 2)
        g.transform = saved
    }

    /** A bold title centred over [area]. */
    fun title(text: String, area: Rectangle) {
        val saved = g.font
        g.font = saved.deriveFont(Font.BOLD, TITLE_SIZE.toFloat())
        textCentered(text, area.x + area.width / 2, area.y - TITLE_GAP)
        g.font = saved
    }

    /** A 1-pixel black frame just outside [area], leaving the area itself untouched. */
    fun frame(area: Rectangle) {
        g.color = Color.BLACK
        g.stroke = BasicStroke(1f)
        g.drawRect(area.x - 1, area.y - 1, area.width + 1, area.height + 1)
    }

    /** Ticks and labels under [area] for data [min]..[max] mapped left to right. */
    fun bottomAxis(area: Rectangle, min: Double, max: Double, label: String) {
        val ticks = Ticks(min, max)
        g.color = Color.BLACK
        val y = area.y + area.height
        for (v in ticks.values) {
            val x = area.x + ((v - min) / (max - min) * (area.width - 1)).toInt()
            g.drawLine(x, y, x, y + TICK)
            textCentered(ticks.label(v), x, y + TICK + g.fontMetrics.ascent + 2)
        }
        textCentered(label, area.x + area.width / 2, y + TICK + 2 * g.fontMetrics.height + 6)
    }

    /** Ticks and labels left of [area] for data [min]..[max] mapped bottom to top. */
    fun leftAxis(area: Rectangle, min: Double, max: Double, label: String) {
        val ticks = Ticks(min, max)
        g.color = Color.BLACK
        var widest = 0
        for (v in ticks.values) {
            val y = area.y + area.height - 1 - ((v - min) / (max - min) * (area.height - 1)).toInt()
            g.drawLine(area.x - 1 - TICK, y, area.x - 1, y)
            val text = ticks.label(v)
            widest = maxOf(widest, g.fontMetrics.stringWidth(text))
            textRight(text, area.x - TICK - 4, y)
        }
        textVertical(label, area.x - TICK - 10 - widest - g.fontMetrics.height / 2, area.y + area.height / 2)
    }

    /** Ticks and labels right of [area] (a colour bar) for data [min]..[max] mapped bottom to top. */
    fun rightAxis(area: Rectangle, min: Double, max: Double) {
        val ticks = Ticks(min, max, target = 5)
        g.color = Color.BLACK
        for (v in ticks.values) {
            val y = area.y + area.height - 1 - ((v - min) / (max - min) * (area.height - 1)).toInt()
            g.drawLine(area.x + area.width, y, area.x + area.width + TICK, y)
            textLeft(ticks.label(v), area.x + area.width + TICK + 3, y)
        }
    }

    fun done(area: Rectangle): RenderedPlot {
        g.dispose()
        return RenderedPlot(image, area)
    }

    companion object {
        const val FONT_SIZE = 12
        const val TITLE_SIZE = 14
        const val TITLE_GAP = 10
        const val TICK = 5

        init {
            // Rendering needs no display; say so before AWT initialises, unless the caller decided already.
            if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true")
        }
    }
}
