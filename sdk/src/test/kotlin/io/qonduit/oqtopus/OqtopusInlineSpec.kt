package io.qonduit.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.transport.HttpTransport
import io.qonduit.transport.Secret
import kotlinx.serialization.json.jsonObject

/**
 * The previous, inline API's shapes: the submit body carries `job_info`, and records carry results
 * inline, read here without HTTP (OqtopusInlineFlowSpec runs the flow against the emulator).
 */
class OqtopusInlineSpec : FunSpec({
    test("the inline submit body is the test-suite's legacy body: job_info.program inline") {
        val spec = OqtopusJobSpec.sampling("SVSim", "OPENQASM 3;", 1000).named("n", "d")
        val body = HttpTransport.json.encodeToJsonElement(SubmitRequest.serializer(), spec.submitRequest(inline = true)).jsonObject
        val legacy = io.qonduit.fixtures.ReferenceFixtures.text("oqtopus", "testsuite-legacy-inline-submit.sampling-qiskit-transpiler.json.template")
        val keys = Regex("\"([a-z_]+)\"\\s*:").findAll(legacy).map { it.groupValues[1] }.toSet()
        (body.keys - keys) shouldBe emptySet()
        body["job_info"]!!.jsonObject["program"].toString() shouldBe "[\"OPENQASM 3;\"]"
    }

    test("a record with inline results is read without storage") {
        val record = HttpTransport.json.decodeFromString(
            OqtopusJob.serializer(),
            """{"job_id":"j1","job_type":"sampling","status":"succeeded","job_info":{"program":["OPENQASM 3;"],
               "result":{"sampling":{"counts":{"01":3,"10":1}}},
               "transpile_result":{"transpiled_program":"t","stats":"{\"after\":{}}","virtual_physical_mapping":"{\"0\": 1}"}}}""",
        )
        record.inlineJobInfo shouldBe true
        OqtopusClient.builder(OqtopusConfig.of("http://127.0.0.1:9", Secret.of("t"))).flow(OqtopusApiFlow.INLINE).build().use { client ->
            val result = client.resultOf(record)
            result.counts shouldBe mapOf("01" to 3L, "10" to 1L)
            result.transpile!!.virtualPhysicalMapping shouldBe mapOf(0 to 1)
            result.transpile!!.statsJson!! shouldContain "after"
        }
    }
})
