package io.qonduit.emulator.qpi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.maps.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestHttp.Companion.DEMO
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class QpiJobsSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 42L))
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    test("submit answers 201 with the pending record and payload defaults, then runs pending -> running -> completed") {
        // Its own emulator whose job runs for a second: a 10 ms poller on a loaded machine can miss
        // the default 100 ms running phase (seen in CI-like runs with other builds on both cores).
        Emulator.start(EmulatorConfig(seed = 42L, runningDelay = java.time.Duration.ofSeconds(1))).use { slow ->
            val http = TestHttp(slow.baseUrl)
            val submit = http.post("/qpi/api/jobs", jobBody(BELL), DEMO)
            submit.status shouldBe 201
            submit.str("status") shouldBe "pending"
            submit.str("user_id") shouldBe QpiEmulatorState.DEMO_USER_ID
            submit.str("created") shouldMatch Regex("""\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z""")
            val payload = submit.obj.getValue("payload").jsonObject
            payload.getValue("shots") shouldBe JsonPrimitive(1024)
            payload.getValue("meas_level") shouldBe JsonPrimitive(2)
            payload.getValue("meas_return") shouldBe JsonPrimitive("single")
            payload.getValue("circuits").jsonArray[0].jsonObject.containsKey("parameter_values") shouldBe false
            submit.obj.getValue("results") shouldBe JsonNull

            val (statuses, done) = http.awaitJob(submit.str("id"))
            (listOf(submit.str("status")) + statuses).distinct() shouldContainExactly listOf("pending", "running", "completed")
            done.str("qpu_target") shouldBe QpiEmulatorState.MOCK_QPU_ID
            done.str("finished_at") shouldMatch Regex("""\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z""")
            done.obj.getValue("duration").jsonPrimitive.content.toDouble() shouldBeGreaterThan 0.0
            val results = done.obj.getValue("results").jsonObject
            results.getValue("shots").jsonPrimitive.int shouldBe 1024
            results.getValue("backend").jsonPrimitive.content shouldBe "mock"
            results.getValue("success") shouldBe JsonPrimitive(true)
            val counts = done.circuitCounts().single()
            counts.keys shouldBe setOf("00", "11")
            counts.values.sum() shouldBe 1024
            results.getValue("counts") shouldBe results.getValue("circuit_results").jsonArray[0].jsonObject.getValue("counts")
        }
    }

    test("count keys are little-endian and num_clbits wide: x q[0] gives \"01\"") {
        val id = http.post("/qpi/api/jobs", jobBody(X_ON_Q0, shots = 100), DEMO).str("id")
        val (_, done) = http.awaitJob(id)
        done.circuitCounts().single() shouldContainExactly mapOf("01" to 100)
    }

    test("parameter_values produce one circuit result per binding, per-circuit shots override") {
        val body = """{"circuits":[{"circuit":"${PARAMETRIC.replace("\"", "\\\"")}","parameter_values":[[0.0],[3.141592653589793]],"shots":50}],
            |"shots":1024,"qpu_target":"${QpiEmulatorState.SIM_QPU_ID}"}""".trimMargin()
        val submit = http.post("/qpi/api/jobs", body, DEMO)
        submit.status shouldBe 201
        val (_, done) = http.awaitJob(submit.str("id"))
        done.str("status") shouldBe "completed"
        done.str("qpu_target") shouldBe QpiEmulatorState.SIM_QPU_ID
        done.obj.getValue("results").jsonObject.getValue("backend").jsonPrimitive.content shouldBe "sim-20"
        done.circuitCounts() shouldBe listOf(mapOf("0" to 50), mapOf("1" to 50))
    }

    test("several circuits in one job each get a result") {
        val id = http.post("/qpi/api/jobs", jobBody(BELL, X_ON_Q0, shots = 64), DEMO).str("id")
        val (_, done) = http.awaitJob(id)
        val counts = done.circuitCounts()
        counts shouldHaveSize 2
        counts[1] shouldContainExactly mapOf("01" to 64)
    }

    test("a QASM error fails the job with results.error naming line and column") {
        val id = http.post("/qpi/api/jobs", jobBody("OPENQASM 3.0;\nqubit[1] q;\nfoo q[0];"), DEMO).str("id")
        val (statuses, done) = http.awaitJob(id)
        statuses.last() shouldBe "failed"
        val error = done.obj.getValue("results").jsonObject.getValue("error").jsonPrimitive.content
        error shouldContain "line 3"
        error shouldContain "column"
    }

    test("wrong number of parameter values and too-wide circuits fail the job") {
        val wrong = http.post("/qpi/api/jobs", jobBody(PARAMETRIC, parameterValues = listOf(listOf(0.1, 0.2))), DEMO).str("id")
        http.awaitJob(wrong).second.obj.getValue("results").jsonObject.getValue("error").jsonPrimitive.content shouldContain "theta"

        val wide = "OPENQASM 3.0; qubit[10] q; bit[10] c; c = measure q;"
        val tooWide = http.post("/qpi/api/jobs", jobBody(wide), DEMO).str("id")
        http.awaitJob(tooWide).second.obj.getValue("results").jsonObject.getValue("error").jsonPrimitive.content shouldContain
            "uses 10 qubits but QPU 'mock' has 8"
    }

    test("invalid submissions answer 400; an unknown qpu_target fails the relation check: 500 Failed to save job.") {
        val empty = http.post("/qpi/api/jobs", """{"circuits":[]}""", DEMO)
        empty.status shouldBe 400
        empty.str("message") shouldBe "Invalid request body."
        empty.obj.getValue("data").jsonObject.keys shouldBe setOf("circuits")
        http.post("/qpi/api/jobs", "not json", DEMO).status shouldBe 400
        http.post("/qpi/api/jobs", """{"circuits":[{"circuit":"x"}],"meas_return":"sum"}""", DEMO).status shouldBe 400
        http.post("/qpi/api/jobs", """{"circuits":[{"circuit":"x"}],"shots":-1}""", DEMO).status shouldBe 400
        val unknown = http.post("/qpi/api/jobs", jobBody(BELL, qpuTarget = "nope"), DEMO)
        unknown.status shouldBe 500
        unknown.str("message") shouldBe "Failed to save job."
        unknown.obj.getValue("data").jsonObject.keys shouldBe setOf("qpu_target")
        // A QPU name is no record id.
        http.post("/qpi/api/jobs", jobBody(BELL, qpuTarget = QpiEmulatorState.MOCK_QPU), DEMO).status shouldBe 500
    }

    test("403 when the user's qpu_seconds are used up; completed jobs deduct their duration") {
        val userId = emulator.qpi.addUser("poor@qonduit.io", "pw", apiToken = "poor-token", qpuSeconds = 100.0)
        val headers = TestHttp.apiToken("poor-token")
        val (_, done) = http.awaitJob(http.post("/qpi/api/jobs", jobBody(BELL), headers).str("id"), headers)
        val duration = done.obj.getValue("duration").jsonPrimitive.content.toDouble()
        emulator.qpi.qpuSeconds(userId) shouldBe (100.0 - duration plusOrMinus 1e-9)
        emulator.qpi.qpuSeconds(userId) shouldBeLessThan 100.0

        emulator.qpi.setQpuSeconds(userId, 0.0)
        val refused = http.post("/qpi/api/jobs", jobBody(BELL), headers)
        refused.status shouldBe 403
        refused.str("message") shouldBe "Insufficient QPU seconds balance."
    }

    test("jobs are owner-only: another user's job is 404 Job not found.") {
        emulator.qpi.addUser("other@qonduit.io", "pw", apiToken = "other-token")
        val id = http.post("/qpi/api/jobs", jobBody(BELL), DEMO).str("id")
        val foreign = http.get("/qpi/api/jobs/$id", TestHttp.apiToken("other-token"))
        foreign.status shouldBe 404
        foreign.obj.toString() shouldBe """{"data":{},"message":"Job not found.","status":404}"""
        http.get("/qpi/api/jobs/missing", DEMO).status shouldBe 404
        http.get("/qpi/api/jobs", TestHttp.apiToken("other-token")).arr.map { it.jsonObject.getValue("id") } shouldBe emptyList()
    }

    test("list is a bare array sorted -created by default, with sort, skip and limit") {
        emulator.qpi.addUser("lister@qonduit.io", "pw", apiToken = "lister-token")
        val headers = TestHttp.apiToken("lister-token")
        val ids = (1..4).map { http.post("/qpi/api/jobs", jobBody(BELL, shots = 10), headers).str("id") }
        fun list(query: String) = http.get("/qpi/api/jobs$query", headers).arr.map { it.jsonObject.getValue("id").jsonPrimitive.content }
        list("") shouldBe ids.reversed()
        list("?sort=created") shouldBe ids
        list("?sort=-created&skip=1&limit=2") shouldBe ids.reversed().subList(1, 3)
        http.get("/qpi/api/jobs?sort=bogus", headers).status shouldBe 400
        ids.forEach { http.awaitJob(it, headers) }
    }

    test("seeded runs are reproducible: same seed and job order give the same counts") {
        fun firstCounts(): Map<String, Int> = Emulator.start(EmulatorConfig(seed = 7L)).use { other ->
            val client = TestHttp(other.baseUrl)
            client.awaitJob(client.post("/qpi/api/jobs", jobBody(BELL), DEMO).str("id")).second.circuitCounts().single()
        }
        firstCounts() shouldBe firstCounts()
    }

    test("state snapshots expose jobs to tests") {
        val id = http.post("/qpi/api/jobs", jobBody(X_ON_Q0, shots = 5), DEMO).str("id")
        http.awaitJob(id)
        val snapshot = emulator.qpi.job(id)!!
        snapshot.status shouldBe "completed"
        snapshot.userId shouldBe QpiEmulatorState.DEMO_USER_ID
        snapshot.resultsJson shouldContain "\"01\":5"
        emulator.qpi.jobs().map { it.id } shouldContain id
    }
})
