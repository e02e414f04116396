package io.qonduit.matter

import org.apache.commons.math3.transform.DftNormalization
import org.apache.commons.math3.transform.FastFourierTransformer
import org.apache.commons.math3.transform.TransformType
import kotlin.math.cos
import kotlin.math.exp
import kotlin.math.sin

/**
 * The operators of the split-step Gross–Pitaevskii propagator on a [CylindricalGrid]:
 * `H = −½∂x² + s·(−½∇r²) + V + g|ψ|²`, with `s` a radial scale (1 in the trap, `1/λ²` in the
 * expanding frame of time of flight).
 *
 * * Axial kinetic part: exact, by FFT along every row (spectral accuracy, periodic axis).
 * * Radial kinetic part: Crank–Nicolson on the conservative second-order stencil
 *   `(1/r) ∂r(r ∂rψ)` on the cell-centred grid (Neumann at the axis, ψ = 0 beyond `lr`). The stencil
 *   is symmetric for the weights `r_i`, so the Crank–Nicolson factor is exactly unitary for the norm
 *   `Σ r_i|ψ|²`; its phase error is `(λ dt)³/12` per step for a radial mode of energy `λ`.
 * * Potential and interaction: exact phase `exp(−i(V + g|ψ|²)τ)` (|ψ| is constant under it).
 *
 * In imaginary time the same factors are applied with `dt → −i dt` (decaying exponentials and the
 * Crank–Nicolson resolvent), the classical normalised gradient flow.
 */
internal class SplitStep(private val grid: CylindricalGrid) {
    private val nx = grid.nx
    private val nr = grid.nr
    private val fft = Array(2) { DoubleArray(nx) }
    private val rhsRe = DoubleArray(grid.size)
    private val rhsIm = DoubleArray(grid.size)

    // Radial stencil: (Aψ)_i = lower_i ψ_{i−1} + diagonal_i ψ_i + upper_i ψ_{i+1}, A = −½(1/r)∂r(r∂r).
    private val lower = DoubleArray(nr)
    private val diagonal = DoubleArray(nr)
    private val upper = DoubleArray(nr)

    init {
        val dr2 = grid.dr * grid.dr
        for (i in 0 until nr) {
            val inner = if (i == 0) 0.0 else i * grid.dr // r_{i−½}
            val outer = (i + 1) * grid.dr // r_{i+½}
            val scale = 0.5 / (grid.r[i] * dr2)
            lower[i] = -scale * inner
            upper[i] = if (i == nr - 1) 0.0 else -scale * outer
            diagonal[i] = scale * (inner + outer)
        }
    }

    /** ψ ← exp(−i(V + g|ψ|²)τ)ψ, or in imaginary time ψ ← exp(−(V + g|ψ|²)τ)ψ. [potential] may be null (zero). */
    fun potential(re: DoubleArray, im: DoubleArray, potential: DoubleArray?, potentialScale: Double, g: Double, tau: Double, imaginary: Boolean) {
        for (n in 0 until grid.size) {
            val a = re[n]
            val b = im[n]
            val v = (if (potential == null) 0.0 else potential[n] * potentialScale) + g * (a * a + b * b)
            if (imaginary) {
                val f = exp(-v * tau)
                re[n] = a * f
                im[n] = b * f
            } else {
                val c = cos(v * tau)
                val s = sin(v * tau)
                re[n] = a * c + b * s
                im[n] = b * c - a * s
            }
        }
    }

    /**
     * Real-time ψ ← exp(−i(V + g|ψ|²)τ)ψ with the static part given as its phase factor
     * `exp(−iVτ)` ([staticCos], [staticSin], computed once per potential refresh) and the
     * interaction phase by its Taylor series (to 10⁻¹⁶ for |g|ψ|²τ| ≤ 0.5, else by cos/sin).
     */
    fun potentialWithFactors(re: DoubleArray, im: DoubleArray, staticCos: DoubleArray, staticSin: DoubleArray, g: Double, tau: Double) {
        for (n in 0 until grid.size) {
            val a = re[n]
            val b = im[n]
            val theta = g * (a * a + b * b) * tau
            val c: Double
            val s: Double
            if (theta < 0.5) {
                val t2 = theta * theta
                c = 1 + t2 * (-1.0 / 2 + t2 * (1.0 / 24 + t2 * (-1.0 / 720 + t2 * (1.0 / 40320 + t2 * (-1.0 / 3628800 + t2 * (1.0 / 479001600 - t2 / 87178291200.0))))))
                s = theta * (1 + t2 * (-1.0 / 6 + t2 * (1.0 / 120 + t2 * (-1.0 / 5040 + t2 * (1.0 / 362880 + t2 * (-1.0 / 39916800 + t2 / 6227020800.0))))))
            } else {
                c = cos(theta)
                s = sin(theta)
            }
            // e^{−iθ}·e^{−iVτ}
            val fc = c * staticCos[n] - s * staticSin[n]
            val fs = s * staticCos[n] + c * staticSin[n]
            re[n] = a * fc + b * fs
            im[n] = b * fc - a * fs
        }
    }

    /** The phase factors `cos(Vτ)`, `sin(Vτ)` of a static potential for [potentialWithFactors]. */
    fun staticFactors(potential: DoubleArray, tau: Double): Pair<DoubleArray, DoubleArray> =
        DoubleArray(grid.size) { cos(potential[it] * tau) } to DoubleArray(grid.size) { sin(potential[it] * tau) }

    /** ψ ← exp(−i dt (−½∂x²)) and Crank–Nicolson for exp(−i dt s(−½∇r²)); in imaginary time, the decaying versions. */
    fun kinetic(re: DoubleArray, im: DoubleArray, dt: Double, radialScale: Double, imaginary: Boolean) {
        axial(re, im, dt, imaginary)
        radial(re, im, dt * radialScale, imaginary)
    }

    private fun axial(re: DoubleArray, im: DoubleArray, dt: Double, imaginary: Boolean) {
        val fr = fft[0]
        val fi = fft[1]
        val cosines = DoubleArray(nx)
        val sines = DoubleArray(nx)
        for (k in 0 until nx) {
            val phase = 0.5 * grid.kx2[k] * dt
            if (imaginary) { cosines[k] = exp(-phase); sines[k] = 0.0 } else { cosines[k] = cos(phase); sines[k] = sin(phase) }
        }
        for (i in 0 until nr) {
            val base = i * nx
            System.arraycopy(re, base, fr, 0, nx)
            System.arraycopy(im, base, fi, 0, nx)
            FastFourierTransformer.transformInPlace(fft, DftNormalization.STANDARD, TransformType.FORWARD)
            for (k in 0 until nx) {
                val a = fr[k]
                val b = fi[k]
                fr[k] = a * cosines[k] + b * sines[k]
                fi[k] = b * cosines[k] - a * sines[k]
            }
            FastFourierTransformer.transformInPlace(fft, DftNormalization.STANDARD, TransformType.INVERSE)
            System.arraycopy(fr, 0, re, base, nx)
            System.arraycopy(fi, 0, im, base, nx)
        }
    }

    /**
     * Crank–Nicolson: (1 + cA)ψ' = (1 − cA)ψ with c = i·dt/2 (real time) or dt/2 (imaginary time),
     * by the Thomas algorithm, rows at a time so that the inner loops run along contiguous memory.
     */
    private fun radial(re: DoubleArray, im: DoubleArray, dt: Double, imaginary: Boolean) {
        val cr = if (imaginary) dt / 2 else 0.0
        val ci = if (imaginary) 0.0 else dt / 2
        // Right-hand side (1 − cA)ψ, written into rhs arrays.
        val rr = rhsRe
        val ri = rhsIm
        for (i in 0 until nr) {
            val base = i * nx
            for (j in 0 until nx) {
                val n = base + j
                var ar = diagonal[i] * re[n]
                var ai = diagonal[i] * im[n]
                if (i > 0) { ar += lower[i] * re[n - nx]; ai += lower[i] * im[n - nx] }
                if (i < nr - 1) { ar += upper[i] * re[n + nx]; ai += upper[i] * im[n + nx] }
                // ψ − c·Aψ
                rr[n] = re[n] - (cr * ar - ci * ai)
                ri[n] = im[n] - (cr * ai + ci * ar)
            }
        }
        // Thomas coefficients, the same for every column: γ_i = c·u_i·β_i, β_i = 1/(1 + c d_i − c l_i γ_{i−1}).
        val gammaR = DoubleArray(nr)
        val gammaI = DoubleArray(nr)
        val betaR = DoubleArray(nr)
        val betaI = DoubleArray(nr)
        val clR = DoubleArray(nr)
        val clI = DoubleArray(nr)
        for (i in 0 until nr) {
            clR[i] = cr * lower[i]
            clI[i] = ci * lower[i]
            var dR = 1 + cr * diagonal[i]
            var dI = ci * diagonal[i]
            if (i > 0) {
                dR -= clR[i] * gammaR[i - 1] - clI[i] * gammaI[i - 1]
                dI -= clR[i] * gammaI[i - 1] + clI[i] * gammaR[i - 1]
            }
            val m = dR * dR + dI * dI
            betaR[i] = dR / m
            betaI[i] = -dI / m
            val cuR = cr * upper[i]
            val cuI = ci * upper[i]
            gammaR[i] = cuR * betaR[i] - cuI * betaI[i]
            gammaI[i] = cuR * betaI[i] + cuI * betaR[i]
        }
        // Forward sweep: ρ_i = (rhs_i − c l_i ρ_{i−1}) β_i, kept in rr/ri.
        for (i in 0 until nr) {
            val base = i * nx
            for (j in 0 until nx) {
                val n = base + j
                var sR = rr[n]
                var sI = ri[n]
                if (i > 0) {
                    val pR = rr[n - nx]
                    val pI = ri[n - nx]
                    sR -= clR[i] * pR - clI[i] * pI
                    sI -= clR[i] * pI + clI[i] * pR
                }
                rr[n] = sR * betaR[i] - sI * betaI[i]
                ri[n] = sR * betaI[i] + sI * betaR[i]
            }
        }
        // Back substitution: ψ_i = ρ_i − γ_i ψ_{i+1}.
        for (i in nr - 1 downTo 0) {
            val base = i * nx
            for (j in 0 until nx) {
                val n = base + j
                var sR = rr[n]
                var sI = ri[n]
                if (i < nr - 1) {
                    val nR = re[n + nx]
                    val nI = im[n + nx]
                    sR -= gammaR[i] * nR - gammaI[i] * nI
                    sI -= gammaR[i] * nI + gammaI[i] * nR
                }
                re[n] = sR
                im[n] = sI
            }
        }
    }

    /** Fraction of ∫|ψ|² at axial wave numbers above [fraction] of the largest one. */
    fun spectralTail(re: DoubleArray, im: DoubleArray, fraction: Double): Double {
        val fr = fft[0]
        val fi = fft[1]
        val k2Max = grid.kx2[nx / 2] * fraction * fraction
        var tail = 0.0
        var total = 0.0
        for (i in 0 until nr) {
            System.arraycopy(re, i * nx, fr, 0, nx)
            System.arraycopy(im, i * nx, fi, 0, nx)
            FastFourierTransformer.transformInPlace(fft, DftNormalization.STANDARD, TransformType.FORWARD)
            var rowTail = 0.0
            var rowTotal = 0.0
            for (k in 0 until nx) {
                val p = fr[k] * fr[k] + fi[k] * fi[k]
                rowTotal += p
                if (grid.kx2[k] > k2Max) rowTail += p
            }
            tail += rowTail * grid.cellVolume[i]
            total += rowTotal * grid.cellVolume[i]
        }
        return tail / total
    }

    /**
     * ψ on [finer], a grid of the same extent with twice the axial points, by exact spectral
     * interpolation (the spectrum zero-padded; the Nyquist bin split between ±k).
     */
    fun refineAxially(psi: WaveFunction, finer: CylindricalGrid): WaveFunction {
        require(finer.nx == 2 * nx && finer.nr == nr && finer.lx == grid.lx)
        val m = finer.nx
        val re2 = DoubleArray(finer.size)
        val im2 = DoubleArray(finer.size)
        val big = Array(2) { DoubleArray(m) }
        for (i in 0 until nr) {
            System.arraycopy(psi.re, i * nx, fft[0], 0, nx)
            System.arraycopy(psi.im, i * nx, fft[1], 0, nx)
            FastFourierTransformer.transformInPlace(fft, DftNormalization.STANDARD, TransformType.FORWARD)
            java.util.Arrays.fill(big[0], 0.0)
            java.util.Arrays.fill(big[1], 0.0)
            for (k in 0 until nx) {
                val target = when {
                    k < nx / 2 -> k
                    k > nx / 2 -> k + nx
                    else -> -1
                }
                for (c in 0..1) {
                    if (target >= 0) big[c][target] = fft[c][k] * 2
                    else { big[c][nx / 2] = fft[c][k]; big[c][m - nx / 2] = fft[c][k] }
                }
            }
            FastFourierTransformer.transformInPlace(big, DftNormalization.STANDARD, TransformType.INVERSE)
            System.arraycopy(big[0], 0, re2, i * m, m)
            System.arraycopy(big[1], 0, im2, i * m, m)
        }
        return WaveFunction(finer, re2, im2).also { it.normalise() }
    }

    /**
     * Energy terms of ψ: kinetic (axial spectral + radial stencil, radial part times [radialScale]),
     * potential `∫V|ψ|²` and `∫|ψ|⁴`; with them `μ = (T + V + g·I₄)/N` and `E = T + V + g·I₄/2`.
     */
    fun energies(re: DoubleArray, im: DoubleArray, potential: DoubleArray?, potentialScale: Double, radialScale: Double): EnergyTerms {
        var kinetic = 0.0
        var potentialEnergy = 0.0
        var quartic = 0.0
        val fr = fft[0]
        val fi = fft[1]
        for (i in 0 until nr) {
            val base = i * nx
            System.arraycopy(re, base, fr, 0, nx)
            System.arraycopy(im, base, fi, 0, nx)
            FastFourierTransformer.transformInPlace(fft, DftNormalization.STANDARD, TransformType.FORWARD)
            var axialRow = 0.0
            for (k in 0 until nx) axialRow += 0.5 * grid.kx2[k] * (fr[k] * fr[k] + fi[k] * fi[k])
            var radialRow = 0.0
            var potentialRow = 0.0
            var quarticRow = 0.0
            for (j in 0 until nx) {
                val n = base + j
                var ar = diagonal[i] * re[n]
                var ai = diagonal[i] * im[n]
                if (i > 0) { ar += lower[i] * re[n - nx]; ai += lower[i] * im[n - nx] }
                if (i < nr - 1) { ar += upper[i] * re[n + nx]; ai += upper[i] * im[n + nx] }
                radialRow += re[n] * ar + im[n] * ai
                val density = re[n] * re[n] + im[n] * im[n]
                if (potential != null) potentialRow += potential[n] * potentialScale * density
                quarticRow += density * density
            }
            val w = grid.cellVolume[i]
            kinetic += w * (axialRow / nx + radialScale * radialRow)
            potentialEnergy += w * potentialRow
            quartic += w * quarticRow
        }
        return EnergyTerms(kinetic, potentialEnergy, quartic, grid.norm(re, im))
    }
}

/** Energy integrals of a wave function (see [SplitStep.energies]). */
internal class EnergyTerms(val kinetic: Double, val potential: Double, val quartic: Double, val norm: Double) {
    fun chemicalPotential(g: Double): Double = (kinetic + potential + g * quartic) / norm
    fun energy(g: Double): Double = kinetic + potential + 0.5 * g * quartic
}
