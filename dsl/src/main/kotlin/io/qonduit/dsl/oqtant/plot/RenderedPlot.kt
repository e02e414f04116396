package io.qonduit.dsl.oqtant.plot

import java.awt.Rectangle
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO

/**
 * A rendered chart.
 *
 * @property image the picture (RGB, white background)
 * @property plotArea where the data is drawn inside [image], in pixels (the axes frame lies just outside it)
 */
public class RenderedPlot internal constructor(
    public val image: BufferedImage,
    public val plotArea: Rectangle,
) {
    /** Width of [image] in pixels. */
    public val width: Int get() = image.width

    /** Height of [image] in pixels. */
    public val height: Int get() = image.height

    /** The picture encoded as PNG. */
    public fun toPng(): ByteArray = ByteArrayOutputStream().also { ImageIO.write(image, "png", it) }.toByteArray()

    /** Writes the picture as a PNG file at [path] and returns [path]. */
    public fun writePng(path: Path): Path {
        Files.write(path, toPng())
        return path
    }

    /** Writes the picture as a PNG file at [file] and returns [file]. */
    public fun writePng(file: File): File {
        file.writeBytes(toPng())
        return file
    }

    override fun toString(): String = "RenderedPlot(${image.width} × ${image.height}, plotArea=$plotArea)"
}
