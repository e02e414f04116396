package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.job.Job
import io.qonduit.oqc.OqcTesting.LUCY
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.testing.Circuits
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlin.time.Duration.Companion.seconds

/**
 * An OQC task the emulator ends as COMPLETED with missing or out-of-range results: the client must
 * refuse it with a [ResponseDecodeException] naming the task and the field, never wait for ever or
 * report a wrapped-around count.
 */
class OqcResultDecodingSpec : FunSpec({
    val emulator = OqcTesting.emulator(queued = 5_000)
    val sdk = OqcTesting.sdk(emulator)
    afterSpec {
        sdk.close()
        emulator.close()
    }

    /** Submits a Bell pair (register `c` of 2 bits), makes the emulator end it with [results], and waits. */
    suspend fun waitWith(results: JsonObject?): Job {
        val job = sdk.createJob(Circuits.BELL, LUCY, CompilerConfig.builder().shots(10).build())
        job.submit()
        emulator.oqc.finishTask(job.taskId!!, "COMPLETED", results)
        return job.wait(10.seconds)
    }

    fun json(text: String): JsonObject = Json.parseToJsonElement(text).jsonObject

    test("counts beyond 32 bits keep their value") {
        waitWith(json("""{"c": {"00": 5000000000, "11": 7}}""")).result!!.counts("c") shouldBe mapOf("00" to 5_000_000_000L, "11" to 7L)
        waitWith(json("""{"c": {"00": 5e9}}""")).result!!.counts("c") shouldBe mapOf("00" to 5_000_000_000L)
    }

    test("COMPLETED with results null ends the wait with a typed error instead of polling for ever") {
        val e = shouldThrow<ResponseDecodeException> { waitWith(null) }
        e.provider shouldBe "oqc"
        e.field shouldBe "results"
        e.jobId shouldBe e.message!!.substringAfter("for job ").substringBefore(":")
    }

    test("negative, fractional and non-bitstring counts are refused, naming the field") {
        shouldThrow<ResponseDecodeException> { waitWith(json("""{"c": {"00": -1}}""")) }.field shouldBe "results.c.00"
        shouldThrow<ResponseDecodeException> { waitWith(json("""{"c": {"00": 1.5}}""")) }.field shouldBe "results.c.00"
        shouldThrow<ResponseDecodeException> { waitWith(json("""{"c": {"0x3": 1}}""")) }.field shouldBe "results.c.0x3"
    }

    test("a bitstring wider than its register, or an unknown register, is refused") {
        shouldThrow<ResponseDecodeException> { waitWith(json("""{"c": {"101010": 10}}""")) }.limit shouldContain "exactly 2 bits"
        shouldThrow<ResponseDecodeException> { waitWith(json("""{"d": {"00": 10}}""")) }.field shouldBe "results.d"
    }
})
