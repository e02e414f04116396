package io.qonduit.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.Landscape
import io.qonduit.oqtant.model.Laser
import io.qonduit.oqtant.model.OpticalLandscape
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.RfEvaporation
import io.qonduit.oqtant.model.RfInterpolationType
import io.qonduit.oqtant.model.ShapeType
import java.nio.file.Files

/**
 * Job files byte-identical to the Python client's. The references under `fixtures/oqtant/python/`
 * were written by oqtant 3.3.4 itself (`test-fixtures/scripts/oqtant/generate_reference_files.py`,
 * pinned versions in its header); the two real result files were written by the client in 2024.
 */
class OqtantPythonJobFilesSpec : FunSpec({
    fun bytes(path: String): ByteArray =
        checkNotNull(javaClass.classLoader.getResourceAsStream("fixtures/oqtant/$path")) { "no fixture $path" }.use { it.readBytes() }

    val dir = tempdir()
    fun written(job: OqtantJob): ByteArray = Files.readAllBytes(OqtantJobFiles.write(job, filePath = dir.toPath().resolve("job.txt")))

    /** Compares as text first, so a failure shows where the bytes part. */
    fun shouldBeSameBytes(actual: ByteArray, expected: ByteArray) {
        actual.decodeToString() shouldBe expected.decodeToString()
        actual.contentEquals(expected) shouldBe true
    }

    context("a Python-written file decodes and is written back byte for byte") {
        val pythonFiles = listOf(
            "template_bec", "template_barrier", "matter_default", "matter_bec_100nk", "matter_barrier", "matter_landscape",
            "matter_terminator_shield", "matter_rf_evap", "matter_unicode", "document_multirun", "document_stale_job_type",
            "document_complete_tof", "document_uuid_simple", "document_uuid_braced", "document_uuid_urn",
        ).map { "python/$it.oqtant-3.3.4.txt" }
        val realFiles = listOf("result_hw_barrier_in_trap.full.json", "result_sim_paint1d_tof.full.json")
        for (file in pythonFiles + realFiles) {
            test(file) {
                val python = bytes(file)
                shouldBeSameBytes(written(OqtantJson.decodeJob(python.decodeToString())), python)
            }
        }
    }

    context("a document decoded by both clients is written the same (run filled, job_type recomputed, UUID lowercased)") {
        val documents = listOf("document_multirun", "document_stale_job_type", "document_complete_tof") +
            listOf("simple", "braced", "urn").map { "document_uuid_$it" }
        for (name in documents) {
            test(name) {
                val job = OqtantJson.decodeJob(bytes("python/$name.source.json").decodeToString())
                shouldBeSameBytes(written(job), bytes("python/$name.oqtant-3.3.4.txt"))
            }
        }
    }

    test("a NaN or infinite pixel is written as null, as pydantic writes it") {
        val lenient = kotlinx.serialization.json.Json(OqtantJson.format) { allowSpecialFloatingPointValues = true }
        val job = lenient.decodeFromString(OqtantJob.serializer(), bytes("python/document_nonfinite.source.json").decodeToString())
        shouldBeSameBytes(written(job), bytes("python/document_nonfinite.oqtant-3.3.4.txt"))
    }

    context("matter built with Qonduit's QuantumMatter is written as Python writes the same QuantumMatter") {
        val cases = mapOf(
            "matter_default" to QuantumMatter(),
            "matter_bec_100nk" to QuantumMatter(name = "bec 100 nK", temperatureNk = 100.0, timeOfFlightMs = 8.0),
            "matter_barrier" to QuantumMatter(
                name = "barrier in trap", lifetimeMs = 20.0, image = ImageType.IN_TRAP, timeOfFlightMs = 7.0,
                barriers = listOf(
                    Barrier(listOf(0.0, 5.0, 19.9), listOf(-10.0, -5.5, 0.1), listOf(0.0, 12.5, 33.3), listOf(1.0, 2.5, 0.75),
                        InterpolationType.SMOOTH, ShapeType.LORENTZIAN),
                    Barrier(listOf(0.1, 0.3), listOf(12.345678901234567, 1e-05), listOf(100.0, 0.1 + 0.2), listOf(19.999999999999996, 0.5)),
                ),
            ),
            "matter_landscape" to QuantumMatter(
                name = "painted step", lifetimeMs = 15.0, timeOfFlightMs = 12.5,
                landscape = OpticalLandscape(listOf(
                    Landscape(0.0, listOf(0.0, 0.0, 0.9, 0.9), listOf(-60.0, 0.0, 0.0, 60.0)),
                    Landscape(7.5, listOf(1e-07, 2.2, 99.99999999999999, 0.0), listOf(-20.0, -1e-05, 1e-05, 20.0), InterpolationType.CUBIC),
                    Landscape(15.0, listOf(0.0, 0.0), listOf(-10.0, 10.0)),
                )),
            ),
            "matter_terminator_shield" to QuantumMatter(
                name = "terminator + shield", lifetimeMs = 12.0, temperatureNk = 250.0,
                rfShield = RfShield(powerMw = 45.6, frequencyMhz = 0.123, lifetimeMs = 12.0),
                lasers = listOf(Laser.terminator(1.0, 4.5)),
            ),
            "matter_rf_evap" to QuantumMatter(
                name = "custom evaporation",
                rfEvap = RfEvaporation(listOf(-1500, -700, -3, 0), listOf(24.999999999999996, 2.0, 0.1, 0.0001),
                    listOf(700.0, 1e-05, 333.3333333333333, 0.0), RfInterpolationType.LINEAR),
            ),
            "matter_unicode" to QuantumMatter(
                name = "Bose–Einstein ✓ café 😀 \"q\" \\ /",
                note = "line 1\nline 2\ttab \u0001 \u001f \u007f \u2028 \u00e9\u0301 🧊 ünïcödé « » ‘’ ☃",
            ),
        )
        for ((name, matter) in cases) {
            test(name) { shouldBeSameBytes(written(matter.toJob()), bytes("python/$name.oqtant-3.3.4.txt")) }
        }
    }
})
