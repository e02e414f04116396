package io.qonduit.matter

import kotlin.math.ceil
import kotlin.math.sqrt

/**
 * Absorption images of a wave function, with the service's pixel layout and scaling.
 *
 * * **Column density.** `n₂(x, y) = ∫ n(x, √(y² + z²)) dz` (the Abel projection of the radial
 *   density, linear between radial cells), in atoms per µm² for [MatterUnits.ATOMS] atoms.
 * * **Optical density.** `σ·n₂` with the resonant cross-section of the imaging transition:
 *   σ = 0.1938 µm² in the trap, times the service's in-trap/TOF detection ratio 0.04057; σ =
 *   0.2907 µm² after flight.
 * * **In trap.** 148 × 512 pixels of 0.344 µm, point-sampled from the simulated window
 *   (±30.5 µm axially, ±6.1 µm radially), zero outside it, the window placed as the service places
 *   it (pixel (56, 167) is the window's corner).
 * * **Time of flight.** 100 × 100 pixels of 4.4 µm, pixel (50, 50) on the cloud's centre.
 */
internal object Imaging {
    const val IN_TRAP_ROWS: Int = 148
    const val IN_TRAP_COLUMNS: Int = 512
    const val IN_TRAP_PIXCAL: Double = 0.344
    const val TOF_SIZE: Int = 100
    const val TOF_PIXCAL: Double = 4.4
    const val SIGMA_IN_TRAP_UM2: Double = 0.1938
    const val IN_TRAP_DETECTION: Double = 0.04057
    const val SIGMA_TOF_UM2: Double = 0.2907

    fun inTrap(psi: WaveFunction): MatterImage {
        val grid = psi.grid
        val unit = MatterUnits.LENGTH_UNIT_UM
        val halfX = grid.lx / 2 * unit
        val halfY = grid.lr * unit
        val dataColumns = ceil(2 * halfX / IN_TRAP_PIXCAL - 1e-9).toInt()
        val dataRows = ceil(2 * halfY / IN_TRAP_PIXCAL - 1e-9).toInt()
        val padColumns = ceil((IN_TRAP_COLUMNS - dataColumns) / 2.0).toInt()
        val padRows = ceil((IN_TRAP_ROWS - dataRows) / 2.0).toInt()
        val xs = DoubleArray(IN_TRAP_COLUMNS) { c -> (-halfX + (c - padColumns) * IN_TRAP_PIXCAL) / unit }
        val ys = DoubleArray(IN_TRAP_ROWS) { r -> (-halfY + (r - padRows) * IN_TRAP_PIXCAL) / unit }
        val inside = { r: Int, c: Int -> r - padRows in 0 until dataRows && c - padColumns in 0 until dataColumns }
        val scale = SIGMA_IN_TRAP_UM2 * IN_TRAP_DETECTION * MatterUnits.ATOMS / (unit * unit)
        return sample(psi, ys, xs, 1.0, scale, inside)
    }

    /** After flight: φ on its grid and the radial scale λ (n₂(x, y) = λ⁻¹ n₂φ(x, y/λ)). */
    fun timeOfFlight(phi: WaveFunction, lambda: Double): MatterImage {
        val unit = MatterUnits.LENGTH_UNIT_UM
        val centre = TOF_SIZE / 2
        val positions = DoubleArray(TOF_SIZE) { (it - centre) * TOF_PIXCAL / unit }
        val scale = SIGMA_TOF_UM2 * MatterUnits.ATOMS / (unit * unit)
        return sample(phi, DoubleArray(TOF_SIZE) { positions[it] / lambda }, positions, 1 / lambda, scale) { _, _ -> true }
    }

    /** OD at rows ↔ [ys] (radial, φ-frame units) and columns ↔ [xs] (axial units); columns outside the grid are 0. */
    private fun sample(psi: WaveFunction, ys: DoubleArray, xs: DoubleArray, columnScale: Double, odScale: Double, inside: (Int, Int) -> Boolean): MatterImage {
        val grid = psi.grid
        val density = psi.density()
        val abel = abelWeights(grid, ys)
        // Column density on every (row, grid column), then linear interpolation along the axis.
        val pixels = DoubleArray(ys.size * xs.size)
        val line = DoubleArray(grid.nx)
        for (row in ys.indices) {
            java.util.Arrays.fill(line, 0.0)
            val weights = abel[row]
            for (i in 0 until grid.nr) {
                val w = weights[i]
                if (w == 0.0) continue
                val base = i * grid.nx
                for (j in 0 until grid.nx) line[j] += w * density[base + j]
            }
            for (c in xs.indices) {
                if (!inside(row, c)) continue
                val u = (xs[c] - grid.x[0]) / grid.dx
                val j = kotlin.math.floor(u).toInt()
                if (j < 0 || j >= grid.nx - 1) continue
                val f = u - j
                pixels[row * xs.size + c] = ((1 - f) * line[j] + f * line[j + 1]) * columnScale * odScale
            }
        }
        return MatterImage(pixels, ys.size, xs.size, if (xs.size == TOF_SIZE) TOF_PIXCAL else IN_TRAP_PIXCAL)
    }

    /**
     * For each |y|, weights w_i with `n₂(y) = Σ w_i n(r_i)`: the integral over z of the density
     * linearly interpolated between cell centres (constant inside the first, to 0 at `lr`), midpoint
     * rule with dz = dr/16.
     */
    private fun abelWeights(grid: CylindricalGrid, ys: DoubleArray): Array<DoubleArray> = Array(ys.size) { k ->
        val y = kotlin.math.abs(ys[k])
        val w = DoubleArray(grid.nr)
        if (y < grid.lr) {
            val dz = grid.dr / 16
            val zMax = sqrt(grid.lr * grid.lr - y * y)
            val steps = ceil(zMax / dz).toInt()
            for (s in 0 until steps) {
                val z = (s + 0.5) * zMax / steps
                val r = sqrt(y * y + z * z)
                val u = r / grid.dr - 0.5 // position in cell-centre index
                val weight = 2 * zMax / steps
                when {
                    u <= 0 -> w[0] += weight
                    u >= grid.nr - 1 -> { val f = 1 - (u - (grid.nr - 1)) / 0.5; if (f > 0) w[grid.nr - 1] += weight * f }
                    else -> { val i = u.toInt(); val f = u - i; w[i] += weight * (1 - f); w[i + 1] += weight * f }
                }
            }
        }
        w
    }
}
