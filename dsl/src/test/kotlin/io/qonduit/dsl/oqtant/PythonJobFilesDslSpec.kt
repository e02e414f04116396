package io.qonduit.dsl.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.dsl.units.MHz
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.mW
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.nK
import io.qonduit.dsl.units.um
import io.qonduit.fixtures.ReferenceFixtures
import io.qonduit.oqtant.OqtantJobFiles
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.ShapeType

/**
 * Experiments built with the DSL are written as the bytes the Python client writes for the same
 * `QuantumMatter` (references written by oqtant 3.3.4, see `test-fixtures/scripts/oqtant/generate_reference_files.py`).
 */
class PythonJobFilesDslSpec : FunSpec({
    fun python(name: String) = ReferenceFixtures.text("oqtant/python", "$name.oqtant-3.3.4.txt")

    val cases = mapOf(
        "matter_default" to quantumMatter {},
        "matter_bec_100nk" to quantumMatter("bec 100 nK") { temperature = 100.nK; timeOfFlight = 8.ms },
        "matter_barrier" to quantumMatter("barrier in trap") {
            lifetime = 20.ms
            image = ImageType.IN_TRAP
            timeOfFlight = 7.ms
            barrier(Barrier(listOf(0.0, 5.0, 19.9), listOf(-10.0, -5.5, 0.1), listOf(0.0, 12.5, 33.3), listOf(1.0, 2.5, 0.75),
                InterpolationType.SMOOTH, ShapeType.LORENTZIAN))
            barrier(Barrier(listOf(0.1, 0.3), listOf(12.345678901234567, 1e-05), listOf(100.0, 0.1 + 0.2), listOf(19.999999999999996, 0.5)))
        },
        "matter_landscape" to quantumMatter("painted step") {
            lifetime = 15.ms
            timeOfFlight = 12.5.ms
            landscape {
                snapshot(0.ms, listOf((-60).um, 0.um, 0.um, 60.um), listOf(0.kHz, 0.kHz, 0.9.kHz, 0.9.kHz))
                snapshot(7.5.ms, listOf((-20).um, (-1e-05).um, 1e-05.um, 20.um), listOf(1e-07.kHz, 2.2.kHz, 99.99999999999999.kHz, 0.kHz), InterpolationType.CUBIC)
                snapshot(15.ms, listOf((-10).um, 10.um), listOf(0.kHz, 0.kHz))
            }
        },
        "matter_terminator_shield" to quantumMatter("terminator + shield") {
            lifetime = 12.ms
            temperature = 250.nK
            rfShield(0.123.MHz, 45.6.mW)
            terminator(1.ms, 4.5.ms)
        },
        "matter_rf_evap" to quantumMatter("custom evaporation") {
            evaporation {
                point((-1500).ms, 24.999999999999996.MHz, 700.mW)
                point((-700).ms, 2.MHz, 1e-05.mW)
                point((-3).ms, 0.1.MHz, 333.3333333333333.mW)
                point(0.ms, 0.0001.MHz, 0.mW)
            }
        },
        "matter_unicode" to quantumMatter("Bose–Einstein ✓ café 😀 \"q\" \\ /") {
            note = "line 1\nline 2\ttab \u0001 \u001f \u007f \u2028 \u00e9\u0301 🧊 ünïcödé « » ‘’ ☃"
        },
    )
    for ((name, matter) in cases) {
        test(name) { OqtantJobFiles.encode(matter.toJob()) shouldBe python(name) }
    }
})
