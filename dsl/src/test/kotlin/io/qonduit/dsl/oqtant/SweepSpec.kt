package io.qonduit.dsl.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.dsl.units.Kilohertz
import io.qonduit.dsl.units.Milliseconds
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.um
import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.Input
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.Output

class SweepSpec : FunSpec({
    fun barrierExperiment(peak: Kilohertz, lifetime: Milliseconds = 10.ms) = quantumMatter("barrier $peak") {
        this.lifetime = lifetime
        image = ImageType.IN_TRAP
        note = "height $peak"
        barrier {
            at(0.ms) { position = 0.um; height = 0.kHz; width = 1.um }
            evolve(duration = 5.ms, height = peak)
        }
    }

    val heights = listOf(10.kHz, 20.kHz, 30.kHz)

    test("a sweep becomes one multi-run job with runs numbered in sweep order") {
        val sweep = sweep(heights) { h -> barrierExperiment(h) }
        val job = sweep.toJob("height sweep")

        job.name shouldBe "height sweep"
        job.jobType shouldBe JobType.BARRIER
        job.inputs.map { it.run } shouldBe listOf(1, 2, 3)
        job.inputs.map { it.values.opticalBarriers!!.single().heightsKhz.last() } shouldBe listOf(10.0, 20.0, 30.0)
        job.inputs.map { it.notes } shouldBe listOf("height 10.0 kHz", "height 20.0 kHz", "height 30.0 kHz")
        sweep.points.map { it.run } shouldBe listOf(1, 2, 3)
        sweep.points.map { it.value } shouldBe heights
        job.toSubmission().inputCount shouldBe 3
    }

    test("31 values exceed the 30-run limit of one job") {
        val sweep = sweep((1..31).map { it.kHz }) { h -> barrierExperiment(h) }
        val e = shouldThrow<ValidationException> { sweep.toJob("too many") }
        e.violations.single().field shouldBe "inputs"
        e.violations.single().value shouldBe 31
        e.violations.single().limit shouldContain "1..30"
        // Thirty fit.
        sweep((1..30).map { it.kHz }) { h -> barrierExperiment(h) }.toJob("thirty").inputs shouldHaveSize 30
    }

    test("a bad run is reported with its run index, DSL and service problems alike") {
        val sweep = sweep(listOf(10.kHz, 150.kHz)) { h -> barrierExperiment(h, lifetime = if (h > 100.kHz) 2.ms else 10.ms) }
        val e = shouldThrow<ValidationException> { sweep.toJob("bad") }
        e.violations.map { it.field } shouldBe listOf(
            "inputs[1].lifetime",
            "inputs[1].values.optical_barriers[0].times_ms[1]",
            "inputs[1].values.optical_barriers[0].heights_khz[1]",
        )
    }

    test("runs of one job must map to the same job type") {
        val sweep = sweep(listOf(ImageType.IN_TRAP, ImageType.TIME_OF_FLIGHT)) { img -> quantumMatter { image = img } }
        val e = shouldThrow<ValidationException> { sweep.toJob("mixed") }
        e.violations.single().field shouldBe "inputs[1].values"
    }

    test("a sweep becomes a list of single-run jobs for a composite") {
        val jobs = sweep(heights) { h -> barrierExperiment(h) }.toJobs()
        jobs.map { it.name } shouldBe listOf("barrier 10.0 kHz", "barrier 20.0 kHz", "barrier 30.0 kHz")
        jobs.forEach { it.inputs shouldHaveSize 1; it.inputs[0].run shouldBe 1 }
        jobs.map { it.inputs[0].values.opticalBarriers!!.single().heightsKhz.last() } shouldBe listOf(10.0, 20.0, 30.0)

        val e = shouldThrow<ValidationException> {
            sweep(listOf(5.ms, 250.ms)) { t -> quantumMatter { lifetime = t } }.toJobs()
        }
        e.violations.single().field shouldBe "jobs[1].inputs[0].values.end_time_ms"
    }

    test("outputs pair back with their swept values by position") {
        val sweep = sweep(heights) { h -> barrierExperiment(h) }
        sweep.pair(listOf("a", "b", "c")) shouldBe listOf(Paired(10.kHz, "a"), Paired(20.kHz, "b"), Paired(30.kHz, "c"))
        sweep.pair(listOf("a", "b", "c")).map { it.toPair() }.toMap() shouldBe mapOf(10.kHz to "a", 20.kHz to "b", 30.kHz to "c")

        val e = shouldThrow<ValidationException> { sweep.pair(listOf("a", "b")) }
        e.violations.single().field shouldBe "outputs"
    }

    test("outputs of a multi-run job pair back with their values by run number") {
        val sweep = sweep(heights) { h -> barrierExperiment(h) }
        val job = sweep.toJob("height sweep")
        fun output(marker: Double) = Output(InTrapOutput(Image(doubleArrayOf(marker), 1, 1, 0.344)))
        // Runs arrive one per fetch, in any order; run 2 has no output yet.
        val fetched = listOf(
            job.inputs[2].copy(output = output(3.0)),
            job.inputs[0].copy(output = output(1.0)),
            job.inputs[1],
        )

        val pairs = sweep.pairRuns(fetched)
        pairs.map { it.first } shouldBe listOf(10.kHz, 30.kHz)
        pairs.map { (it.second.values as InTrapOutput).itPlot.pixels[0] } shouldBe listOf(1.0, 3.0)

        val e = shouldThrow<ValidationException> { sweep.pairRuns(listOf(Input(job.inputs[0].values, run = 4))) }
        e.violations.single().field shouldBe "inputs[0].run"
    }

    test("two parameters sweep over their Cartesian product") {
        val sweep = sweep(listOf(10.kHz, 20.kHz), listOf(1.ms, 2.ms, 3.ms)) { h, t ->
            quantumMatter("h=$h t=$t") {
                image = ImageType.IN_TRAP
                barrier { at(0.ms); evolve(t, height = h) }
            }
        }
        sweep.size shouldBe 6
        sweep.values shouldBe listOf(
            Paired(10.kHz, 1.ms), Paired(10.kHz, 2.ms), Paired(10.kHz, 3.ms),
            Paired(20.kHz, 1.ms), Paired(20.kHz, 2.ms), Paired(20.kHz, 3.ms),
        )
        val job = sweep.toJob("grid")
        job.inputs.map { it.values.opticalBarriers!!.single().let { b -> b.heightsKhz.last() to b.timesMs.last() } } shouldBe
            sweep.values.map { (h, t) -> h.value to t.value }
    }
})
