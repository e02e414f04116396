package io.qonduit.oqtant

import io.qonduit.errors.QonduitException
import io.qonduit.errors.ValidationException
import io.qonduit.errors.Violation
import io.qonduit.oqtant.BimodalFitter.Companion.G_OD
import io.qonduit.oqtant.BimodalFitter.Companion.OFFSET
import io.qonduit.oqtant.BimodalFitter.Companion.RX
import io.qonduit.oqtant.BimodalFitter.Companion.RY
import io.qonduit.oqtant.BimodalFitter.Companion.SIGMA_X
import io.qonduit.oqtant.BimodalFitter.Companion.SIGMA_Y
import io.qonduit.oqtant.BimodalFitter.Companion.TF_OD
import io.qonduit.oqtant.BimodalFitter.Companion.XC
import io.qonduit.oqtant.BimodalFitter.Companion.YC
import io.qonduit.oqtant.model.Image
import org.apache.commons.math3.exception.MathIllegalStateException
import kotlin.math.PI
import kotlin.math.sqrt

/**
 * Temperature and atom numbers from a time-of-flight absorption image, by a bimodal 2-D fit: a
 * Thomas–Fermi condensate plus a Gaussian thermal cloud on a constant background,
 *
 * `OD(x, y) = G·exp(−(x−x0)²/2σx² − (y−y0)²/2σy²) + T·max(0, 1 − (x−x0)²/rx² − (y−y0)²/ry²)^(3/2) + offset`,
 *
 * the model of the Python client's `bimodal_dist_2D` (oqtant 3.3.4 `schemas/output.py`; it adds its
 * offset once per component, so its `os` is half of [offsetOd]). Both components share one centre.
 * The fit is Levenberg–Marquardt least squares (commons-math3): each component alone from the
 * image's moments, then both from those fits, keeping amplitudes ≥ 0 and sizes between 0.5 px and
 * the image size.
 * Rows and columns at the image's edges whose pixels are all exactly 0.0 are padding, not
 * measurement (a real hardware image has its first 14 rows so): they are
 * left out of the fit, its residuals and [rSquared]; coordinates stay those of the whole image.
 * A component whose fitted peak is below [RESOLUTION_SIGMAS] times the residual RMS cannot be told
 * from noise: the fit of the other component alone is reported instead ([model] says which), so a
 * pure condensate reports no thermal atoms rather than a wide ghost Gaussian, and an image with
 * neither reports no atoms ([Model.EMPTY]).
 *
 * Physics, for ⁸⁷Rb:
 * * atom numbers are the fitted components' integrals, `N = ∫OD dA / σ_abs` with
 *   σ_abs = [ABSORPTION_CROSS_SECTION_UM2] (the resonant cross-section the Python simulator uses for
 *   time-of-flight images) and the pixel size `pixcal` (µm per pixel): thermal `2π·G·σx·σy`,
 *   condensed `(2π/5)·T·rx·ry` (pixels² × pixcal²);
 * * the temperature follows from ballistic expansion of the thermal cloud: `k_B·T = m·σx·σy / t²`
 *   (the geometric mean of the two axes), m = [RB87_MASS_KG], t the time of flight.
 *
 * Limits: the in-trap size of the thermal cloud is neglected (σ² = σ0² + k_B·T·t²/m with σ0 ≪ σ), so
 * short flights overestimate the temperature (for the 50 Hz axis of the trap the in-trap size is
 * comparable after about 3 ms); the Gaussian ignores Bose enhancement (a g₂ profile), which
 * underestimates thermal atoms near degeneracy; images are assumed unsaturated (OD ≪ the camera's
 * limit) and the condensate to be in the Thomas–Fermi regime, so a condensate whose profile departs
 * from it (after in-trap dynamics, or the Python simulator's mean-field images) puts part of its atoms
 * in the Gaussian (on a real hardware image after 5 ms of flight and 40 ms of painted dynamics the
 * Gaussian takes 97 % of the atoms and its widths read 560 nK for a job that asked for 100 nK: the
 * total atom number holds, the split and the temperature are then only bounds); the temperature is
 * null when no thermal component is resolved.
 *
 * @property model which components the reported fit has
 * @property temperatureNk temperature of the thermal cloud, nK; null when no thermal cloud is resolved
 * @property condensedAtoms atoms in the Thomas–Fermi component
 * @property thermalAtoms atoms in the Gaussian component
 * @property totalAtoms condensed + thermal
 * @property condensedFraction condensed / total (0 when the image holds no atoms)
 * @property centreXPx cloud centre along a row (column coordinate, 0 = first pixel's centre)
 * @property centreYPx cloud centre down the image (row coordinate)
 * @property thermalPeakOd Gaussian peak optical density G
 * @property thermalSigmaXUm Gaussian σ along x, µm
 * @property thermalSigmaYUm Gaussian σ along y, µm
 * @property condensedPeakOd Thomas–Fermi peak optical density T
 * @property condensedRadiusXUm Thomas–Fermi radius along x, µm
 * @property condensedRadiusYUm Thomas–Fermi radius along y, µm
 * @property offsetOd fitted background OD
 * @property rSquared `1 − var(residual) / var(image)`, as the Python client reports it, over the fitted pixels
 * @property residualRmsOd root-mean-square residual over the fitted pixels, OD
 * @property pixcalUm µm per pixel the sizes were converted with
 * @property timeOfFlightMs time of flight the temperature was computed with, ms
 */
public data class BimodalFit(
    public val model: Model,
    public val temperatureNk: Double?,
    public val condensedAtoms: Double,
    public val thermalAtoms: Double,
    public val totalAtoms: Double,
    public val condensedFraction: Double,
    public val centreXPx: Double,
    public val centreYPx: Double,
    public val thermalPeakOd: Double,
    public val thermalSigmaXUm: Double,
    public val thermalSigmaYUm: Double,
    public val condensedPeakOd: Double,
    public val condensedRadiusXUm: Double,
    public val condensedRadiusYUm: Double,
    public val offsetOd: Double,
    public val rSquared: Double,
    public val residualRmsOd: Double,
    public val pixcalUm: Double,
    public val timeOfFlightMs: Double,
) {
    /** Which components a fit kept. */
    public enum class Model {
        /** Thomas–Fermi condensate plus Gaussian thermal cloud. */
        BIMODAL,

        /** Gaussian only: no condensate resolved. */
        THERMAL,

        /** Thomas–Fermi only: no thermal cloud resolved. */
        CONDENSATE,

        /** Neither component stands out of the noise: no atoms, no temperature, only the offset is meaningful. */
        EMPTY,
    }

    /** Fitting and the physical constants it uses. */
    public companion object {
        /** Resonant absorption cross-section of the imaging light, µm² (3λ²/2π at 780.24 nm). */
        public const val ABSORPTION_CROSS_SECTION_UM2: Double = 0.2907

        /** Mass of one ⁸⁷Rb atom, kg (86.909180531 u). */
        public const val RB87_MASS_KG: Double = 86.909180531 * 1.66053906660e-27

        /** Boltzmann constant, J/K. */
        public const val BOLTZMANN_J_PER_K: Double = 1.380649e-23

        /** A component counts as resolved when its peak OD is at least this many residual RMS. */
        public const val RESOLUTION_SIGMAS: Double = 3.0

        /**
         * Fits [image] (optical density, row-major) taken [timeOfFlightMs] after release.
         *
         * @throws ValidationException naming `image` or `timeOfFlightMs` when the image cannot be fitted
         *   (size not matching its pixels, fewer than 5 × 5 pixels, no positive `pixcal`, a non-finite
         *   pixel) or the time is not positive
         * @throws BimodalFitException when the least-squares fit does not converge
         */
        @JvmStatic
        public fun fit(image: Image, timeOfFlightMs: Double): BimodalFit {
            check(image, timeOfFlightMs)
            val pixcal = image.pixcal!!
            val fitter = BimodalFitter(image.pixels, image.rows, image.columns)
            val solution = try {
                val gaussian = fitter.gaussian()
                val thomasFermi = fitter.thomasFermi()
                val both = fitter.bimodal(gaussian, thomasFermi)
                val threshold = RESOLUTION_SIGMAS * rms(both.rss, fitter.fittedCount)
                val thermalResolved = both.p[G_OD] >= threshold
                val condensedResolved = both.p[TF_OD] >= threshold
                when {
                    thermalResolved && condensedResolved -> both to Model.BIMODAL
                    condensedResolved -> thomasFermi to Model.CONDENSATE
                    thermalResolved -> gaussian to Model.THERMAL
                    else -> both to Model.EMPTY
                }
            } catch (e: MathIllegalStateException) {
                throw BimodalFitException("the bimodal fit did not converge: ${e.message}", e)
            }
            return result(solution.first, solution.second, fitter, pixcal, timeOfFlightMs)
        }

        private fun result(s: BimodalFitter.Solution, model: Model, fitter: BimodalFitter, pixcal: Double, tofMs: Double): BimodalFit {
            val p = if (model == Model.EMPTY) s.p.copyOf().also { it[G_OD] = 0.0; it[TF_OD] = 0.0 } else s.p
            val pixelArea = pixcal * pixcal
            val thermal = 2 * PI * p[G_OD] * p[SIGMA_X] * p[SIGMA_Y] * pixelArea / ABSORPTION_CROSS_SECTION_UM2
            val condensed = 2 * PI / 5 * p[TF_OD] * p[RX] * p[RY] * pixelArea / ABSORPTION_CROSS_SECTION_UM2
            val total = thermal + condensed
            val t = tofMs * 1e-3
            val sigmaXm = p[SIGMA_X] * pixcal * 1e-6
            val sigmaYm = p[SIGMA_Y] * pixcal * 1e-6
            val temperature = if (model == Model.CONDENSATE || model == Model.EMPTY) null else RB87_MASS_KG * sigmaXm * sigmaYm / (BOLTZMANN_J_PER_K * t * t) * 1e9
            val noGaussian = model == Model.CONDENSATE || model == Model.EMPTY
            val noThomasFermi = model == Model.THERMAL || model == Model.EMPTY
            return BimodalFit(
                model = model,
                temperatureNk = temperature,
                condensedAtoms = condensed,
                thermalAtoms = thermal,
                totalAtoms = total,
                condensedFraction = if (total > 0) condensed / total else 0.0,
                centreXPx = p[XC],
                centreYPx = p[YC],
                thermalPeakOd = p[G_OD],
                thermalSigmaXUm = if (noGaussian) 0.0 else p[SIGMA_X] * pixcal,
                thermalSigmaYUm = if (noGaussian) 0.0 else p[SIGMA_Y] * pixcal,
                condensedPeakOd = p[TF_OD],
                condensedRadiusXUm = if (noThomasFermi) 0.0 else p[RX] * pixcal,
                condensedRadiusYUm = if (noThomasFermi) 0.0 else p[RY] * pixcal,
                offsetOd = p[OFFSET],
                rSquared = 1 - (s.rss / fitter.fittedCount - fitter.residualMean(s.p).let { it * it }) / fitter.variance(),
                residualRmsOd = rms(s.rss, fitter.fittedCount),
                pixcalUm = pixcal,
                timeOfFlightMs = tofMs,
            )
        }

        private fun check(image: Image, timeOfFlightMs: Double) {
            val problems = mutableListOf<Violation>()
            if (!image.isShapeConsistent) problems += Violation("image", image, "must carry rows × columns pixels")
            if (image.rows < MIN_SIDE || image.columns < MIN_SIDE) problems += Violation("image", image, "must have at least $MIN_SIDE × $MIN_SIDE pixels")
            if (image.pixcal.let { it == null || !(it > 0) || !it.isFinite() }) problems += Violation("image.pixcal", image.pixcal, "must be a positive number of µm per pixel")
            if (image.pixels.any { !it.isFinite() }) problems += Violation("image.pixels", image.pixels.first { !it.isFinite() }, "must all be finite")
            if (!(timeOfFlightMs > 0) || !timeOfFlightMs.isFinite()) problems += Violation("timeOfFlightMs", timeOfFlightMs, "must be a positive number of ms")
            if (problems.isNotEmpty()) throw ValidationException(problems)
        }

        private fun rms(rss: Double, n: Int) = sqrt(rss / n)

        private const val MIN_SIDE = 5
    }
}

/** A bimodal fit did not converge. */
public class BimodalFitException internal constructor(message: String, cause: Throwable? = null) : QonduitException(message, cause)
