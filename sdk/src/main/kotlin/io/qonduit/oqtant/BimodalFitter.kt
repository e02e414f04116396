package io.qonduit.oqtant

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction
import org.apache.commons.math3.linear.Array2DRowRealMatrix
import org.apache.commons.math3.linear.ArrayRealVector
import org.apache.commons.math3.linear.RealVector
import org.apache.commons.math3.util.Pair
import kotlin.math.exp
import kotlin.math.max
import kotlin.math.sqrt

/**
 * The least-squares part of [BimodalFit]: the model, its Jacobian, starting points and bounds, in
 * pixel units. Levenberg–Marquardt from commons-math3 does the minimising.
 *
 * Parameters, in this order: Gaussian peak OD, σx, σy, Thomas–Fermi peak OD, rx, ry, centre x
 * (column), centre y (row), offset. x runs along a row (columns), y down the image (rows).
 *
 * Only the fitted region ([fittedCount] pixels) takes part: the image without the rows and columns
 * at its edges whose pixels are all exactly 0.0. Hardware images can carry such padding (a real
 * result has its first 14 rows at exactly 0.0 while the rest sits on a 0.12 OD background);
 * measured OD is never exactly 0.0 across a whole row, and fitting the padding would pull the offset
 * down and spoil the residuals. Coordinates stay those of the whole image.
 */
internal class BimodalFitter(private val pixels: DoubleArray, private val rows: Int, private val columns: Int) {
    private val firstRow: Int
    private val lastRow: Int
    private val firstColumn: Int
    private val lastColumn: Int

    init {
        fun zeroRow(r: Int) = (0 until columns).all { pixels[r * columns + it] == 0.0 }
        fun zeroColumn(c: Int) = (0 until rows).all { pixels[it * columns + c] == 0.0 }
        val keptRows = (0 until rows).filterNot(::zeroRow)
        val keptColumns = (0 until columns).filterNot(::zeroColumn)
        if (keptRows.isEmpty() || keptColumns.isEmpty()) { // nothing but zeros: fit it all
            firstRow = 0; lastRow = rows - 1; firstColumn = 0; lastColumn = columns - 1
        } else {
            firstRow = keptRows.first(); lastRow = keptRows.last(); firstColumn = keptColumns.first(); lastColumn = keptColumns.last()
        }
    }

    /** Number of pixels fitted. */
    val fittedCount: Int get() = (lastRow - firstRow + 1) * (lastColumn - firstColumn + 1)

    private val target = DoubleArray(fittedCount).also { t ->
        var i = 0
        for (row in firstRow..lastRow) for (column in firstColumn..lastColumn) t[i++] = pixels[row * columns + column]
    }

    /** The components a fit may use; the others are held at zero amplitude. */
    enum class Components(val gaussian: Boolean, val thomasFermi: Boolean) { BOTH(true, true), GAUSSIAN(true, false), THOMAS_FERMI(false, true) }

    /** A converged fit: parameters, residual sum of squares, iterations. */
    class Solution(val p: DoubleArray, val rss: Double, val iterations: Int)

    /** The Gaussian alone, started from the image's moments. */
    fun gaussian(): Solution = solve(momentStart(condensed = false), Components.GAUSSIAN)

    /** The Thomas–Fermi profile alone, started from the image's moments. */
    fun thomasFermi(): Solution = solve(momentStart(condensed = true), Components.THOMAS_FERMI)

    /**
     * Both components, started from the single-component fits: each with a faint second component,
     * and half of each. Started from the moments directly, Levenberg–Marquardt can let one component
     * collapse onto its bounds in the first steps and never recover.
     */
    fun bimodal(gaussian: Solution, thomasFermi: Solution): Solution {
        val g = gaussian.p
        val t = thomasFermi.p
        val faintCondensate = g.copyOf().also { it[TF_OD] = 0.1 * g[G_OD]; it[RX] = g[SIGMA_X]; it[RY] = g[SIGMA_Y] }
        val faintThermal = t.copyOf().also { it[G_OD] = 0.1 * t[TF_OD]; it[SIGMA_X] = t[RX]; it[SIGMA_Y] = t[RY] }
        val halves = t.copyOf().also {
            it[G_OD] = g[G_OD] / 2; it[SIGMA_X] = g[SIGMA_X]; it[SIGMA_Y] = g[SIGMA_Y]; it[TF_OD] = t[TF_OD] / 2
        }
        return listOf(faintCondensate, faintThermal, halves).map { solve(it, Components.BOTH) }.minBy { it.rss }
    }

    private fun solve(start: DoubleArray, components: Components): Solution {
        val problem = LeastSquaresBuilder()
            .start(start)
            .model(model(components))
            .target(target)
            .parameterValidator { clamp(it, components) }
            .maxEvaluations(MAX_EVALUATIONS)
            .maxIterations(MAX_EVALUATIONS)
            .build()
        val optimum: LeastSquaresOptimizer.Optimum = LevenbergMarquardtOptimizer().optimize(problem)
        val residuals = optimum.residuals
        return Solution(optimum.point.toArray(), residuals.dotProduct(residuals), optimum.iterations)
    }

    /** OD of the model at every pixel, and its derivative by every parameter. */
    private fun model(components: Components) = MultivariateJacobianFunction { point: RealVector ->
        val p = point.toArray()
        val values = DoubleArray(target.size)
        val jacobian = Array(target.size) { DoubleArray(PARAMETERS) }
        var i = 0
        for (row in firstRow..lastRow) {
            for (column in firstColumn..lastColumn) {
                values[i] = evaluate(p, column.toDouble(), row.toDouble(), components, jacobian[i])
                i++
            }
        }
        Pair(ArrayRealVector(values, false), Array2DRowRealMatrix(jacobian, false))
    }

    /** The model at (x, y); fills [gradient] when given. */
    fun evaluate(p: DoubleArray, x: Double, y: Double, components: Components, gradient: DoubleArray? = null): Double {
        var od = p[OFFSET]
        gradient?.fill(0.0)
        gradient?.set(OFFSET, 1.0)
        if (components.gaussian) {
            val u = (x - p[XC]) / p[SIGMA_X]
            val v = (y - p[YC]) / p[SIGMA_Y]
            val e = exp(-0.5 * (u * u + v * v))
            val g = p[G_OD] * e
            od += g
            gradient?.let {
                it[G_OD] = e
                it[SIGMA_X] = g * u * u / p[SIGMA_X]
                it[SIGMA_Y] = g * v * v / p[SIGMA_Y]
                it[XC] += g * u / p[SIGMA_X]
                it[YC] += g * v / p[SIGMA_Y]
            }
        }
        if (components.thomasFermi) {
            val u = (x - p[XC]) / p[RX]
            val v = (y - p[YC]) / p[RY]
            val a = 1 - u * u - v * v
            if (a > 0) {
                val root = sqrt(a)
                od += p[TF_OD] * a * root
                gradient?.let {
                    val dA = 1.5 * p[TF_OD] * root // d(OD)/dA
                    it[TF_OD] = a * root
                    it[RX] = dA * 2 * u * u / p[RX]
                    it[RY] = dA * 2 * v * v / p[RY]
                    it[XC] += dA * 2 * u / p[RX]
                    it[YC] += dA * 2 * v / p[RY]
                }
            }
        }
        return od
    }

    /** Mean residual (image − model, both components) over the fitted region. */
    fun residualMean(p: DoubleArray): Double {
        var sum = 0.0
        forEachPixel { x, y, od -> sum += od - evaluate(p, x, y, Components.BOTH) }
        return sum / fittedCount
    }

    /** Variance of the fitted region's pixels. */
    fun variance(): Double {
        val mean = target.average()
        return target.sumOf { (it - mean) * (it - mean) } / target.size
    }

    /**
     * A start from the moments of the fitted region: the offset is the median of its border pixels, the centre the
     * centroid of the cloud above it, the size its second moments (a column-integrated Thomas–Fermi
     * cloud has <x²> = rx²/7).
     */
    private fun momentStart(condensed: Boolean): DoubleArray {
        val offset = borderMedian()
        var sum = 0.0
        var sx = 0.0
        var sy = 0.0
        var peak = 0.0
        forEachPixel { x, y, od -> val w = max(od - offset, 0.0); sum += w; sx += w * x; sy += w * y; peak = max(peak, od - offset) }
        val xc = if (sum > 0) sx / sum else (firstColumn + lastColumn) / 2.0
        val yc = if (sum > 0) sy / sum else (firstRow + lastRow) / 2.0
        var vx = 0.0
        var vy = 0.0
        forEachPixel { x, y, od -> val w = max(od - offset, 0.0); vx += w * (x - xc) * (x - xc); vy += w * (y - yc) * (y - yc) }
        val sigmaX = (if (sum > 0) sqrt(vx / sum) else columns / 8.0).coerceIn(MIN_SIZE_PX, columns.toDouble())
        val sigmaY = (if (sum > 0) sqrt(vy / sum) else rows / 8.0).coerceIn(MIN_SIZE_PX, rows.toDouble())
        val amplitude = max(peak, 1e-3)
        return if (condensed) {
            doubleArrayOf(0.0, sigmaX, sigmaY, amplitude, SEVEN_ROOT * sigmaX, SEVEN_ROOT * sigmaY, xc, yc, offset)
        } else {
            doubleArrayOf(amplitude, sigmaX, sigmaY, 0.0, sigmaX, sigmaY, xc, yc, offset)
        }
    }

    /** Keeps parameters physical: amplitudes ≥ 0, sizes within the image, the centre on it. */
    private fun clamp(point: RealVector, components: Components): RealVector {
        val p = point.toArray()
        p[G_OD] = if (components.gaussian) max(p[G_OD], 0.0) else 0.0
        p[TF_OD] = if (components.thomasFermi) max(p[TF_OD], 0.0) else 0.0
        p[SIGMA_X] = p[SIGMA_X].coerceIn(MIN_SIZE_PX, columns.toDouble())
        p[RX] = p[RX].coerceIn(MIN_SIZE_PX, columns.toDouble())
        p[SIGMA_Y] = p[SIGMA_Y].coerceIn(MIN_SIZE_PX, rows.toDouble())
        p[RY] = p[RY].coerceIn(MIN_SIZE_PX, rows.toDouble())
        p[XC] = p[XC].coerceIn(0.0, columns - 1.0)
        p[YC] = p[YC].coerceIn(0.0, rows - 1.0)
        return ArrayRealVector(p, false)
    }

    private fun borderMedian(): Double {
        val border = ArrayList<Double>(2 * (lastRow - firstRow + lastColumn - firstColumn + 2))
        forEachPixel { x, y, od -> if (x.toInt() == firstColumn || y.toInt() == firstRow || x.toInt() == lastColumn || y.toInt() == lastRow) border += od }
        border.sort()
        return border[border.size / 2]
    }

    private inline fun forEachPixel(action: (x: Double, y: Double, od: Double) -> Unit) {
        for (row in firstRow..lastRow) for (column in firstColumn..lastColumn) action(column.toDouble(), row.toDouble(), pixels[row * columns + column])
    }

    companion object {
        const val G_OD = 0
        const val SIGMA_X = 1
        const val SIGMA_Y = 2
        const val TF_OD = 3
        const val RX = 4
        const val RY = 5
        const val XC = 6
        const val YC = 7
        const val OFFSET = 8
        const val PARAMETERS = 9

        /** Smallest width or radius, pixels: below one pixel the model is not sampled. */
        const val MIN_SIZE_PX = 0.5
        private const val MAX_EVALUATIONS = 1000
        private val SEVEN_ROOT = sqrt(7.0)
    }
}
