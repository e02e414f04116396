package io.qonduit.oqtant.model

import io.qonduit.errors.QonduitException
import kotlinx.serialization.Serializable

/**
 * An image as the service sends it: a flat, row-major list of pixel values with its declared size.
 *
 * The declared size and the number of pixels may disagree (the Python simulator's dummy images declare
 * 2 × 2 but carry 10 000 pixels). Decoding keeps both as they are; [get], [row] and [toMatrix] reshape
 * only when they agree and throw [ImageShapeException] otherwise.
 *
 * Pixels are decoded straight from the JSON array into a [DoubleArray] (8 bytes per pixel, no JSON
 * tree); see [ImageSerializer] for the compact form used in Qonduit's own snapshots.
 *
 * @property pixels flat pixel values, row-major; treat as read-only
 * @property rows declared number of rows
 * @property columns declared number of columns
 * @property pixcal µm per pixel, or null
 */
@Serializable(with = ImageSerializer::class)
public class Image @JvmOverloads constructor(
    public val pixels: DoubleArray,
    public val rows: Int,
    public val columns: Int,
    public val pixcal: Double? = 1.0,
) {
    /** Number of pixels actually carried. */
    public val pixelCount: Int get() = pixels.size

    /** Whether `rows × columns` equals [pixelCount], i.e. the image can be reshaped. */
    public val isShapeConsistent: Boolean
        get() = rows >= 0 && columns >= 0 && rows.toLong() * columns == pixels.size.toLong()

    /** Width of the image in µm (`columns × pixcal`), or null without a calibration. */
    public val widthUm: Double? get() = pixcal?.let { it * columns }

    /** Height of the image in µm (`rows × pixcal`), or null without a calibration. */
    public val heightUm: Double? get() = pixcal?.let { it * rows }

    /**
     * The pixel at [row], [column].
     *
     * @throws ImageShapeException if the declared size does not match the pixel count
     * @throws IndexOutOfBoundsException if [row] or [column] is outside the image
     */
    public operator fun get(row: Int, column: Int): Double {
        requireShape()
        if (row !in 0 until rows || column !in 0 until columns) {
            throw IndexOutOfBoundsException("pixel ($row, $column) outside a $rows × $columns image")
        }
        return pixels[row * columns + column]
    }

    /** A copy of one row. @throws ImageShapeException if the declared size does not match the pixel count */
    public fun row(row: Int): DoubleArray {
        requireShape()
        if (row !in 0 until rows) throw IndexOutOfBoundsException("row $row outside a $rows × $columns image")
        return pixels.copyOfRange(row * columns, (row + 1) * columns)
    }

    /** The image as `rows` arrays of `columns` values. @throws ImageShapeException if the sizes disagree */
    public fun toMatrix(): Array<DoubleArray> {
        requireShape()
        return Array(rows) { r -> pixels.copyOfRange(r * columns, (r + 1) * columns) }
    }

    private fun requireShape() {
        if (!isShapeConsistent) throw ImageShapeException(rows, columns, pixels.size)
    }

    override fun equals(other: Any?): Boolean =
        other is Image && other.rows == rows && other.columns == columns && other.pixcal == pixcal &&
            other.pixels.contentEquals(pixels)

    override fun hashCode(): Int = ((pixels.contentHashCode() * 31 + rows) * 31 + columns) * 31 + pixcal.hashCode()

    override fun toString(): String = "Image(rows=$rows, columns=$columns, pixcal=$pixcal, pixels=${pixels.size})"
}

/**
 * An [Image] cannot be reshaped because its declared `rows × columns` differs from the pixels it carries.
 *
 * @property rows declared rows
 * @property columns declared columns
 * @property pixelCount pixels actually carried
 */
public class ImageShapeException(
    public val rows: Int,
    public val columns: Int,
    public val pixelCount: Int,
) : QonduitException("image declares rows × columns = $rows × $columns but carries $pixelCount pixels")
