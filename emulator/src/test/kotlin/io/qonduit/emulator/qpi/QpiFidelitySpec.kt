package io.qonduit.emulator.qpi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestHttp.Companion.DEMO
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.double
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.Duration

/** Where the QPI server's code (sopherapps/qpi, qpi.md §9) differs from a first reading of its API. */
private fun json(text: String): String = JsonPrimitive(text).toString()

class QpiFidelitySpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 11L, queuedDelay = Duration.ZERO, runningDelay = Duration.ZERO))
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    test("a job without qpu_target is never dispatched: QPI's scheduler picks jobs by qpu_target = {:qpu}") {
        val submit = http.post("/qpi/api/jobs", jobBody(X_ON_Q0, qpuTarget = null), DEMO)
        submit.status shouldBe 201
        submit.str("qpu_target") shouldBe ""
        submit.obj.getValue("payload").jsonObject.containsKey("qpu_target") shouldBe false
        Thread.sleep(300)
        http.get("/qpi/api/jobs/${submit.str("id")}", DEMO).str("status") shouldBe "pending"
        http.post("/qpi/api/jobs/${submit.str("id")}/cancel", null, DEMO).status shouldBe 200
    }

    test("leniency: shots 0 becomes 1024; bad limit and skip fall back to the defaults") {
        val submit = http.post("/qpi/api/jobs", """{"circuits":[{"circuit":${json(X_ON_Q0)}}],"shots":0,"qpu_target":"${QpiEmulatorState.MOCK_QPU_ID}"}""", DEMO)
        submit.status shouldBe 201
        submit.obj.getValue("payload").jsonObject.getValue("shots") shouldBe JsonPrimitive(1024)
        http.awaitJob(submit.str("id")).second.circuitCounts().single() shouldBe mapOf("01" to 1024)

        val all = http.get("/qpi/api/jobs", DEMO).arr.size
        for (query in listOf("limit=0", "limit=-3", "limit=lots", "skip=-1", "skip=abc", "skip=x&limit=y")) {
            val listed = http.get("/qpi/api/jobs?$query", DEMO)
            listed.status shouldBe 200
            listed.arr.size shouldBe all
        }
        http.get("/qpi/api/qpus?limit=0&skip=-5").arr.size shouldBe 2
    }

    test("parameters bind in sorted-name order, as the driver's Qiskit assign_parameters does") {
        // b appears first, but Qiskit orders a circuit's parameters by name: [pi, 0] binds a = pi, b = 0.
        val source = "OPENQASM 3.0; include \"stdgates.inc\"; input float[64] a; input float[64] b; bit[2] c; qubit[2] q; " +
            "rx(b) q[0]; rx(a) q[1]; c[0] = measure q[0]; c[1] = measure q[1];"
        val body = """{"circuits":[{"circuit":${json(source)},"parameter_values":[[${Math.PI}, 0.0]]}],"shots":20,"qpu_target":"${QpiEmulatorState.MOCK_QPU_ID}"}"""
        val id = http.post("/qpi/api/jobs", body, DEMO).str("id")
        http.awaitJob(id).second.circuitCounts().single() shouldBe mapOf("10" to 20)
    }

    test("meas_level 1 returns IQ memory synthesised from the outcomes: one point per clbit per shot, or their average") {
        fun memory(measReturn: String): JsonArray {
            val body = """{"circuits":[{"circuit":${json(X_ON_Q0)}}],"shots":40,"meas_level":1,"meas_return":"$measReturn",""" +
                """"qpu_target":"${QpiEmulatorState.MOCK_QPU_ID}"}"""
            val (_, done) = http.awaitJob(http.post("/qpi/api/jobs", body, DEMO).str("id"))
            done.str("status") shouldBe "completed"
            val results = done.obj.getValue("results").jsonObject
            val first = results.getValue("circuit_results").jsonArray.single().jsonObject
            first.containsKey("counts") shouldBe false
            results.getValue("memory") shouldBe first.getValue("memory")
            return first.getValue("memory").jsonArray
        }
        fun i(point: kotlinx.serialization.json.JsonElement) = point.jsonArray[0].jsonPrimitive.double

        val single = memory("single")
        single shouldHaveSize 40
        for (shot in single) {
            shot.jsonArray shouldHaveSize 2
            i(shot.jsonArray[0]) shouldBeGreaterThan 0.0 // x q[0]: c[0] reads 1
            i(shot.jsonArray[1]) shouldBeLessThan 0.0
        }
        val avg = memory("avg")
        avg shouldHaveSize 2
        i(avg[0]) shouldBeGreaterThan 0.8
        i(avg[1]) shouldBeLessThan -0.8
    }
})
