package io.qonduit.matter

import kotlin.math.PI

/**
 * A cylindrically symmetric grid in natural units: [nx] axial points over `[−lx/2, lx/2)`
 * (periodic, for the spectral axial derivative; [nx] a power of two for the FFT) and [nr] radial
 * cell centres `r_i = (i + ½)·dr` over `(0, lr)` (the service's radial grid). Arrays on the grid are
 * row-major with one row per radius: index `i·nx + j` for `(r_i, x_j)`.
 */
internal class CylindricalGrid(val nx: Int, val nr: Int, val lx: Double, val lr: Double) {
    init {
        require(nx >= 8 && nx and (nx - 1) == 0) { "nx must be a power of two" }
        require(nr >= 4) { "nr too small" }
    }

    val dx: Double = lx / nx
    val dr: Double = lr / nr
    val size: Int = nx * nr
    val x: DoubleArray = DoubleArray(nx) { -lx / 2 + it * dx }
    val r: DoubleArray = DoubleArray(nr) { (it + 0.5) * dr }

    /** Volume of the ring of cell `(i, j)`: `2π r_i dr dx`. */
    val cellVolume: DoubleArray = DoubleArray(nr) { 2 * PI * r[it] * dr * dx }

    /** Squared axial wave numbers in FFT order. */
    val kx2: DoubleArray = DoubleArray(nx) { val k = 2 * PI / lx * (if (it < nx / 2) it else it - nx); k * k }

    /** ∫|ψ|² dV. */
    fun norm(re: DoubleArray, im: DoubleArray): Double {
        var total = 0.0
        for (i in 0 until nr) {
            var row = 0.0
            val base = i * nx
            for (j in 0 until nx) row += re[base + j] * re[base + j] + im[base + j] * im[base + j]
            total += row * cellVolume[i]
        }
        return total
    }
}
