package io.qonduit.dsl.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.dsl.oqtant.plot.OqtantPlots
import io.qonduit.dsl.units.Kilohertz
import io.qonduit.dsl.units.MHz
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.mW
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.nK
import io.qonduit.dsl.units.um
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.errors.ValidationException
import io.qonduit.job.JobState
import io.qonduit.oqtant.OqtantClient
import io.qonduit.oqtant.QuantumMatterFactory
import io.qonduit.oqtant.RfShield
import io.qonduit.oqtant.model.Axis
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.Output
import io.qonduit.oqtant.model.TimeOfFlightOutput
import io.qonduit.oqtant.oqtantJob
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import java.io.ByteArrayInputStream
import java.time.Duration
import javax.imageio.ImageIO
import kotlin.time.Duration.Companion.seconds

/** DSL experiments and sweeps run over real HTTP against the emulated Oqtant service. */
class OqtantHttpSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 5, queuedDelay = Duration.ofMillis(10), runningDelay = Duration.ofMillis(20)))
    val client = OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN))
        .baseUrl(emulator.url("oqtant"))
        .pollInterval(Duration.ofMillis(10))
        .transportConfig(TransportConfig.builder().maxRetries(0).build())
        .build()
    afterSpec {
        client.close()
        emulator.close()
    }

    fun barrierAt(peak: Kilohertz) = quantumMatter("barrier $peak") {
        lifetime = 10.ms
        image = ImageType.IN_TRAP
        note = "height $peak"
        barrier {
            at(0.ms) { position = 0.um; height = 0.kHz; width = 2.um }
            evolve(duration = 10.ms, height = peak)
        }
    }

    /** Optical density at the barrier (centre column) relative to the densest column: the barrier's dip. */
    fun centreDip(output: Output): Double {
        val image = output.values.shouldBeInstanceOf<InTrapOutput>().itPlot
        val profile = DoubleArray(image.columns) { c -> (0 until image.rows).sumOf { r -> image[r, c] } }
        return profile[image.columns / 2] / profile.max()
    }

    val heights = listOf(0.kHz, 1.kHz, 40.kHz)

    test("a sweep as one multi-run job: one POST, runs paired back with their heights, deeper dips for higher barriers") {
        val sweep = sweep(heights) { barrierAt(it) }
        emulator.faults.clearRequests()
        val job = client.createJob(sweep.toJob("height sweep"))
        job.execute(20.seconds)
        job.state shouldBe JobState.COMPLETED
        emulator.faults.requests("/oqtant/users/*/jobs", "POST") shouldHaveSize 1

        val pairs = sweep.pairRuns(job.result!!.oqtantJob().inputs)
        pairs.map { it.first } shouldContainExactly heights
        val dips = pairs.map { centreDip(it.second) }
        dips[1] shouldBeLessThan dips[0]
        dips[2] shouldBeLessThan dips[1]
    }

    test("a sweep as a composite of single-run jobs: values paired with the composite's results") {
        val sweep = sweep(heights) { barrierAt(it) }
        val composite = sweep.toCompositeJob(client)
        composite.jobs shouldHaveSize 3
        composite.execute(30.seconds)
        composite.completedJobs shouldHaveSize 3
        composite.jobs.map { it.result!!.oqtantJob().name } shouldContainExactly listOf("barrier 0.0 kHz", "barrier 1.0 kHz", "barrier 40.0 kHz")

        val pairs = sweep.pairResults(composite)
        pairs.map { it.first } shouldContainExactly heights
        val dips = pairs.map { centreDip(it.second) }
        dips[1] shouldBeLessThan dips[0]
        dips[2] shouldBeLessThan dips[1]

        // A composite of another sweep, or of another size, is refused rather than mis-paired.
        val other = sweep(listOf(5.kHz, 1.kHz, 40.kHz)) { barrierAt(it) }
        shouldThrow<ValidationException> { other.pairResults(composite) }.violations.map { it.field } shouldBe listOf("composite.jobs[0]")
        shouldThrow<ValidationException> { sweep(heights.take(2)) { barrierAt(it) }.pairResults(composite) }
            .violations.single().field shouldBe "composite.jobs"
    }

    test("jobs of a composite sweep that fail are left out of the pairs") {
        val sweep = sweep(heights) { barrierAt(it) }
        val composite = sweep.toCompositeJob(client)
        emulator.oqtant.failNextJob("FAILED")
        composite.execute(30.seconds)
        composite.failedJobs shouldHaveSize 1
        val failedAt = composite.jobs.indexOf(composite.failedJobs.single())
        sweep.pairResults(composite).map { it.first } shouldContainExactly heights.filterIndexed { i, _ -> i != failedAt }
    }

    test("results fetched over HTTP render to PNG: in-trap image and time-of-flight slice") {
        val inTrap = client.createJob(barrierAt(20.kHz).toJob()).execute(20.seconds).resultList().single().oqtantJob()
        val plot = OqtantPlots.image(inTrap.inputs.single().output!!.values, "barrier 20 kHz")
        val png = ImageIO.read(ByteArrayInputStream(plot.toPng()))
        png.width shouldBe plot.width
        png.height shouldBe plot.height
        png.getRGB(0, 0) and 0xFFFFFF shouldBe 0xFFFFFF // white margin
        // 503 × 148 pixels drawn with square pixels.
        (plot.plotArea.width.toDouble() / plot.plotArea.height) shouldBe ((503.0 / 148) plusOrMinus 0.05)

        val bec = client.createJob(quantumMatter("bec") { temperature = 50.nK }.toJob()).execute(20.seconds)
        val tof = bec.resultList().single().oqtantJob().inputs.single().output!!.values.shouldBeInstanceOf<TimeOfFlightOutput>()
        val slice = OqtantPlots.slice(tof, Axis.X, "x slice")
        val slicePng = ImageIO.read(ByteArrayInputStream(slice.toPng()))
        slicePng.width shouldBe slice.width
        slicePng.height shouldBe slice.height
    }

    test("a DSL experiment converts to the SDK's object-API QuantumMatter and runs through QuantumMatterFactory") {
        val dsl = quantumMatter("cold shielded") {
            lifetime = 20.ms
            temperature = 100.nK
            rfShield(frequency = 0.5.MHz, power = 100.mW)
            note = "via the factory"
        }
        val matter = dsl.toObjectApi()
        matter.name shouldBe "cold shielded"
        matter.note shouldBe "via the factory"
        matter.rfShield shouldBe RfShield(100.0, 0.5, 20.0)
        matter.toInputValues() shouldBe dsl.toInputValues()
        matter.toJob() shouldBe dsl.toJob()

        val factory = QuantumMatterFactory(client)
        val id = factory.submit(matter, track = true)
        val result = factory.getResult(id)
        result.inputs.single().notes shouldBe "via the factory"
        result.inputs.single().output!!.values.shouldBeInstanceOf<TimeOfFlightOutput>().temperatureNk shouldBe 100L

        shouldThrow<ValidationException> { quantumMatter { lifetime = 500.ms }.toObjectApi() }
    }
})
