package io.qonduit.dsl.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.Qonduit
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.nK
import io.qonduit.dsl.units.um
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.OutputValues
import io.qonduit.oqtant.model.TimeOfFlightOutput
import kotlinx.coroutines.runBlocking

/** DSL experiments on the local Oqtant target: BEC, BARRIER and PAINT_1D, in trap and after flight. */
class LocalSimulatorDslSpec : FunSpec({
    fun run(matter: QuantumMatter): OutputValues = runBlocking { Qonduit.oqtantSimulator().run(matter.toJob()) }.inputs.single().output!!.values

    /** Column sums of an in-trap image left and right of x = 0 (column 256). */
    fun halves(out: InTrapOutput): Pair<Double, Double> {
        val plot = out.itPlot
        val columns = DoubleArray(plot.columns) { c -> (0 until plot.rows).sumOf { plot.pixels[it * plot.columns + c] } }
        return columns.copyOfRange(0, 256).sum() to columns.copyOfRange(257, plot.columns).sum()
    }

    test("BEC after flight: the temperature asked for, a thermal cloud, a cloud wider across the axis than along it") {
        val matter = quantumMatter("bec") { temperature = 150.nK; image = ImageType.TIME_OF_FLIGHT; timeOfFlight = 10.ms }
        matter.jobType shouldBe JobType.BEC
        val out = run(matter).shouldBeInstanceOf<TimeOfFlightOutput>()
        out.temperatureNk shouldBe 150L
        (out.thermalAtomNumber > 3000) shouldBe true
        out.tofFit.tfY shouldBeGreaterThan out.tofFit.tfX // the cigar inverts in flight
        out.tofYSlice.points[50].y shouldBe out.tofImage.pixels[50 * 100 + 50]
    }

    test("BARRIER in trap: a barrier raised at the centre splits the cloud in two equal halves") {
        val matter = quantumMatter("split") {
            lifetime = 4.ms
            image = ImageType.IN_TRAP
            barrier { at(0.ms) { position = 0.um; height = 0.kHz; width = 1.5.um }; evolve(duration = 4.ms, height = 25.kHz) }
        }
        matter.jobType shouldBe JobType.BARRIER
        val out = run(matter).shouldBeInstanceOf<InTrapOutput>()
        out.itPlot.rows shouldBe 148
        val centre = (0 until out.itPlot.rows).sumOf { out.itPlot.pixels[it * out.itPlot.columns + 256] }
        val (left, right) = halves(out)
        centre shouldBeLessThan 0.002 * (left + right)
        left / (left + right) shouldBe (0.5 plusOrMinus 0.01)
    }

    test("BARRIER after flight: the service's time-of-flight layout, with zero fits and atom numbers as on the hardware") {
        val matter = quantumMatter("kick") {
            lifetime = 2.ms
            image = ImageType.TIME_OF_FLIGHT
            timeOfFlight = 4.ms
            barrier { at(0.ms) { position = 5.um; height = 0.kHz; width = 2.um }; evolve(duration = 2.ms, height = 10.kHz) }
        }
        val out = run(matter).shouldBeInstanceOf<TimeOfFlightOutput>()
        out.temperatureNk shouldBe 0L
        out.tofFit.tfOd shouldBe 0.0
        out.tofImage.pixels.sum() shouldBeGreaterThan 100.0
    }

    test("PAINT_1D in trap: a painted step pushes the atoms to its low side") {
        val matter = quantumMatter("step") {
            lifetime = 3.ms
            image = ImageType.IN_TRAP
            landscape {
                snapshot(0.ms) { point((-60).um, 0.kHz); point(0.um, 0.kHz); point(0.um, 1.kHz); point(60.um, 1.kHz) }
                snapshot(3.ms) { point((-60).um, 0.kHz); point(0.um, 0.kHz); point(0.um, 1.kHz); point(60.um, 1.kHz) }
            }
        }
        matter.jobType shouldBe JobType.PAINT_1D
        val (left, right) = halves(run(matter).shouldBeInstanceOf<InTrapOutput>())
        left shouldBeGreaterThan 1.5 * right
    }

    test("PAINT_1D after flight: the time-of-flight layout") {
        val matter = quantumMatter("step flight") {
            lifetime = 2.ms
            image = ImageType.TIME_OF_FLIGHT
            timeOfFlight = 3.ms
            landscape {
                snapshot(0.ms) { point((-20).um, 0.kHz); point(20.um, 2.kHz) }
                snapshot(2.ms) { point((-20).um, 0.kHz); point(20.um, 2.kHz) }
            }
        }
        val out = run(matter).shouldBeInstanceOf<TimeOfFlightOutput>()
        out.tofImage.columns shouldBe 100
        out.tofXSlice.points.size shouldBe 100
        out.condensedAtomNumber shouldBe 0L
    }
})


