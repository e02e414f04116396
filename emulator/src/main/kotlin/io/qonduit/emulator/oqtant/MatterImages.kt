package io.qonduit.emulator.oqtant

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.util.Random
import kotlin.math.exp
import kotlin.math.roundToLong

/**
 * Renders a [MatterModel] into the service's output payloads (oqtant.md §3), with the real
 * service's sizes: in-trap `it_plot` 148 × 503 at 0.344 µm/pixel (axis along columns); time of flight
 * `tof_image`/`tof_fit_image` 100 × 100 at 4.4 µm/pixel (axis along columns, cloud centred on pixel
 * (50, 50)); MOT fluorescence 352 × 217 at 1.0. Pixels are optical densities `σ·n` (σ = 0.2907 µm²
 * after flight; in trap σ = 0.1938 µm² scaled by the Python simulator's in-trap/TOF ratio 0.04057
 * and blurred radially by a 1 µm imaging resolution), plus seeded Gaussian noise.
 *
 * Slices follow the hardware convention: `x` = pixel number, `y` = OD through the centre. The fit
 * reports the model's own parameters (widths and radii in pixels, centre in pixels). Atom numbers:
 * `tof_atom_number` integrates the noisy image, `thermal`/`condensed` are the model's; as on the
 * hardware, jobs other than BEC report zero fits, atom numbers and temperature (quirk Q14).
 */
internal class MatterImages(private val model: MatterModel, private val random: Random) {
    private val values = model.values

    /** The run's `output.values`: `{"it_plot": ...}` for in-trap, the full time-of-flight layout otherwise. */
    fun outputValues(): JsonObject =
        if (values.imageType == "IN_TRAP") buildJsonObject { put("it_plot", inTrapImage().json()) } else timeOfFlightValues()

    /** Raw images of the run (bert_schemas `RawImages`): absorption and background in camera counts, or MOT fluorescence. */
    fun rawImages(output: JsonObject): JsonObject {
        fun od(key: String) = (output[key] as JsonObject).let { image ->
            Pixels((image["pixels"] as JsonArray).map { (it as JsonPrimitive).content.toDouble() }.toDoubleArray(),
                (image["rows"] as JsonPrimitive).content.toInt(), (image["columns"] as JsonPrimitive).content.toInt(),
                (image["pixcal"] as JsonPrimitive).content.toDouble())
        }
        return when (values.imageType) {
            "IN_TRAP" -> absorption("IT imaging", od("it_plot"))
            "MOT" -> buildJsonObject {
                put("image_type", "MOT imaging")
                put("absolute", od("mot_fluorescence_image").json())
                put("background", JsonNull)
            }
            else -> absorption("TOF imaging", od("tof_image"))
        }
    }

    private fun absorption(appId: String, od: Pixels): JsonObject {
        val background = DoubleArray(od.values.size) { PROBE_COUNTS + random.nextGaussian() * PROBE_NOISE }
        val absolute = DoubleArray(od.values.size) { background[it] * exp(-od.values[it]) }
        return buildJsonObject {
            put("image_type", appId)
            put("absolute", Pixels(absolute, od.rows, od.columns, od.pixcal).json())
            put("background", Pixels(background, od.rows, od.columns, od.pixcal).json())
        }
    }

    private fun inTrapImage(): Pixels {
        val xs = DoubleArray(IT_COLUMNS) { (it - (IT_COLUMNS - 1) / 2.0) * IT_PIXCAL }
        val ys = DoubleArray(IT_ROWS) { (it - (IT_ROWS - 1) / 2.0) * IT_PIXCAL }
        val density = blurRows(model.inTrapColumnDensity(xs, ys), IT_ROWS, IT_COLUMNS, IT_RESOLUTION_UM / IT_PIXCAL)
        val pixels = DoubleArray(density.size) { density[it] * SIGMA_IT_UM2 * IT_TOF_OD_RATIO + random.nextGaussian() * IT_NOISE_OD }
        return Pixels(pixels, IT_ROWS, IT_COLUMNS, IT_PIXCAL)
    }

    private fun timeOfFlightValues(): JsonObject {
        val cloud = model.timeOfFlight(values.timeOfFlightMs)
        val fit = DoubleArray(TOF_SIZE * TOF_SIZE) { i ->
            val x = (i % TOF_SIZE - TOF_CENTRE) * TOF_PIXCAL
            val y = (i / TOF_SIZE - TOF_CENTRE) * TOF_PIXCAL
            cloud.columnDensity(x, y) * SIGMA_TOF_UM2
        }
        val image = DoubleArray(fit.size) { fit[it] + random.nextGaussian() * TOF_NOISE_OD }
        val isBec = values.jobType == "BEC"
        val imageAtoms = (image.sum() * TOF_PIXCAL * TOF_PIXCAL / SIGMA_TOF_UM2).roundToLong().coerceAtLeast(0)
        val centreRow = TOF_CENTRE * TOF_SIZE
        return buildJsonObject {
            put("mot_fluorescence_image", motImage().json())
            put("tof_image", Pixels(image, TOF_SIZE, TOF_SIZE, TOF_PIXCAL).json())
            put("tof_fit_image", Pixels(fit, TOF_SIZE, TOF_SIZE, TOF_PIXCAL).json())
            put("tof_fit", buildJsonObject {
                val z = !isBec
                put("gaussian_od", if (z) 0.0 else cloud.thermalPeak * SIGMA_TOF_UM2)
                put("gaussian_sigma_x", if (z) 0.0 else cloud.sigmaXUm / TOF_PIXCAL)
                put("gaussian_sigma_y", if (z) 0.0 else cloud.sigmaYUm / TOF_PIXCAL)
                put("tf_od", if (z) 0.0 else cloud.tfPeak * SIGMA_TOF_UM2)
                put("tf_x", if (z) 0.0 else cloud.tfRadiusXUm / TOF_PIXCAL)
                put("tf_y", if (z) 0.0 else cloud.tfRadiusYUm / TOF_PIXCAL)
                put("x_0", TOF_CENTRE.toDouble())
                put("y_0", TOF_CENTRE.toDouble())
                put("offset", 0.0)
            })
            put("tof_x_slice", chart(TOF_SIZE) { image[centreRow + it] })
            put("tof_y_slice", chart(TOF_SIZE) { image[it * TOF_SIZE + TOF_CENTRE] })
            put("total_mot_atom_number", if (isBec) model.totalAtoms * MOT_TO_BEC_RATIO else 0L)
            put("tof_atom_number", if (isBec) imageAtoms else 0L)
            put("thermal_atom_number", if (isBec) model.thermalAtoms else 0L)
            put("condensed_atom_number", if (isBec) model.condensedAtoms else 0L)
            put("temperature_nk", if (isBec) model.temperatureNk.roundToLong() else 0L)
        }
    }

    private fun motImage(): Pixels {
        val peak = (model.totalAtoms * MOT_TO_BEC_RATIO / MOT_ATOMS_PER_COUNT).coerceAtMost(MOT_MAX_COUNTS)
        val pixels = DoubleArray(MOT_ROWS * MOT_COLUMNS) { i ->
            val dx = i % MOT_COLUMNS - MOT_COLUMNS / 2.0
            val dy = i / MOT_COLUMNS - MOT_ROWS / 2.0
            MOT_DARK_COUNTS + peak * exp(-(dx * dx + dy * dy) / (2 * MOT_SIGMA_PX * MOT_SIGMA_PX)) + random.nextGaussian() * MOT_NOISE
        }
        return Pixels(pixels, MOT_ROWS, MOT_COLUMNS, 1.0)
    }

    private fun chart(n: Int, y: (Int) -> Double): JsonObject = buildJsonObject {
        put("points", buildJsonArray {
            for (i in 0 until n) add(buildJsonObject { put("x", i.toDouble()); put("y", y(i)) })
        })
    }

    /** Gaussian blur of every column along the rows (the radial direction), [sigmaPx] pixels wide. */
    private fun blurRows(src: DoubleArray, rows: Int, columns: Int, sigmaPx: Double): DoubleArray {
        val half = (3 * sigmaPx).toInt().coerceAtLeast(1)
        val kernel = DoubleArray(2 * half + 1) { exp(-((it - half) * (it - half)) / (2 * sigmaPx * sigmaPx)) }
        val sum = kernel.sum()
        for (k in kernel.indices) kernel[k] /= sum
        val out = DoubleArray(src.size)
        for (r in 0 until rows) {
            for (k in kernel.indices) {
                val from = r + k - half
                if (from !in 0 until rows) continue
                val w = kernel[k]
                val base = from * columns
                val target = r * columns
                for (c in 0 until columns) out[target + c] += w * src[base + c]
            }
        }
        return out
    }

    /** A flat row-major image. */
    class Pixels(val values: DoubleArray, val rows: Int, val columns: Int, val pixcal: Double) {
        fun json(): JsonElement = buildJsonObject {
            put("pixels", JsonArray(values.map { JsonPrimitive(it) }))
            put("rows", rows)
            put("columns", columns)
            put("pixcal", pixcal)
        }
    }

    companion object {
        const val IT_ROWS: Int = 148
        const val IT_COLUMNS: Int = 503
        const val IT_PIXCAL: Double = 0.344
        const val TOF_SIZE: Int = 100
        const val TOF_CENTRE: Int = 50
        const val TOF_PIXCAL: Double = 4.4
        const val MOT_ROWS: Int = 352
        const val MOT_COLUMNS: Int = 217

        private const val SIGMA_TOF_UM2 = 0.2907
        private const val SIGMA_IT_UM2 = 0.1938
        private const val IT_TOF_OD_RATIO = 0.04057
        private const val IT_RESOLUTION_UM = 1.0
        private const val IT_NOISE_OD = 0.02
        private const val TOF_NOISE_OD = 0.005
        private const val MOT_TO_BEC_RATIO = 50L
        private const val MOT_ATOMS_PER_COUNT = 500.0
        private const val MOT_MAX_COUNTS = 3000.0
        private const val MOT_DARK_COUNTS = 100.0
        private const val MOT_NOISE = 5.0
        private const val MOT_SIGMA_PX = 40.0
        private const val PROBE_COUNTS = 3000.0
        private const val PROBE_NOISE = 10.0
    }
}
