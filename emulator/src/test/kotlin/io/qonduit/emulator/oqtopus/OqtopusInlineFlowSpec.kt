package io.qonduit.emulator.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.maps.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.circuit.OpenQasm
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestResponse
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import java.time.Duration
import java.util.Base64

/** The previous API's whole-job body: `jobs.SubmitJobRequest` with `job_info` inline. */
private fun inlineBody(jobType: String, jobInfo: JsonObject, shots: Int = 1000, deviceId: String = OqtopusEmulatorState.SVSIM): String =
    buildJsonObject {
        put("name", "inline $jobType")
        put("description", "previous flow")
        put("device_id", deviceId)
        put("job_type", jobType)
        put("job_info", jobInfo)
        put("transpiler_info", buildJsonObject { })
        put("simulator_info", buildJsonObject { })
        put("mitigation_info", buildJsonObject { })
        put("shots", shots)
    }.toString()

private fun JsonObject.counts(): Map<String, Int> = mapValues { it.value.jsonPrimitive.int }

/**
 * The previous OQTOPUS User API flow over HTTP: `POST /jobs` with an inline `job_info` queues the
 * job at once, `GET /jobs/{job_id}` carries the program and results inline, and SSE logs come from
 * `GET /jobs/{job_id}/sselog`. Every call is validated against the previous API document.
 */
class OqtopusInlineFlowSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 11L))
    val http = ContractHttp(emulator.baseUrl, PreviousOqtopusOpenApi)
    val current = ContractHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    fun submit(jobType: String, jobInfo: JsonObject, shots: Int = 1000): String {
        val response = http.post("/oqtopus/jobs", inlineBody(jobType, jobInfo, shots))
        response.status shouldBe 200
        response.obj.keys shouldBe setOf("job_id")
        return response.str("job_id")
    }

    fun run(jobType: String, jobInfo: JsonObject, shots: Int = 1000): Pair<List<String>, TestResponse> =
        http.awaitOqtopusJob(submit(jobType, jobInfo, shots))

    fun TestResponse.info(): JsonObject = obj.getValue("job_info").jsonObject

    test("sampling: POST /jobs with job_info queues the job at once; the Bell counts are inline in job_info.result") {
        val (seen, job) = run("sampling", programs(OQ_BELL), shots = 1000)
        seen shouldNotContain "registered"
        seen.last() shouldBe "succeeded"
        job.str("name") shouldBe "inline sampling"
        job.obj.getValue("shots").jsonPrimitive.int shouldBe 1000
        val info = job.info()
        info.getValue("program") shouldBe JsonArray(listOf(JsonPrimitive(OQ_BELL)))
        info.keys shouldNotContain "input" // no download links in the previous flow
        val counts = info.getValue("result").jsonObject.getValue("sampling").jsonObject.getValue("counts").jsonObject.counts()
        listOf("00", "11").shouldContainAll(counts.keys)
        counts.values.sum() shouldBe 1000
        info.getValue("transpile_result").jsonObject.keys shouldContainAll listOf("transpiled_program", "stats", "virtual_physical_mapping")
    }

    test("estimation: <Z⊗Z> = 1 on a Bell state with stds 0, and the operator is echoed in job_info") {
        val operator = buildJsonArray { add(buildJsonObject { put("pauli", "Z 0 Z 1"); put("coeff", 1.0) }) }
        val (_, job) = run("estimation", buildJsonObject {
            put("program", buildJsonArray { add(JsonPrimitive(OQ_BELL)) })
            put("operator", operator)
        })
        job.str("status") shouldBe "succeeded"
        val info = job.info()
        info.getValue("operator") shouldBe operator
        val estimation = info.getValue("result").jsonObject.getValue("estimation").jsonObject
        estimation.getValue("exp_value").jsonPrimitive.double shouldBe 1.0
        estimation.getValue("stds").jsonPrimitive.double shouldBe 0.0
    }

    test("multi_manual: divided counts per program and the combined program inline") {
        val shots = 400
        val xOnQ0 = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[1] q;\nbit[1] c;\nx q[0];\nc = measure q;\n"
        val (_, job) = run("multi_manual", programs(OQ_BELL, xOnQ0), shots = shots)
        job.str("status") shouldBe "succeeded"
        val info = job.info()
        val divided = info.getValue("result").jsonObject.getValue("sampling").jsonObject.getValue("divided_counts").jsonObject
        divided.keys shouldBe setOf("0", "1")
        val bell = divided.getValue("0").jsonObject.counts()
        listOf("00", "11").shouldContainAll(bell.keys)
        bell.values.sum() shouldBe shots
        divided.getValue("1").jsonObject.counts() shouldContainExactly mapOf("1" to shots)
        OpenQasm.parse(info.getValue("combined_program").jsonPrimitive.content).numQubits shouldBe 3
    }

    test("sse: job_info.program is the base64 script; GET /jobs/{job_id}/sselog returns the log zip as base64") {
        val script = "print('hello from sse')\n"
        val encoded = Base64.getEncoder().encodeToString(script.toByteArray())
        val (_, job) = run("sse", buildJsonObject { put("program", buildJsonArray { add(JsonPrimitive(encoded)) }) })
        job.str("status") shouldBe "succeeded"
        val id = job.str("job_id")
        val log = http.get("/oqtopus/jobs/$id/sselog")
        log.status shouldBe 200
        log.str("file_name") shouldBe "sselog_$id.zip"
        val entries = unzipAll(Base64.getDecoder().decode(log.str("file")))
        entries.size shouldBe 1
        val text = String(entries.values.single(), Charsets.UTF_8)
        text shouldContain "SSE job $id"
        text shouldContain "${script.toByteArray().size} bytes"
    }

    test("sselog: a sampling job, a current-flow job and an unknown job have no SSE log") {
        val (_, sampling) = run("sampling", programs(OQ_PLUS), shots = 10)
        http.get("/oqtopus/jobs/${sampling.str("job_id")}/sselog").let {
            it.status shouldBe 400
            it.str("message") shouldContain "only sse jobs"
        }
        // The current flow: register, upload, submit (checked against the current document).
        val currentId = current.submitJob(buildJsonObject { put("sse_program", "print(1)\n") }, submitBody(jobType = "sse"))
        current.awaitOqtopusJob(currentId).second.str("status") shouldBe "succeeded"
        http.get("/oqtopus/jobs/$currentId/sselog").let {
            it.status shouldBe 400
            it.str("message") shouldContain "job_info.sse_log"
        }
        http.get("/oqtopus/jobs/no-such-job/sselog").status shouldBe 404
    }

    test("current-flow jobs keep their responses: job_info holds download links, not inline results") {
        val id = current.submitJob(programs(OQ_PLUS), submitBody(shots = 10))
        val job = current.awaitOqtopusJob(id).second
        job.info().keys shouldContainAll listOf("input", "result")
        job.info().keys shouldNotContain "program"
    }

    test("a running previous-flow job is cancelled at once (that API has no cancelling)") {
        val slow = Emulator.start(EmulatorConfig(seed = 1L, queuedDelay = Duration.ofMillis(10), runningDelay = Duration.ofSeconds(30)))
        try {
            val slowHttp = ContractHttp(slow.baseUrl, PreviousOqtopusOpenApi)
            val id = slowHttp.post("/oqtopus/jobs", inlineBody("sampling", programs(OQ_PLUS), 10)).str("job_id")
            val deadline = System.currentTimeMillis() + 10_000
            while (slowHttp.get("/oqtopus/jobs/$id/status").str("status") != "running") {
                check(System.currentTimeMillis() < deadline) { "job $id never ran" }
                Thread.sleep(5)
            }
            slowHttp.post("/oqtopus/jobs/$id/cancel").status shouldBe 200
            slowHttp.get("/oqtopus/jobs/$id/status").str("status") shouldBe "cancelled"
        } finally {
            slow.close()
        }
    }

    test("inline requests are validated as the previous document requires: typed 400s naming the field") {
        fun refused(body: String, field: String, invalid: Boolean) {
            val response = http.post("/oqtopus/jobs", body, invalidRequest = invalid)
            response.status shouldBe 400
            response.obj.keys shouldBe setOf("message")
            response.str("message") shouldContain field
        }
        // required by jobs.SubmitJobRequest / jobs.SubmitJobInfo: the validator flags these too
        refused(inlineBody("sampling", buildJsonObject { }), "job_info.program", invalid = true)
        refused("""{"device_id": "SVSim", "job_type": "sampling", "job_info": {"program": ["$OQ_PLUS_ESCAPED"]}}""", "shots", invalid = true)
        refused("""{"shots": 10, "job_type": "sampling", "job_info": {"program": []}}""", "device_id", invalid = true)
        refused("""{"shots": 10, "device_id": "SVSim", "job_info": {"program": []}}""", "job_type", invalid = true)
        refused(inlineBody("annealing", programs(OQ_PLUS)), "job_type", invalid = true)
        refused(inlineBody("sampling", programs(OQ_PLUS), shots = 0), "shots", invalid = true)
        refused("""{"shots": 10, "device_id": "SVSim", "job_type": "sampling", "job_info": "x"}""", "job_info", invalid = true)
        refused(inlineBody("sampling", buildJsonObject { put("program", "x") }), "job_info.program", invalid = true)
        refused(
            inlineBody("estimation", buildJsonObject {
                put("program", buildJsonArray { add(JsonPrimitive(OQ_BELL)) })
                put("operator", buildJsonArray { add(buildJsonObject { put("coeff", 1.0) }) })
            }),
            "job_info.operator[0].pauli", invalid = true,
        )
        // the job type's own rules
        refused(inlineBody("estimation", programs(OQ_BELL)), "job_info.operator", invalid = false)
        refused(inlineBody("sampling", programs(OQ_BELL, OQ_PLUS)), "exactly one program", invalid = false)
        refused(inlineBody("multi_manual", programs()), "job_info.program", invalid = false)
        refused(inlineBody("sse", programs("not base64!")), "job_info.program[0]", invalid = false)
        refused(inlineBody("sampling", programs(OQ_PLUS), deviceId = "nowhere"), "device nowhere", invalid = false)
    }
})

private val OQ_PLUS_ESCAPED = OQ_PLUS.replace("\"", "\\\"").replace("\n", "\\n")
