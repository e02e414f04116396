package io.qonduit.job

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.matter.MatterExperiment
import io.qonduit.matter.MatterImaging
import io.qonduit.matter.MatterProgress
import io.qonduit.matter.MatterSimulator
import io.qonduit.matter.MatterStage
import io.qonduit.matter.PaintedBarrier
import io.qonduit.oqtant.OqtantSimulationEvent
import io.qonduit.oqtant.OqtantSimulator
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.RfEvaporation
import io.qonduit.oqtant.model.RfInterpolationType
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.flowOf
import java.io.ByteArrayOutputStream
import java.io.PrintStream

private fun p(queued: Int, running: Int, completed: Int) =
    Progress(mapOf(JobState.QUEUED to queued, JobState.RUNNING to running, JobState.COMPLETED to completed))

// Two children finishing one after the other, with a repeated value that must not print twice.
private val steps = flowOf(p(2, 0, 0), p(1, 1, 0), p(1, 1, 0), p(0, 1, 1), p(0, 0, 2))

private suspend fun render(display: ProgressDisplay): Pair<Progress?, String> {
    val bytes = ByteArrayOutputStream()
    val last = PrintStream(bytes, true, Charsets.UTF_8).use { ConsoleProgress.show(steps, "sweep", display, it) }
    return last to bytes.toString(Charsets.UTF_8)
}

class ConsoleProgressSpec : FunSpec({
    test("plain lines: one per change, named after the task, ending with the last value") {
        val (last, text) = render(ProgressDisplay.LINES)
        last shouldBe p(0, 0, 2)
        text.lines().filter { it.isNotEmpty() } shouldBe listOf(
            "sweep: 0/2 done (QUEUED=2)",
            "sweep: 0/2 done (QUEUED=1, RUNNING=1)",
            "sweep: 1/2 done (RUNNING=1, COMPLETED=1)",
            "sweep: 2/2 done (COMPLETED=2)",
        )
    }

    test("the bar is drawn by the library and finishes at the total") {
        val (last, text) = render(ProgressDisplay.BAR)
        last shouldBe p(0, 0, 2)
        text shouldContain "sweep"
        text shouldContain "2/2"
        text shouldContain "COMPLETED=2"
    }

    test("off shows nothing but still drives the flow") {
        val (last, text) = render(ProgressDisplay.OFF)
        last shouldBe p(0, 0, 2)
        text shouldBe ""
    }

    test("the switch is parsed case-insensitively and a bad value names the setting") {
        ProgressDisplay.parse(null) shouldBe ProgressDisplay.AUTO
        ProgressDisplay.parse(" Lines ") shouldBe ProgressDisplay.LINES
        ProgressDisplay.parse("off") shouldBe ProgressDisplay.OFF
        shouldThrow<IllegalArgumentException> { ProgressDisplay.parse("fancy") }.message shouldContain "qonduit.progress"
    }

    test("the system property chooses the display") {
        val before = System.getProperty(ProgressDisplay.PROPERTY)
        try {
            System.setProperty(ProgressDisplay.PROPERTY, "bar")
            ProgressDisplay.configured() shouldBe ProgressDisplay.BAR
        } finally {
            if (before == null) System.clearProperty(ProgressDisplay.PROPERTY) else System.setProperty(ProgressDisplay.PROPERTY, before)
        }
    }

    test("a simulation prints one line per stage and per tenth of the run, then its result comes back") {
        // 1 ms in the trap and 3 ms of flight: small enough to run in a test.
        val experiment = MatterExperiment(1.0, MatterImaging.TIME_OF_FLIGHT, 3.0, listOf(PaintedBarrier(listOf(0.0, 1.0), listOf(0.0, 0.0), listOf(0.0, 5.0), listOf(1.0, 1.0))))
        val bytes = ByteArrayOutputStream()
        val result = PrintStream(bytes, true, Charsets.UTF_8).use {
            ConsoleProgress.showSimulation(MatterSimulator().simulate(experiment), "bec", ProgressDisplay.LINES, it)
        }
        result?.image?.rows shouldBe 100
        val lines = bytes.toString(Charsets.UTF_8).lines().filter { it.isNotEmpty() }
        lines.first() shouldBe "bec: GROUND_STATE 0% of 4.0 ms"
        lines shouldContain "bec: TIME_OF_FLIGHT 100% of 4.0 ms"
        lines.last() shouldBe "bec: done"
        // Hundreds of steps, but only stage and decile changes are printed.
        (lines.size <= 3 + 11) shouldBe true
        lines.distinct() shouldBe lines
    }

    test("a simulation's bar counts tenths of a millisecond") {
        val steps = (0..40).map { MatterProgress.Step(MatterStage.IN_TRAP, it / 10.0, 4.0) }.asFlow()
        val bytes = ByteArrayOutputStream()
        PrintStream(bytes, true, Charsets.UTF_8).use { ConsoleProgress.showSimulation(steps, "bec", ProgressDisplay.BAR, it) } shouldBe null
        val text = bytes.toString(Charsets.UTF_8)
        text shouldContain "40/40"
        text shouldContain "IN_TRAP"
    }

    test("a local Oqtant job's simulation prints each run's stages, then the completed job comes back") {
        val rf = RfEvaporation(listOf(-1600, -1200, -800, -400, 0), listOf(17.0, 8.0, 4.0, 1.2, 0.1), listOf(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR)
        val values = InputValues(0.0, ImageType.TIME_OF_FLIGHT, 3.0, rf)
        val job = OqtantJob.of("two runs", values, values.copy(timeOfFlightMs = 4.0))
        val bytes = ByteArrayOutputStream()
        val done = PrintStream(bytes, true, Charsets.UTF_8).use {
            ConsoleProgress.showOqtantSimulation(OqtantSimulator().simulate(job), "oqtant", ProgressDisplay.LINES, it)
        }
        done?.status shouldBe JobStatus.COMPLETE
        done?.inputs?.size shouldBe 2
        val lines = bytes.toString(Charsets.UTF_8).lines().filter { it.isNotEmpty() }
        lines.first() shouldBe "oqtant: run 1/2 GROUND_STATE 0% of 3.0 ms"
        lines.count { it.startsWith("oqtant: run 2/2 TIME_OF_FLIGHT ") } shouldBeGreaterThan 1
        lines.last() shouldBe "oqtant: done"
        lines.distinct() shouldBe lines
    }

    test("a local Oqtant job's bar spans every run") {
        val step = { t: Double -> MatterProgress.Step(MatterStage.IN_TRAP, t, 2.0) }
        val events = listOf(
            OqtantSimulationEvent.Progress(1, 2, step(2.0)),
            OqtantSimulationEvent.Progress(2, 2, step(1.0)),
        ).asFlow()
        val bytes = ByteArrayOutputStream()
        PrintStream(bytes, true, Charsets.UTF_8).use { ConsoleProgress.showOqtantSimulation(events, "oqtant", ProgressDisplay.BAR, it) } shouldBe null
        val text = bytes.toString(Charsets.UTF_8)
        text shouldContain "30/40" // run 1 complete (20 tenths of a ms) plus half of run 2
        text shouldContain "run 2/2 IN_TRAP"
    }
})
