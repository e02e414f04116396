package io.qonduit.matter

/**
 * A flat row-major image as the service returns it: [rows] × [columns] values, [pixcalUm] µm per
 * pixel. Rows run across the axis (radial direction), columns along it.
 *
 * @property pixels row-major values (optical density)
 * @property rows number of rows
 * @property columns number of columns
 * @property pixcalUm µm per pixel
 */
public class MatterImage(public val pixels: DoubleArray, public val rows: Int, public val columns: Int, public val pixcalUm: Double) {
    init {
        require(pixels.size == rows * columns) { "pixels must hold rows × columns values" }
    }

    /** The value at ([row], [column]). */
    public operator fun get(row: Int, column: Int): Double = pixels[row * columns + column]

    /** Row [row] (along the axis). */
    public fun row(row: Int): DoubleArray = pixels.copyOfRange(row * columns, (row + 1) * columns)

    /** Column [column] (across the axis). */
    public fun column(column: Int): DoubleArray = DoubleArray(rows) { pixels[it * columns + column] }

    /** Sum of all pixels. */
    public fun sum(): Double = pixels.sum()

    override fun equals(other: Any?): Boolean =
        other is MatterImage && rows == other.rows && columns == other.columns && pixcalUm == other.pixcalUm && pixels.contentEquals(other.pixels)

    override fun hashCode(): Int = (rows * 31 + columns) * 31 + pixels.contentHashCode()

    override fun toString(): String = "MatterImage($rows × $columns, $pixcalUm µm/px)"

    public companion object {
        /**
         * Normalised correlation `Σ(a−ā)(b−b̄) / √(Σ(a−ā)² Σ(b−b̄)²)` of two images of the same size
         * (1 for images equal up to scale and offset).
         */
        @JvmStatic
        public fun correlation(a: MatterImage, b: MatterImage): Double {
            require(a.pixels.size == b.pixels.size) { "images differ in size" }
            val ma = a.pixels.average()
            val mb = b.pixels.average()
            var ab = 0.0
            var aa = 0.0
            var bb = 0.0
            for (i in a.pixels.indices) {
                val da = a.pixels[i] - ma
                val db = b.pixels[i] - mb
                ab += da * db; aa += da * da; bb += db * db
            }
            return ab / kotlin.math.sqrt(aa * bb)
        }
    }
}
