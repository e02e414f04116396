package io.qonduit.emulator.qibo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.maps.shouldContainKey
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.TestHttp
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.int

class QiboResultsSpec : FunSpec({
    val emulator = qiboEmulator()
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    test("a GHZ job's results.npy holds a CircuitResult whose samples give only 000 and 111, nshots in all") {
        val pid = http.postJob(jobBody(qiboCircuit("ghz3"), nshots = 500))
        val (_, job) = http.awaitJob(pid)
        job.str("status") shouldBe "success"
        val reply = download(emulator.baseUrl, pid)
        reply.statusCode() shouldBe 200
        val result = resultDict(reply.body())
        result["dtype"] shouldBe "CircuitResult"
        result["nshots"] shouldBe 500
        val samples = result["samples"] as DecodedArray
        samples.descr shouldBe "i8"
        samples.shape shouldContainExactly listOf(500, 3)
        val counts = frequencies(samples)
        counts.keys.toSet().subtract(setOf("000", "111")) shouldBe emptySet()
        counts.values.sum() shouldBe 500
        val fromJob = job.obj.getValue("frequencies").jsonObject.mapValues { it.value.jsonPrimitive.int }
        fromJob shouldBe counts
    }
})
