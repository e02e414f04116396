package io.qonduit.matter

import kotlin.math.PI
import kotlin.math.exp
import kotlin.math.pow
import kotlin.math.roundToLong
import kotlin.math.sqrt

/**
 * Everything the service returns for a time-of-flight run, derived from a [MatterResult]: the
 * image, the bimodal fit and its image, the slices, atom numbers, temperature and a MOT image.
 *
 * * **Fit.** Not a least-squares fit: the components of the model itself, so they are exact for
 *   the simulated cloud. Thomas–Fermi radii from the condensate's second moments (a projected
 *   Thomas–Fermi profile has `⟨x²⟩ = R²/7`), its peak OD from `5N₀σ/(2πR_xR_y)`; the Gaussian from
 *   the thermal model. Widths and radii in pixels (x along the axis), centre at pixel (50, 50),
 *   offset 0. [tofFitImage] evaluates the fitted bimodal profile.
 * * **Slices** follow the hardware: `x` is the pixel number, `y` the OD along row 50 (x slice)
 *   and column 50 (y slice).
 * * **Atom numbers.** `tof_atom_number` integrates the image (`Σ OD·pixel²/σ`); condensed and
 *   thermal from [ThermalCloud]. As on the hardware, only BEC runs report fits, atom numbers and
 *   temperature ([populated] = false: zeros, quirk Q14 of the service).
 * * **MOT image.** 352 × 217 pixels of fluorescence counts: a Gaussian of 40 pixels σ on 100 dark
 *   counts, peak `min(3000, 50·N/500)`, for a MOT of 50 times the final atoms (the emulator's
 *   convention; the simulator does not model the MOT).
 *
 * @property tofImage the time-of-flight image
 * @property tofFitImage the fitted bimodal profile
 * @property fit the fit parameters, in the service's order
 * @property xSlice `(pixel, OD)` along row 50
 * @property ySlice `(pixel, OD)` along column 50
 * @property motImage the MOT fluorescence image
 * @property totalMotAtoms MOT atoms
 * @property tofAtoms atoms counted in the image
 * @property thermalAtoms thermal atoms
 * @property condensedAtoms condensed atoms
 * @property temperatureNk temperature, nK
 */
public class TimeOfFlightReadout private constructor(
    public val tofImage: MatterImage,
    public val tofFitImage: MatterImage,
    public val fit: BimodalParameters,
    public val xSlice: List<Pair<Double, Double>>,
    public val ySlice: List<Pair<Double, Double>>,
    public val motImage: MatterImage,
    public val totalMotAtoms: Long,
    public val tofAtoms: Long,
    public val thermalAtoms: Long,
    public val condensedAtoms: Long,
    public val temperatureNk: Long,
) {
    /** Factory. */
    public companion object {
        private const val CENTRE = 50
        private const val MOT_ROWS = 352
        private const val MOT_COLUMNS = 217
        private const val MOT_RATIO = 50L

        /**
         * The readout of a time-of-flight [result]; [populated] false (non-BEC jobs) zeroes the fit,
         * atom numbers and temperature as the service does.
         */
        @JvmStatic
        public fun of(result: MatterResult, populated: Boolean): TimeOfFlightReadout {
            require(result.experiment.imaging == MatterImaging.TIME_OF_FLIGHT) { "not a time-of-flight result" }
            val image = result.image
            val cloud = result.thermal ?: FiniteTemperature.at(0.0)
            val flightMs = result.experiment.timeOfFlightMs
            val p = image.pixcalUm
            val condensate = result.condensateImage ?: image
            val (rx, ry) = thomasFermiRadiiPx(condensate)
            val tfOd = if (rx > 0 && ry > 0) 5.0 * cloud.condensedAtoms * Imaging.SIGMA_TOF_UM2 / (2 * PI * rx * ry * p * p) else 0.0
            val widths = FiniteTemperature.widthsUm(cloud, flightMs)
            val gaussianOd = FiniteTemperature.peakOd(cloud, widths)
            val full = BimodalParameters(gaussianOd, widths.first / p, widths.second / p, tfOd, rx, ry, CENTRE.toDouble(), CENTRE.toDouble(), 0.0)
            val fit = if (populated) full else BimodalParameters(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, CENTRE.toDouble(), CENTRE.toDouble(), 0.0)
            val fitImage = MatterImage(DoubleArray(image.pixels.size) { full.at((it % image.columns).toDouble(), (it / image.columns).toDouble()) }, image.rows, image.columns, p)
            val total = cloud.totalAtoms
            val imageAtoms = (image.sum() * p * p / Imaging.SIGMA_TOF_UM2).roundToLong().coerceAtLeast(0)
            return TimeOfFlightReadout(
                image, fitImage, fit,
                (0 until image.columns).map { it.toDouble() to image[CENTRE, it] },
                (0 until image.rows).map { it.toDouble() to image[it, CENTRE] },
                motImage(total * MOT_RATIO),
                if (populated) total * MOT_RATIO else 0,
                if (populated) imageAtoms else 0,
                if (populated) cloud.thermalAtoms else 0,
                if (populated) cloud.condensedAtoms else 0,
                if (populated) Math.round(cloud.temperatureNk) else 0,
            )
        }

        /** Axial and radial Thomas–Fermi radii in pixels from the image's second moments. */
        private fun thomasFermiRadiiPx(image: MatterImage): Pair<Double, Double> {
            var n = 0.0; var mx = 0.0; var my = 0.0; var mxx = 0.0; var myy = 0.0
            for (i in image.pixels.indices) {
                val w = image.pixels[i].coerceAtLeast(0.0)
                val x = (i % image.columns).toDouble()
                val y = (i / image.columns).toDouble()
                n += w; mx += w * x; my += w * y; mxx += w * x * x; myy += w * y * y
            }
            if (n <= 0) return 0.0 to 0.0
            val vx = mxx / n - (mx / n).pow(2)
            val vy = myy / n - (my / n).pow(2)
            return sqrt(7 * vx) to sqrt(7 * vy)
        }

        private fun motImage(atoms: Long): MatterImage {
            val peak = (atoms / 500.0).coerceAtMost(3000.0)
            val pixels = DoubleArray(MOT_ROWS * MOT_COLUMNS) { i ->
                val dx = i % MOT_COLUMNS - MOT_COLUMNS / 2.0
                val dy = i / MOT_COLUMNS - MOT_ROWS / 2.0
                100.0 + peak * exp(-(dx * dx + dy * dy) / (2 * 40.0 * 40.0))
            }
            return MatterImage(pixels, MOT_ROWS, MOT_COLUMNS, 1.0)
        }
    }
}

/**
 * The service's bimodal fit parameters (`TofFit`), widths and positions in pixels.
 *
 * @property gaussianOd thermal peak OD
 * @property gaussianSigmaX thermal σ along the axis
 * @property gaussianSigmaY thermal σ across it
 * @property tfOd condensate peak OD
 * @property tfX condensate Thomas–Fermi radius along the axis
 * @property tfY condensate Thomas–Fermi radius across it
 * @property x0 centre column
 * @property y0 centre row
 * @property offset background OD
 */
public data class BimodalParameters(
    val gaussianOd: Double,
    val gaussianSigmaX: Double,
    val gaussianSigmaY: Double,
    val tfOd: Double,
    val tfX: Double,
    val tfY: Double,
    val x0: Double,
    val y0: Double,
    val offset: Double,
) {
    /** The bimodal profile at pixel ([x], [y]). */
    public fun at(x: Double, y: Double): Double {
        val dx = x - x0
        val dy = y - y0
        var od = offset
        if (gaussianOd > 0) od += gaussianOd * exp(-dx * dx / (2 * gaussianSigmaX * gaussianSigmaX) - dy * dy / (2 * gaussianSigmaY * gaussianSigmaY))
        if (tfOd > 0) {
            val q = 1 - (dx / tfX).pow(2) - (dy / tfY).pow(2)
            if (q > 0) od += tfOd * q.pow(1.5)
        }
        return od
    }
}
