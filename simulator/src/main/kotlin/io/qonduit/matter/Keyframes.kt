package io.qonduit.matter

/**
 * A one-dimensional interpolant with the semantics of SciPy's `interp1d(kind, bounds_error=False,
 * fill_value=0)` that the service uses for keyframes and landscape samples: zero outside
 * `[xs.first, xs.last]`, exact at the samples.
 *
 * Spline kinds are interpolating B-splines on SciPy's knot vectors (quadratic: knots at the
 * midpoints between samples, second and second-to-last omitted; cubic: not-a-knot). With fewer
 * samples than the spline needs (SciPy refuses those), the degree drops to `samples − 1`; with
 * repeated sample positions the spline kinds join linearly.
 */
internal class Keyframes(private val xs: DoubleArray, private val ys: DoubleArray, kind: KeyframeInterpolation) {
    /** Repeated samples (a landscape's steps) admit no interpolating spline (SciPy refuses them): those join linearly. */
    private val kind = if (xs.toSet().size < xs.size && kind in SPLINES) KeyframeInterpolation.LINEAR else kind

    private val spline: BSpline? = when (this.kind) {
        KeyframeInterpolation.QUADRATIC -> BSpline.interpolating(xs, ys, minOf(2, xs.size - 1))
        KeyframeInterpolation.CUBIC, KeyframeInterpolation.SMOOTH -> BSpline.interpolating(xs, ys, minOf(3, xs.size - 1))
        else -> null
    }

    init {
        require(xs.size == ys.size && xs.isNotEmpty()) { "one value per sample" }
    }

    fun at(x: Double): Double {
        if (x < xs.first() || x > xs.last()) return 0.0
        spline?.let { return it.at(x) }
        // The last sample at or before x: xs[i] ≤ x < xs[i + 1], or x is a sample.
        var i = xs.size - 1
        while (i > 0 && xs[i] > x) i--
        if (xs[i] == x) return ys[i]
        val next = i + 1
        return when (kind) {
            KeyframeInterpolation.OFF, KeyframeInterpolation.ZERO, KeyframeInterpolation.PREVIOUS -> ys[i]
            KeyframeInterpolation.NEXT -> ys[next]
            KeyframeInterpolation.NEAREST -> if (x - xs[i] <= xs[next] - x) ys[i] else ys[next]
            else -> ys[i] + (ys[next] - ys[i]) * (x - xs[i]) / (xs[next] - xs[i])
        }
    }

    companion object {
        private val SPLINES = setOf(KeyframeInterpolation.QUADRATIC, KeyframeInterpolation.CUBIC, KeyframeInterpolation.SMOOTH)

        fun of(xs: List<Double>, ys: List<Double>, kind: KeyframeInterpolation): Keyframes =
            Keyframes(xs.toDoubleArray(), ys.toDoubleArray(), kind)
    }
}

/** An interpolating B-spline of degree `k` on SciPy's default knots (see [Keyframes]). */
internal class BSpline private constructor(private val knots: DoubleArray, private val coefficients: DoubleArray, private val k: Int) {
    fun at(x: Double): Double {
        val basis = basis(x)
        var s = 0.0
        for (j in coefficients.indices) s += coefficients[j] * basis[j]
        return s
    }

    /** All basis functions at [x] (Cox–de Boor), closed at the last knot. */
    private fun basis(x: Double): DoubleArray {
        val n = coefficients.size
        val last = knots.last()
        var b = DoubleArray(knots.size - 1) { i ->
            val inside = if (x == last) knots[i] < x && knots[i + 1] == x else knots[i] <= x && x < knots[i + 1]
            if (inside) 1.0 else 0.0
        }
        if (x == last) { // only the last non-empty interval
            val lastInterval = b.indexOfLast { it == 1.0 }
            b = DoubleArray(b.size) { if (it == lastInterval) 1.0 else 0.0 }
        }
        for (d in 1..k) {
            val next = DoubleArray(knots.size - 1 - d)
            for (i in next.indices) {
                val l = knots[i + d] - knots[i]
                val r = knots[i + d + 1] - knots[i + 1]
                val left = if (l > 0) (x - knots[i]) / l * b[i] else 0.0
                val right = if (r > 0) (knots[i + d + 1] - x) / r * b[i + 1] else 0.0
                next[i] = left + right
            }
            b = next
        }
        return b.copyOf(n)
    }

    companion object {
        fun interpolating(xs: DoubleArray, ys: DoubleArray, k: Int): BSpline {
            val n = xs.size
            val inner = when {
                k <= 1 -> xs.copyOfRange(1, n - 1)
                k == 2 -> DoubleArray(n - 1) { (xs[it] + xs[it + 1]) / 2 }.let { it.copyOfRange(1, it.size - 1) }
                else -> xs.copyOfRange((k - 1) / 2 + 1, n - (k - 1) / 2 - 1)
            }
            val knots = DoubleArray(k + 1) { xs.first() } + inner + DoubleArray(k + 1) { xs.last() }
            val unit = BSpline(knots, DoubleArray(n), k)
            val matrix = Array(n) { row -> unit.basis(xs[row]) }
            return BSpline(knots, solve(matrix, ys.copyOf()), k)
        }

        /** Gaussian elimination with partial pivoting (n ≤ 121). */
        private fun solve(a: Array<DoubleArray>, b: DoubleArray): DoubleArray {
            val n = b.size
            for (col in 0 until n) {
                val pivot = (col until n).maxBy { kotlin.math.abs(a[it][col]) }
                a[col] = a[pivot].also { a[pivot] = a[col] }
                b[col] = b[pivot].also { b[pivot] = b[col] }
                for (row in col + 1 until n) {
                    val f = a[row][col] / a[col][col]
                    if (f == 0.0) continue
                    for (c in col until n) a[row][c] -= f * a[col][c]
                    b[row] -= f * b[col]
                }
            }
            val x = DoubleArray(n)
            for (row in n - 1 downTo 0) {
                var s = b[row]
                for (c in row + 1 until n) s -= a[row][c] * x[c]
                x[row] = s / a[row][row]
            }
            return x
        }
    }
}
