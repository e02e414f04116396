package io.qonduit.emulator.oqtant

import io.qonduit.matter.ProjectedPotential
import kotlin.math.PI
import kotlin.math.atan
import kotlin.math.cbrt
import kotlin.math.ln
import kotlin.math.pow
import kotlin.math.roundToLong
import kotlin.math.sqrt

/**
 * The analytic cloud of one run: a documented, deliberately simple stand-in for the hardware.
 *
 * * **Temperature.** Inverts the Python client's rule `last RF frequency = 0.067/200 MHz per nK × T`
 *   (oqtant.md §4.2): `T = f / (0.067/200)` using the last RF point at t ≤ 0 (points with t > 0 are the
 *   RF shield), capped at [MAX_TEMPERATURE_NK].
 * * **Populations.** Total atoms grow with the final temperature (less evaporation keeps more atoms):
 *   `N = 15 000 + 100 × T[nK]`. Ideal Bose gas in a harmonic trap: condensed fraction
 *   `1 − (T/Tc)³` with `Tc = 200 nK`; thermal = N − condensed.
 * * **Trap.** Rb-87 in a cigar trap, 50 Hz axial and 400 Hz radial (the service's trap frequencies,
 *   oqtant.md §6), plus the painted potential at `end_time_ms` along the axis, as the projector
 *   realises it (`io.qonduit.matter.ProjectedPotential`, shared with the matter simulator).
 * * **In trap.** Thomas–Fermi condensate in the local-density approximation in the full potential
 *   (chemical potential solved numerically so that the density integrates to the condensed number),
 *   plus a Boltzmann thermal cloud in the same potential.
 * * **Time of flight.** Thomas–Fermi cloud of the harmonic trap scaled with the Castin–Dum solution for
 *   a cigar trap (radial factor √(1+τ²), axial 1 + ε²(τ·atan τ − ln√(1+τ²)), τ = ω_r·t, ε = ω_x/ω_r),
 *   plus a ballistic thermal Gaussian (σ² = kT/(mω²) + kT·t²/m). Painted potentials are not resolved
 *   after flight.
 *
 * Lasers (terminator), RF powers and the shield are not modelled.
 */
internal class MatterModel(val values: ValuesDto) {
    val temperatureNk: Double = (lastEvaporationFrequency(values) / MHZ_PER_NK).coerceIn(0.0, MAX_TEMPERATURE_NK)
    val totalAtoms: Long = (ATOMS_AT_ZERO + ATOMS_PER_NK * temperatureNk).roundToLong()
    val condensedFraction: Double = if (temperatureNk >= TC_NK) 0.0 else 1 - (temperatureNk / TC_NK).pow(3)
    val condensedAtoms: Long = (totalAtoms * condensedFraction).roundToLong()
    val thermalAtoms: Long = totalAtoms - condensedAtoms

    private val kT = KB * temperatureNk * 1e-9
    private val potential = ProjectedPotential(values.toMatterExperiment())

    /** Chemical potential (J) of the harmonic-trap condensate: ½ħω̄(15 N₀ a / a_ho)^(2/5). */
    private val harmonicMu: Double = run {
        val omegaBar = cbrt(OMEGA_X * OMEGA_R * OMEGA_R)
        val aHo = sqrt(HBAR / (MASS * omegaBar))
        0.5 * HBAR * omegaBar * (15.0 * condensedAtoms * SCATTERING_LENGTH / aHo).pow(0.4)
    }

    /** Axial potential at the imaging time in J at [xsUm]: magnetic harmonic plus painted light. */
    fun axialPotential(xsUm: DoubleArray): DoubleArray {
        val light = potential.actual(values.endTimeMs, xsUm)
        return DoubleArray(xsUm.size) { val x = xsUm[it] * 1e-6; 0.5 * MASS * OMEGA_X * OMEGA_X * x * x + light[it] * 1e3 * PLANCK }
    }

    /**
     * In-trap column density (atoms/µm², integrated along the line of sight) on a grid of axial
     * positions [xsUm] × radial positions [ysUm]; row-major with rows = radial.
     */
    fun inTrapColumnDensity(xsUm: DoubleArray, ysUm: DoubleArray): DoubleArray {
        val v = axialPotential(xsUm)
        val mu = inTrapMu()
        val radialStiffness = MASS * OMEGA_R * OMEGA_R
        val tfPrefactor = (4.0 / 3.0) * sqrt(2.0 / radialStiffness) / G_INTERACTION * 1e-12 // per µm²
        // Thermal: axial Boltzmann weight normalised over a wide axis, radial Gaussian.
        val thermal = DoubleArray(xsUm.size)
        if (thermalAtoms > 0 && kT > 0) {
            val grid = axisGrid()
            val norm = axialPotential(grid).sumOf { kotlin.math.exp(-it / kT) } * AXIS_STEP_UM
            val sigmaR = sqrt(kT / radialStiffness) * 1e6
            for (j in xsUm.indices) thermal[j] = thermalAtoms * kotlin.math.exp(-v[j] / kT) / norm / (sqrt(2 * PI) * sigmaR)
            val out = DoubleArray(xsUm.size * ysUm.size)
            fill(out, xsUm, ysUm, v, mu, tfPrefactor, radialStiffness)
            for (i in ysUm.indices) {
                val g = kotlin.math.exp(-ysUm[i] * ysUm[i] / (2 * sigmaR * sigmaR))
                for (j in xsUm.indices) out[i * xsUm.size + j] += thermal[j] * g
            }
            return out
        }
        return DoubleArray(xsUm.size * ysUm.size).also { fill(it, xsUm, ysUm, v, mu, tfPrefactor, radialStiffness) }
    }

    private fun fill(out: DoubleArray, xs: DoubleArray, ys: DoubleArray, v: DoubleArray, mu: Double, pre: Double, k: Double) {
        if (condensedAtoms == 0L) return
        for (i in ys.indices) {
            val y = ys[i] * 1e-6
            val radial = 0.5 * k * y * y
            for (j in xs.indices) {
                val local = mu - v[j] - radial
                if (local > 0) out[i * xs.size + j] += pre * local.pow(1.5)
            }
        }
    }

    /** Chemical potential (J) in the full potential, by bisection on N₀ = π/(g m ω_r²) ∫ (μ − V)₊² dx. */
    private fun inTrapMu(): Double {
        if (condensedAtoms == 0L) return 0.0
        val v = axialPotential(axisGrid()).asList()
        val scale = PI / (G_INTERACTION * MASS * OMEGA_R * OMEGA_R) * AXIS_STEP_UM * 1e-6
        fun atoms(mu: Double) = scale * v.sumOf { val d = mu - it; if (d > 0) d * d else 0.0 }
        var lo = 0.0
        var hi = harmonicMu * 4 + 200e3 * PLANCK
        repeat(BISECTION_STEPS) {
            val mid = 0.5 * (lo + hi)
            if (atoms(mid) < condensedAtoms) lo = mid else hi = mid
        }
        return 0.5 * (lo + hi)
    }

    private fun axisGrid(): DoubleArray {
        val n = (2 * AXIS_HALF_WIDTH_UM / AXIS_STEP_UM).toInt() + 1
        return DoubleArray(n) { -AXIS_HALF_WIDTH_UM + it * AXIS_STEP_UM }
    }

    /** The cloud after [tofMs] of free flight: sizes in µm and peak column densities in atoms/µm². */
    fun timeOfFlight(tofMs: Double): TofCloud {
        val t = tofMs * 1e-3
        val tau = OMEGA_R * t
        val eps = OMEGA_X / OMEGA_R
        val radialScale = sqrt(1 + tau * tau)
        val axialScale = 1 + eps * eps * (tau * atan(tau) - ln(sqrt(1 + tau * tau)))
        val rx = sqrt(2 * harmonicMu / (MASS * OMEGA_X * OMEGA_X)) * axialScale * 1e6
        val ry = sqrt(2 * harmonicMu / (MASS * OMEGA_R * OMEGA_R)) * radialScale * 1e6
        val sx = if (kT > 0) sqrt(kT / (MASS * OMEGA_X * OMEGA_X) + kT * t * t / MASS) * 1e6 else 0.0
        val sy = if (kT > 0) sqrt(kT / (MASS * OMEGA_R * OMEGA_R) + kT * t * t / MASS) * 1e6 else 0.0
        val tfPeak = if (condensedAtoms > 0) 5.0 * condensedAtoms / (2 * PI * rx * ry) else 0.0
        val thermalPeak = if (thermalAtoms > 0 && sx > 0) thermalAtoms / (2 * PI * sx * sy) else 0.0
        return TofCloud(rx, ry, tfPeak, sx, sy, thermalPeak)
    }

    companion object {
        const val MHZ_PER_NK: Double = 0.067 / 200
        const val MAX_TEMPERATURE_NK: Double = 1000.0
        const val TC_NK: Double = 200.0
        const val ATOMS_AT_ZERO: Double = 15_000.0
        const val ATOMS_PER_NK: Double = 100.0

        const val HBAR: Double = 1.054571817e-34
        const val PLANCK: Double = 6.62607015e-34
        const val KB: Double = 1.380649e-23
        const val MASS: Double = 86.909 * 1.66054e-27
        const val SCATTERING_LENGTH: Double = 5.29e-9
        val G_INTERACTION: Double = 4 * PI * HBAR * HBAR * SCATTERING_LENGTH / MASS
        val OMEGA_X: Double = 2 * PI * 50.0
        val OMEGA_R: Double = 2 * PI * 400.0

        private const val AXIS_HALF_WIDTH_UM = 150.0
        private const val AXIS_STEP_UM = 0.1
        private const val BISECTION_STEPS = 60

        fun lastEvaporationFrequency(values: ValuesDto): Double {
            val rf = values.rfEvaporation
            val index = rf.timesMs.indices.filter { rf.timesMs[it] <= 0 }.maxByOrNull { rf.timesMs[it] } ?: rf.timesMs.lastIndex
            return rf.frequenciesMhz.getOrElse(index) { 0.0 }
        }
    }
}

/**
 * The cloud after time of flight.
 *
 * @property tfRadiusXUm, tfRadiusYUm Thomas–Fermi radii (axial, radial)
 * @property tfPeak peak condensate column density, atoms/µm²
 * @property sigmaXUm, sigmaYUm thermal Gaussian widths
 * @property thermalPeak peak thermal column density, atoms/µm²
 */
internal class TofCloud(
    val tfRadiusXUm: Double,
    val tfRadiusYUm: Double,
    val tfPeak: Double,
    val sigmaXUm: Double,
    val sigmaYUm: Double,
    val thermalPeak: Double,
) {
    fun columnDensity(xUm: Double, yUm: Double): Double {
        var n = 0.0
        if (tfPeak > 0) {
            val q = 1 - (xUm / tfRadiusXUm).pow(2) - (yUm / tfRadiusYUm).pow(2)
            if (q > 0) n += tfPeak * q.pow(1.5)
        }
        if (thermalPeak > 0) {
            n += thermalPeak * kotlin.math.exp(-xUm * xUm / (2 * sigmaXUm * sigmaXUm) - yUm * yUm / (2 * sigmaYUm * sigmaYUm))
        }
        return n
    }
}
