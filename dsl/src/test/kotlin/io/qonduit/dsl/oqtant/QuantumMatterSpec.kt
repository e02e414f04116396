package io.qonduit.dsl.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.dsl.units.MHz
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.mW
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.nK
import io.qonduit.dsl.units.um
import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.Laser
import io.qonduit.oqtant.model.RfInterpolationType

class QuantumMatterSpec : FunSpec({
    test("an empty experiment has the Python QuantumMatter defaults") {
        val matter = quantumMatter {}
        val values = matter.toInputValues()

        matter.name shouldBe "quantum matter"
        values.endTimeMs shouldBe 10.0
        values.imageType shouldBe ImageType.TIME_OF_FLIGHT
        values.timeOfFlightMs shouldBe 12.0
        values.rfEvaporation shouldBe QuantumMatter.DEFAULT_RF_EVAP
        values.rfEvaporation.timesMs shouldBe listOf(-1100, -1050, -800, -300, 0)
        values.opticalBarriers.shouldBeNull()
        values.opticalLandscape.shouldBeNull()
        values.lasers.shouldBeNull()
        matter.jobType shouldBe JobType.BEC
    }

    test("an in-trap image alone makes a BARRIER job, as the service computes it") {
        quantumMatter { image = ImageType.IN_TRAP }.toJob().jobType shouldBe JobType.BARRIER
    }

    test("the note becomes the run's notes and the job is a single run numbered 1") {
        val job = quantumMatter("noted") { note = "first try" }.toJob()
        job.name shouldBe "noted"
        job.inputs shouldHaveSize 1
        job.inputs[0].notes shouldBe "first try"
        job.inputs[0].run shouldBe 1
    }

    context("temperature") {
        test("replaces the last RF frequency of the default evaporation by 0.067/200 MHz per nK") {
            val rf = quantumMatter { temperature = 100.nK }.toInputValues().rfEvaporation
            rf.frequenciesMhz.last() shouldBe 0.0335
            rf.frequenciesMhz.dropLast(1) shouldBe QuantumMatter.DEFAULT_RF_EVAP.frequenciesMhz.dropLast(1)
            rf.powersMw shouldBe QuantumMatter.DEFAULT_RF_EVAP.powersMw
            rf.timesMs shouldBe QuantumMatter.DEFAULT_RF_EVAP.timesMs

            quantumMatter { temperature = 50.nK }.toInputValues().rfEvaporation.frequenciesMhz.last() shouldBe
                (0.01675 plusOrMinus 1e-12)
            quantumMatter { temperature = 0.nK }.toInputValues().rfEvaporation.frequenciesMhz.last() shouldBe 0.0
        }

        test("is reported above 500 nK") {
            val e = shouldThrow<ValidationException> { quantumMatter { temperature = 600.nK }.toJob() }
            e.violations.map { it.field } shouldContain "temperature"
            e.message shouldContain "0.0..500.0 nK"
        }

        test("cannot be combined with a custom evaporation") {
            val matter = quantumMatter {
                temperature = 50.nK
                evaporation { point((-400).ms, 1.MHz, 300.mW); point(0.ms, 0.1.MHz, 200.mW) }
            }
            val e = shouldThrow<ValidationException> { matter.toJob() }
            e.violations.single().field shouldBe "temperature"
            e.violations.single().limit shouldContain "custom evaporation"
        }
    }

    context("evaporation") {
        test("times are shifted so the last point is at 0 ms, as create_rf_evap does") {
            val rf = quantumMatter {
                evaporation(RfInterpolationType.OFF) {
                    point(0.ms, 20.MHz, 600.mW)
                    point(400.ms, 5.MHz, 500.mW)
                    point(800.ms, 0.5.MHz, 300.mW)
                }
            }.toInputValues().rfEvaporation
            rf.timesMs shouldBe listOf(-800, -400, 0)
            rf.frequenciesMhz shouldBe listOf(20.0, 5.0, 0.5)
            rf.powersMw shouldBe listOf(600.0, 500.0, 300.0)
            rf.interpolation shouldBe RfInterpolationType.OFF
        }

        test("fractional RF times are reported") {
            val e = shouldThrow<ValidationException> {
                quantumMatter { evaporation { point((-400.5).ms, 1.MHz, 300.mW); point(0.ms, 0.1.MHz, 200.mW) } }.toJob()
            }
            e.violations.single().field shouldBe "evaporation.times_ms[0]"
            e.violations.single().limit shouldContain "whole number of milliseconds"
        }

        test("NaN and infinite RF times are reported, not an IllegalArgumentException (QuantumMatterFuzzSpec)") {
            for (time in listOf(Double.NaN, Double.NEGATIVE_INFINITY)) {
                val e = shouldThrow<ValidationException> {
                    quantumMatter { evaporation { point(time.ms, 1.MHz, 300.mW); point(0.ms, 0.1.MHz, 200.mW) } }.toJob()
                }
                e.violations.map { it.field } shouldContain "evaporation.times_ms[0]"
            }
        }

        test("service limits on RF values are reported with their JSON path") {
            val e = shouldThrow<ValidationException> {
                quantumMatter { evaporation { point((-400).ms, 30.MHz, 300.mW); point(0.ms, 0.1.MHz, 2000.mW) } }.toJob()
            }
            e.violations.map { it.field } shouldBe listOf(
                "inputs[0].values.rf_evaporation.frequencies_mhz[0]",
                "inputs[0].values.rf_evaporation.powers_mw[1]",
            )
        }
    }

    context("RF shield") {
        test("appends one RF point at the lifetime, after the temperature is applied") {
            val rf = quantumMatter {
                lifetime = 20.ms
                temperature = 100.nK
                rfShield(frequency = 0.5.MHz, power = 100.mW)
            }.toInputValues().rfEvaporation
            rf.timesMs shouldBe listOf(-1100, -1050, -800, -300, 0, 20)
            rf.frequenciesMhz.takeLast(2) shouldBe listOf(0.0335, 0.5)
            rf.powersMw.last() shouldBe 100.0
        }

        test("needs a lifetime of whole milliseconds") {
            val e = shouldThrow<ValidationException> {
                quantumMatter { lifetime = 20.5.ms; rfShield(0.5.MHz, 100.mW) }.toJob()
            }
            e.violations.single().field shouldBe "rf_shield"
        }
    }

    context("lifetime checks") {
        test("every barrier, snapshot and terminator pulse that ends after the lifetime is reported at once") {
            val matter = quantumMatter("too short") {
                lifetime = 5.ms
                barrier {
                    at(0.ms) { position = 0.um; height = 0.kHz }
                    evolve(10.ms, height = 20.kHz)
                }
                landscape {
                    snapshot(0.ms) { point((-10).um, 0.kHz); point(10.um, 0.kHz) }
                    snapshot(8.ms) { point((-10).um, 5.kHz); point(10.um, 5.kHz) }
                }
                terminator(on = 1.ms, off = 6.ms)
            }
            val e = shouldThrow<ValidationException> { matter.toJob() }
            val lifetime = e.violations.filter { it.field == "lifetime" }
            lifetime.map { it.limit } shouldBe listOf(
                "must be at least 10.0 ms, the end of barriers[0]",
                "must be at least 8.0 ms, the end of the landscape (its last snapshot)",
                "must be at least 6.0 ms, the end of terminator pulse 0",
            )
            lifetime.forEach { it.value shouldBe 5.0 }
            // The service's own rule is listed too, on the JSON path it would name.
            e.violations.map { it.field } shouldContainAll listOf(
                "inputs[0].values.optical_barriers[0].times_ms[1]",
                "inputs[0].values.optical_landscape.landscapes[1].time_ms",
                "inputs[0].values.lasers[0].pulses[0].times_ms[1]",
            )
            matter.violations() shouldBe e.violations
        }

        test("a lifetime exactly at the last keyframe is fine") {
            quantumMatter {
                lifetime = 10.ms
                barrier { at(0.ms); evolve(10.ms, height = 20.kHz) }
            }.violations() shouldBe emptyList()
        }

        test("lifetime and time of flight are checked against the service limits") {
            val e = shouldThrow<ValidationException> {
                quantumMatter { lifetime = 250.ms; timeOfFlight = 1.ms }.toJob()
            }
            e.violations.map { it.field } shouldBe listOf("inputs[0].values.end_time_ms", "inputs[0].values.time_of_flight_ms")
        }
    }

    test("a terminator becomes the single TERMINATOR laser; two are rejected") {
        val values = quantumMatter { lifetime = 10.ms; terminator(on = 2.ms, off = 4.5.ms) }.toInputValues()
        values.lasers shouldBe listOf(Laser.terminator(2.0, 4.5))

        val e = shouldThrow<ValidationException> {
            quantumMatter { terminator(1.ms, 2.ms); terminator(3.ms, 4.ms) }.toJob()
        }
        e.violations.single().field shouldBe "inputs[0].values.lasers"
        e.violations.single().limit shouldContain "multiple lasers are not supported"
    }

    test("every problem of the DSL and of the service is listed in one exception") {
        val e = shouldThrow<ValidationException> {
            quantumMatter("x".repeat(51)) {
                note = "n".repeat(501)
                barrier { evolve(1.ms) }
                barrier { at(0.ms) { height = 150.kHz; width = 0.2.um }; evolve(1.ms) }
            }.toJob()
        }
        e.violations.map { it.field } shouldContainAll listOf(
            "barriers[0].keyframes[0]",
            "name",
            "inputs[0].notes",
            "inputs[0].values.optical_barriers[0].times_ms",
            "inputs[0].values.optical_barriers[1].heights_khz[0]",
            "inputs[0].values.optical_barriers[1].heights_khz[1]",
            "inputs[0].values.optical_barriers[1].widths_um[0]",
        )
    }
})
