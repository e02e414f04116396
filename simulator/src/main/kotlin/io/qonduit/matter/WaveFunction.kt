package io.qonduit.matter

/** A condensate wave function on a [CylindricalGrid], normalised to 1 (real and imaginary parts). */
internal class WaveFunction(val grid: CylindricalGrid, val re: DoubleArray, val im: DoubleArray) {
    fun norm(): Double = grid.norm(re, im)

    fun normalise() {
        val f = 1 / kotlin.math.sqrt(norm())
        for (n in re.indices) { re[n] *= f; im[n] *= f }
    }

    fun density(): DoubleArray = DoubleArray(grid.size) { re[it] * re[it] + im[it] * im[it] }

    fun copy(): WaveFunction = WaveFunction(grid, re.copyOf(), im.copyOf())

    /** ⟨x²⟩ − ⟨x⟩² along the axis. */
    fun axialVariance(): Double {
        var n = 0.0
        var m1 = 0.0
        var m2 = 0.0
        for (i in 0 until grid.nr) for (j in 0 until grid.nx) {
            val k = i * grid.nx + j
            val w = grid.cellVolume[i] * (re[k] * re[k] + im[k] * im[k])
            n += w; m1 += w * grid.x[j]; m2 += w * grid.x[j] * grid.x[j]
        }
        return m2 / n - (m1 / n) * (m1 / n)
    }

    /** ⟨r²⟩ = ⟨y²⟩ + ⟨z²⟩ in the radial plane. */
    fun radialSecondMoment(): Double {
        var n = 0.0
        var m2 = 0.0
        for (i in 0 until grid.nr) for (j in 0 until grid.nx) {
            val k = i * grid.nx + j
            val w = grid.cellVolume[i] * (re[k] * re[k] + im[k] * im[k])
            n += w; m2 += w * grid.r[i] * grid.r[i]
        }
        return m2 / n
    }

    /** The same ψ on a grid with the same spacing and a longer axis, zero outside the old one. */
    fun embedAxially(wider: CylindricalGrid): WaveFunction {
        require(wider.nr == grid.nr && wider.dr == grid.dr && kotlin.math.abs(wider.dx - grid.dx) < 1e-12 && wider.nx >= grid.nx)
        val offset = (wider.nx - grid.nx) / 2
        val re2 = DoubleArray(wider.size)
        val im2 = DoubleArray(wider.size)
        for (i in 0 until grid.nr) {
            System.arraycopy(re, i * grid.nx, re2, i * wider.nx + offset, grid.nx)
            System.arraycopy(im, i * grid.nx, im2, i * wider.nx + offset, grid.nx)
        }
        return WaveFunction(wider, re2, im2)
    }
}
