package io.qonduit.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.Qonduit
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.RfEvaporation
import io.qonduit.oqtant.model.RfInterpolationType
import io.qonduit.oqtant.model.TimeOfFlightOutput
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

/** The local Oqtant target: jobs run in-process and come back as the service returns them. */
class OqtantSimulatorSpec : FunSpec({
    fun rf(lastMhz: Double) = RfEvaporation(listOf(-1600, -1200, -800, -400, 0), listOf(17.0, 8.0, 4.0, 1.2, lastMhz), listOf(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR)

    test("a BEC job at 180 nK: COMPLETE, a bimodal time-of-flight image whose own fit finds the evaporation temperature") {
        val job = OqtantJob.of("bec", InputValues(0.0, ImageType.TIME_OF_FLIGHT, 12.0, rf(0.0603)))
        val done = runBlocking { Qonduit.oqtantSimulator().run(job) }
        done.status shouldBe JobStatus.COMPLETE
        done.inputs.single().run shouldBe 1
        val out = done.inputs.single().output!!.values.shouldBeInstanceOf<TimeOfFlightOutput>()
        out.temperatureNk shouldBe 180L
        out.condensedAtomNumber shouldBe 10_000L
        out.tofImage.rows shouldBe 100
        out.tofImage.pixcal shouldBe 4.4
        out.tofXSlice.points[50].x shouldBe 50.0
        // The sdk's own least-squares bimodal fit, blind to the model, reads the cloud back.
        val fit = BimodalFit.fit(out.tofImage, 12.0)
        fit.model shouldBe BimodalFit.Model.BIMODAL
        fit.condensedFraction!! shouldBe (10_000.0 / out.totalPopulation plusOrMinus 0.05)
        // Dev run: 164 nK, 9548 condensed, 8137 thermal (model 180 nK, 10 000, 7 920): the least-squares
        // Thomas–Fermi profile misses the condensate's kinetic-energy wings, which the Gaussian takes.
        fit.temperatureNk!! shouldBe (180.0 plusOrMinus 27.0)
    }

    test("a BARRIER job: the in-trap image of the service's simulator, emptied under the barrier; progress per run") {
        val barrier = Barrier(listOf(0.0, 3.0), listOf(0.0, 0.0), listOf(0.0, 30.0), listOf(1.5, 1.5))
        val values = InputValues(3.0, ImageType.IN_TRAP, 7.0, rf(0.1), listOf(barrier))
        val job = OqtantJob.of("barrier", values, values.copy(opticalBarriers = listOf(barrier.copy(positionsUm = listOf(8.0, 8.0)))))
        val events = runBlocking { OqtantSimulator().simulate(job).toList() }
        events.filterIsInstance<OqtantSimulationEvent.Progress>().map { it.run }.distinct() shouldBe listOf(1, 2)
        val done = events.last().shouldBeInstanceOf<OqtantSimulationEvent.Completed>().job
        done.inputCount shouldBe 2
        val plot = done.inputs[0].output!!.values.shouldBeInstanceOf<InTrapOutput>().itPlot
        plot.rows shouldBe 148
        plot.columns shouldBe 512
        fun column(c: Int) = (72..75).sumOf { plot.pixels[it * 512 + c] }
        column(256) shouldBeLessThan 0.05 * column(256 + 20)
        done.inputs[1].output!!.values.shouldBeInstanceOf<InTrapOutput>()
    }
})
