package io.qonduit.oqtopus

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.transport.HttpTransport
import kotlinx.serialization.json.jsonObject

/** `result.json` with counts no OQTOPUS engine writes is refused with the job and the field named. */
class OqtopusResultDecodingSpec : FunSpec({
    fun refused(json: String): ResponseDecodeException =
        shouldThrow<ResponseDecodeException> { OqtopusResult.decode(HttpTransport.json.parseToJsonElement(json).jsonObject, "job-7") }

    test("negative and fractional counts are refused, naming the job and the key") {
        val e = refused("""{"sampling": {"counts": {"01": -2}}}""")
        e.provider shouldBe "oqtopus"
        e.jobId shouldBe "job-7"
        e.field shouldBe """sampling.counts["01"]"""
        refused("""{"sampling": {"counts": {"01": 1.5}}}""").field shouldBe """sampling.counts["01"]"""
    }

    test("keys that are not bitstrings, or of different widths, are refused") {
        refused("""{"sampling": {"counts": {"xyz": 1}}}""").field shouldBe """sampling.counts["xyz"]"""
        refused("""{"sampling": {"counts": {"01": 1, "101010": 1}}}""").limit shouldContain "2 bits wide"
    }

    test("malformed counts and divided counts are refused, not read as empty") {
        refused("""{"sampling": {"counts": [1, 2]}}""").field shouldBe "sampling.counts"
        refused("""{"sampling": {"counts": {}, "divided_counts": {"x": {"0": 1}}}}""").field shouldBe """sampling.divided_counts["x"]"""
    }

    test("counts beyond 32 bits keep their value; keys beyond 63 bits are refused as integers") {
        val wide = "1".repeat(64)
        val result = OqtopusResult.decode(HttpTransport.json.parseToJsonElement("""{"sampling": {"counts": {"$wide": 5000000000}}}""").jsonObject, "job-7")
        result.counts shouldBe mapOf(wide to 5_000_000_000L)
        shouldThrow<ResponseDecodeException> { result.countsWithIntegerKeys() }.limit shouldContain "63 bits"
    }
})
