package io.qonduit.emulator.oqtant

import io.qonduit.matter.MatterImage
import io.qonduit.matter.MatterResult
import io.qonduit.matter.TimeOfFlightReadout
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * The service's `output.values` for a run of the matter simulator: `{"it_plot": …}` in trap, the
 * full time-of-flight layout otherwise ([TimeOfFlightReadout]; fits, atom numbers and temperature
 * only for BEC jobs, as on the hardware).
 */
internal fun gpeOutputValues(result: MatterResult, jobType: String): JsonObject {
    if (result.experiment.imaging == io.qonduit.matter.MatterImaging.IN_TRAP) {
        return buildJsonObject { put("it_plot", result.image.pixels().json()) }
    }
    val r = TimeOfFlightReadout.of(result, populated = jobType == "BEC")
    return buildJsonObject {
        put("mot_fluorescence_image", r.motImage.pixels().json())
        put("tof_image", r.tofImage.pixels().json())
        put("tof_fit_image", r.tofFitImage.pixels().json())
        put("tof_fit", buildJsonObject {
            put("gaussian_od", r.fit.gaussianOd)
            put("gaussian_sigma_x", r.fit.gaussianSigmaX)
            put("gaussian_sigma_y", r.fit.gaussianSigmaY)
            put("tf_od", r.fit.tfOd)
            put("tf_x", r.fit.tfX)
            put("tf_y", r.fit.tfY)
            put("x_0", r.fit.x0)
            put("y_0", r.fit.y0)
            put("offset", r.fit.offset)
        })
        put("tof_x_slice", chart(r.xSlice))
        put("tof_y_slice", chart(r.ySlice))
        put("total_mot_atom_number", r.totalMotAtoms)
        put("tof_atom_number", r.tofAtoms)
        put("thermal_atom_number", r.thermalAtoms)
        put("condensed_atom_number", r.condensedAtoms)
        put("temperature_nk", r.temperatureNk)
    }
}

private fun MatterImage.pixels(): MatterImages.Pixels = MatterImages.Pixels(pixels, rows, columns, pixcalUm)

private fun chart(points: List<Pair<Double, Double>>): JsonObject = buildJsonObject {
    put("points", buildJsonArray { for ((x, y) in points) add(buildJsonObject { put("x", x); put("y", y) }) })
}
