package io.qonduit.simulator.ops

import kotlin.math.cos
import kotlin.math.sin
import kotlin.math.sqrt

/** Standard single-qubit matrices (re/im of m00, m01, m10, m11), matching Qiskit's conventions exactly. */
internal object Matrices {
    private val INV_SQRT2 = 1.0 / sqrt(2.0)

    val X = doubleArrayOf(0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0)
    val Y = doubleArrayOf(0.0, 0.0, 0.0, -1.0, 0.0, 1.0, 0.0, 0.0)
    val Z = diag(0.0, Math.PI)
    val H = doubleArrayOf(INV_SQRT2, 0.0, INV_SQRT2, 0.0, INV_SQRT2, 0.0, -INV_SQRT2, 0.0)
    val ID = diag(0.0, 0.0)
    val SX = doubleArrayOf(0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5)
    val SXDG = doubleArrayOf(0.5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5)

    /** diag(e^{i a}, e^{i b}); exact zeros/ones for the common multiples of pi/2 keep fast paths exact. */
    fun diag(a: Double, b: Double): DoubleArray =
        doubleArrayOf(cosExact(a), sinExact(a), 0.0, 0.0, 0.0, 0.0, cosExact(b), sinExact(b))

    fun phase(lambda: Double): DoubleArray = diag(0.0, lambda)

    fun rz(theta: Double): DoubleArray = diag(-theta / 2, theta / 2)

    fun rx(theta: Double): DoubleArray {
        val c = cos(theta / 2)
        val s = sin(theta / 2)
        return doubleArrayOf(c, 0.0, 0.0, -s, 0.0, -s, c, 0.0)
    }

    fun ry(theta: Double): DoubleArray {
        val c = cos(theta / 2)
        val s = sin(theta / 2)
        return doubleArrayOf(c, 0.0, -s, 0.0, s, 0.0, c, 0.0)
    }

    /** U(θ,φ,λ) = [[cos, -e^{iλ} sin], [e^{iφ} sin, e^{i(φ+λ)} cos]] times e^{iγ}. */
    fun u3(theta: Double, phi: Double, lambda: Double, gamma: Double = 0.0): DoubleArray {
        val c = cos(theta / 2)
        val s = sin(theta / 2)
        return doubleArrayOf(
            c * cosExact(gamma), c * sinExact(gamma),
            -s * cosExact(lambda + gamma), -s * sinExact(lambda + gamma),
            s * cosExact(phi + gamma), s * sinExact(phi + gamma),
            c * cosExact(phi + lambda + gamma), c * sinExact(phi + lambda + gamma),
        )
    }

    /** The product [a]·[b] (apply [b] first, then [a]). */
    fun product(a: DoubleArray, b: DoubleArray): DoubleArray = squareProduct(a, b, 2)

    /** The product [a]·[b] of two [size]x[size] complex matrices stored re/im row by row. */
    fun squareProduct(a: DoubleArray, b: DoubleArray, size: Int): DoubleArray {
        val out = DoubleArray(2 * size * size)
        val rowLength = 2 * size
        for (row in 0 until size) {
            for (col in 0 until size) {
                var r = 0.0
                var i = 0.0
                for (k in 0 until size) {
                    val x = rowLength * row + 2 * k
                    val y = rowLength * k + 2 * col
                    r += a[x] * b[y] - a[x + 1] * b[y + 1]
                    i += a[x] * b[y + 1] + a[x + 1] * b[y]
                }
                out[rowLength * row + 2 * col] = r
                out[rowLength * row + 2 * col + 1] = i
            }
        }
        return out
    }

    private fun cosExact(a: Double): Double = when (a) {
        0.0 -> 1.0
        else -> cos(a).let { if (Math.abs(it) < 1e-16) 0.0 else it }
    }

    private fun sinExact(a: Double): Double = when (a) {
        0.0 -> 0.0
        else -> sin(a).let { if (Math.abs(it) < 1e-16) 0.0 else it }
    }
}
