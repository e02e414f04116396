package io.qonduit.qpi

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.job.Job
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive
import kotlin.time.Duration.Companion.seconds

/**
 * A QPI job the emulator ends as `completed` with a broken driver payload: the client must refuse
 * it with a [ResponseDecodeException] naming the job and the field, never report a made-up result.
 */
class QpiResultDecodingSpec : FunSpec({
    val qpi = QpiEmulatorFixture(queuedDelay = java.time.Duration.ofSeconds(5))
    afterSpec { qpi.close() }

    // Two classical bits: the driver writes 2-character little-endian keys.
    val twoBits = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nx q[0];\nmeasure q -> c;\n"

    /** Submits [twoBits], makes the emulator answer `completed` with [results], and waits for it. */
    suspend fun waitWith(results: JsonElement, status: String = "completed"): Job {
        val job = qpi.client().backend(QpiEmulatorState.MOCK_QPU).run(twoBits, shots = 10)
        qpi.emulator.qpi.finishJob(job.taskId!!, status, results)
        return job.wait(10.seconds)
    }

    suspend fun refused(results: String): ResponseDecodeException =
        shouldThrow<ResponseDecodeException> { waitWith(Json.parseToJsonElement(results)) }

    test("well-formed counts still decode") {
        waitWith(Json.parseToJsonElement("""{"counts": {"01": 7, "10": 3}, "shots": 10}""")).result!!.counts("c") shouldBe
            mapOf("01" to 3L, "10" to 7L)
    }

    test("completed without results is refused, naming the job and the field") {
        val job = qpi.client().backend(QpiEmulatorState.MOCK_QPU).run(twoBits, shots = 10)
        qpi.emulator.qpi.finishJob(job.taskId!!, "completed", kotlinx.serialization.json.JsonNull)
        val e = shouldThrow<ResponseDecodeException> { job.wait(10.seconds) }
        e.provider shouldBe "qpi"
        e.jobId shouldBe job.taskId
        e.field shouldBe "results"
        e.message!! shouldContain job.taskId!!
    }

    test("completed with garbage results is refused") {
        shouldThrow<ResponseDecodeException> { waitWith(JsonPrimitive("garbage")) }.field shouldBe "results"
        refused("""{"success": true}""").field shouldBe "results.counts"
        refused("""{"circuit_results": "x"}""").field shouldBe "results.circuit_results"
        refused("""{"circuit_results": []}""").limit shouldContain "holds 0 results but the job ran 1"
    }

    test("a key wider than the register is refused, not cut") {
        val e = refused("""{"counts": {"101010": 10}}""")
        e.field shouldBe """results.counts["101010"]"""
        e.limit shouldContain "exactly 2 bits"
    }

    test("a key that is not binary is refused, not reversed") {
        refused("""{"counts": {"12": 10}}""").field shouldBe """results.counts["12"]"""
    }

    test("xyz and 0xZZ keys give a typed error, not NumberFormatException") {
        refused("""{"counts": {"xyz": 10}}""").field shouldBe """results.counts["xyz"]"""
        refused("""{"counts": {"0xZZ": 10}}""").field shouldBe """results.counts["0xZZ"]"""
        refused("""{"counts": {"0x7": 10}}""").limit shouldContain "wider than the 2 classical bits"
    }

    test("negative, fractional and oversized counts are refused") {
        refused("""{"counts": {"01": -1}}""").field shouldBe """results.counts["01"]"""
        refused("""{"counts": {"01": 1.5}}""").field shouldBe """results.counts["01"]"""
        refused("""{"counts": {"01": 99999999999999999999}}""").field shouldBe """results.counts["01"]"""
        refused("""{"counts": {"01": 10}, "shots": -3}""").field shouldBe "results.shots"
    }

    test("per-shot memory keys are checked like count keys") {
        refused("""{"counts": {"01": 1}, "memory": ["0101"]}""").field shouldBe "results.memory[0]"
    }
})
