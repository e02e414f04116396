package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.Laser
import io.qonduit.oqtant.model.TimeOfFlightOutput

class OqtantQuantumMatterSpec : FunSpec({
    test("defaults map onto the job JSON as the Python QuantumMatter does") {
        val values = QuantumMatter().toInputValues()
        values.endTimeMs shouldBe 10.0
        values.timeOfFlightMs shouldBe 12.0
        values.imageType shouldBe ImageType.TIME_OF_FLIGHT
        values.rfEvaporation shouldBe QuantumMatter.DEFAULT_RF_EVAP
        values.jobType shouldBe JobType.BEC
        QuantumMatter(note = "hello").toJob().let { it.name shouldBe "quantum matter"; it.inputs.single().notes shouldBe "hello" }
    }

    test("temperature replaces the last RF frequency; a shield appends one point at the lifetime") {
        val rf = QuantumMatter(temperatureNk = 100.0, rfShield = RfShield(powerMw = 50.0, frequencyMhz = 0.5), lifetimeMs = 20.0)
            .toInputValues().rfEvaporation
        rf.timesMs shouldContainExactly listOf(-1100, -1050, -800, -300, 0, 20)
        rf.frequenciesMhz[4] shouldBe (0.0335 plusOrMinus 1e-12)
        rf.frequenciesMhz[5] shouldBe 0.5
        rf.powersMw[5] shouldBe 50.0
        QuantumMatter(temperatureNk = 100.0, rfShield = RfShield(50.0, 0.5), lifetimeMs = 20.0).toJob().validate()
    }

    test("bad temperature and a lifetime shorter than the optics are typed errors naming the field") {
        shouldThrow<ValidationException> { QuantumMatter(temperatureNk = 600.0) }.violations.single().field shouldBe "temperature"
        val barrier = Barrier(listOf(0.0, 15.0), listOf(0.0, 0.0), listOf(10.0, 10.0), listOf(1.0, 1.0))
        shouldThrow<ValidationException> { QuantumMatter(lifetimeMs = 10.0, barriers = listOf(barrier)) }.violations.single().let {
            it.field shouldBe "lifetime"
            it.limit shouldBe "must be at least 15.0 ms, the end of barriers[0]"
        }
        shouldThrow<ValidationException> { QuantumMatter(lifetimeMs = 5.0, lasers = listOf(Laser.terminator(1.0, 6.0))) }
    }

    test("an RF shield at a fractional lifetime (10.5 ms) is rejected, as by the Python client whose RF times are integers") {
        val e = shouldThrow<ValidationException> { QuantumMatter(lifetimeMs = 10.5, rfShield = RfShield(50.0, 0.5)) }
        e.violations.single().field shouldBe "rf_shield"
        e.violations.single().value shouldBe 10.5
        QuantumMatter(lifetimeMs = 10.5).toInputValues().endTimeMs shouldBe 10.5 // fine without a shield
        QuantumMatter(lifetimeMs = 10.5, rfShield = RfShield(50.0, 0.5, lifetimeMs = 10.0)).toInputValues().rfEvaporation.timesMs.last() shouldBe 10
    }

    test("fromInput splits evaporation and shield and maps back to the same values") {
        val matter = QuantumMatter(name = "m", rfShield = RfShield(40.0, 0.3), lifetimeMs = 12.0, image = ImageType.IN_TRAP)
        val back = QuantumMatter.fromInput("m", matter.toInputValues())
        back.rfShield shouldBe RfShield(40.0, 0.3, 12.0)
        back.toInputValues() shouldBe matter.toInputValues()
        QuantumMatter.fromOqtantJob(matter.toJob()).toJob() shouldBe matter.toJob()
    }

    test("the factory submits, tracks and reads results; the emulator reports the asked temperature") {
        OqtantTestEnv().use { env ->
            val factory = QuantumMatterFactory(env.client)
            val id = factory.submit(QuantumMatter(name = "cold", temperatureNk = 100.0), track = true)
            val result = factory.getResult(id)
            result.status shouldBe JobStatus.COMPLETE
            result.inputs.single().output!!.values.shouldBeInstanceOf<TimeOfFlightOutput>().temperatureNk shouldBe 100L
            factory.loadMatterFromJobId(id).rfEvap!!.frequenciesMhz.last() shouldBe (0.0335 plusOrMinus 1e-12)

            val batch = factory.submitListAsBatch(listOf(QuantumMatter(temperatureNk = 50.0), QuantumMatter(temperatureNk = 150.0)), name = "sweep", track = true)
            env.client.getJob(batch, run = 2).inputs.single().output!!.values.shouldBeInstanceOf<TimeOfFlightOutput>().temperatureNk shouldBe 150L
            shouldThrow<ValidationException> {
                factory.batchJob(listOf(QuantumMatter(), QuantumMatter(image = ImageType.IN_TRAP)))
            }.violations.single().limit shouldBe "All input objects must map to the same job type."
            factory.createJob(QuantumMatter(name = "as job")).execute(kotlin.time.Duration.parse("20s")).resultList().single().oqtantJob().name shouldBe "as job"
        }
    }
})


