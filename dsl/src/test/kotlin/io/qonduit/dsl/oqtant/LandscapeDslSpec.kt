package io.qonduit.dsl.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.um
import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.json.JsonObject

class LandscapeDslSpec : FunSpec({
    test("snapshots become an optical landscape and make a PAINT_1D job") {
        val matter = quantumMatter("paint") {
            lifetime = 4.ms
            landscape(interpolation = InterpolationType.SMOOTH) {
                snapshot(0.ms) { point((-60).um, 0.kHz); point(0.um, 0.kHz); point(0.um, 10.kHz); point(60.um, 10.kHz) }
                snapshot(4.ms, listOf((-10).um, 10.um), listOf(5.kHz, 20.kHz), InterpolationType.OFF)
            }
        }
        matter.jobType shouldBe JobType.PAINT_1D

        val values = (Fixtures.parse(OqtantJson.encodeSubmission(matter.toJob())) as JsonObject)
            .let { it["inputs"] as kotlinx.serialization.json.JsonArray }[0]
            .let { (it as JsonObject)["values"] as JsonObject }
        values["optical_landscape"] shouldBe Fixtures.parse(
            """
            {"landscapes": [
               {"time_ms": 0.0, "potentials_khz": [0, 0, 10, 10], "positions_um": [-60, 0, 0, 60], "spatial_interpolation": "LINEAR"},
               {"time_ms": 4.0, "potentials_khz": [5, 20], "positions_um": [-10, 10], "spatial_interpolation": "OFF"}
             ],
             "interpolation": "SMOOTH"}
            """,
        )
    }

    test("landscape limits are reported: one snapshot, out-of-range potential, unsorted positions") {
        val e = shouldThrow<ValidationException> {
            quantumMatter {
                landscape { snapshot(0.ms) { point(10.um, 150.kHz); point((-10).um, 0.kHz) } }
            }.toJob()
        }
        e.violations.map { it.field } shouldBe listOf(
            "inputs[0].values.optical_landscape.landscapes",
            "inputs[0].values.optical_landscape.landscapes[0].potentials_khz[0]",
            "inputs[0].values.optical_landscape.landscapes[0].positions_um",
        )
    }
})
