package io.qonduit.emulator.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.maps.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.circuit.OpenQasm
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import kotlin.math.sqrt

private fun fixture(name: String): JsonObject =
    Json.parseToJsonElement(requireNotNull(OqtopusResultsSpec::class.java.getResource("/fixtures/oqtopus/$name")) { name }.readText()).jsonObject

private fun estimationInput(program: String, vararg terms: Pair<String, Double>): JsonObject = buildJsonObject {
    put("program", buildJsonArray { add(JsonPrimitive(program)) })
    put("operator", buildJsonArray { terms.forEach { (p, c) -> add(buildJsonObject { put("pauli", p); put("coeff", c) }) } })
}

private fun JsonObject.counts(): Map<String, Int> = mapValues { it.value.jsonPrimitive.int }

/** What the results zips hold: analytic expectation values, counts, divided counts, transpile results, SSE logs. */
class OqtopusResultsSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 3L))
    val http = ContractHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    fun run(info: JsonObject, body: String): Pair<String, io.qonduit.emulator.TestResponse> {
        val id = http.submitJob(info, body)
        return id to http.awaitOqtopusJob(id).second
    }

    fun estimate(info: JsonObject, shots: Int = 1000): Pair<Double, Double> {
        val (_, job) = run(info, submitBody(jobType = "estimation", shots = shots))
        job.str("status") shouldBe "succeeded"
        val estimation = Storage.get(job.jobInfo("result")).singleJson().jsonObject.getValue("estimation").jsonObject
        return estimation.getValue("exp_value").jsonPrimitive.double to estimation.getValue("stds").jsonPrimitive.double
    }

    test("estimation: <Z⊗Z> = 1 and <X⊗X> = 1 on a Bell state, with no shot noise") {
        estimate(estimationInput(OQ_BELL, "Z 0 Z 1" to 1.0)) shouldBe (1.0 to 0.0)
        estimate(estimationInput(OQ_BELL, "X0 X1" to 1.0)) shouldBe (1.0 to 0.0)
        estimate(estimationInput(OQ_BELL, "Z 0" to 1.0)).let { (value, stds) ->
            value shouldBe (0.0 plusOrMinus 1e-12)
            stds shouldBe (sqrt(1.0 / 1000) plusOrMinus 1e-12)
        }
    }

    test("estimation: <X> = 1 on |+>, <Z> = 0 with stds 1/sqrt(shots); <Y> = 1 on S·H|0>; coefficients scale") {
        estimate(estimationInput(OQ_PLUS, "X 0" to 1.0)) shouldBe (1.0 to 0.0)
        estimate(estimationInput(OQ_PLUS, "Z 0" to 1.0), shots = 400).let { (value, stds) ->
            value shouldBe (0.0 plusOrMinus 1e-12)
            stds shouldBe (0.05 plusOrMinus 1e-12)
        }
        val plusI = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[1] q;\nh q[0];\ns q[0];\n"
        estimate(estimationInput(plusI, "Y 0" to 1.0)).first shouldBe (1.0 plusOrMinus 1e-12)
        val one = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nx q[0];\nc = measure q;\n"
        estimate(estimationInput(one, "Z 0" to 2.0, "Z 1" to 0.5, "" to 0.25)) shouldBe (-2.0 + 0.5 + 0.25 to 0.0)
    }

    test("estimation of the test-suite payload: 1.5·<X0 X1> + 1.2·<Y0 Z1> = 1.5 on a Bell state") {
        val (value, stds) = estimate(fixture("testsuite-input.estimation.json"), shots = 1000)
        value shouldBe (1.5 plusOrMinus 1e-12)
        stds shouldBe (sqrt(1.2 * 1.2 / 1000) plusOrMinus 1e-12)
    }

    test("estimation with a Pauli on a qubit the program lacks fails, naming it") {
        val (_, job) = run(estimationInput(OQ_PLUS, "Z 3" to 1.0), submitBody(jobType = "estimation"))
        job.str("status") shouldBe "failed"
        job.obj.getValue("job_info").jsonObject.getValue("message").jsonPrimitive.content shouldContain "qubit 3"
    }

    test("sampling: counts in Qiskit order (c[0] rightmost), no divided counts") {
        val xOnQ0 = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nx q[0];\nc = measure q;\n"
        val (_, job) = run(programs(xOnQ0), submitBody(shots = 50))
        val sampling = Storage.get(job.jobInfo("result")).singleJson().jsonObject.getValue("sampling").jsonObject
        sampling.getValue("counts").jsonObject.counts() shouldContainExactly mapOf("01" to 50)
        sampling.getValue("divided_counts") shouldBe JsonNull
    }

    test("multi_manual: counts of the combined program and divided_counts per program (test-suite payload)") {
        val shots = 500
        val (_, job) = run(fixture("testsuite-input.mp.json"), submitBody(jobType = "multi_manual", shots = shots))
        job.str("status") shouldBe "succeeded"
        val sampling = Storage.get(job.jobInfo("result")).singleJson().jsonObject.getValue("sampling").jsonObject
        val divided = sampling.getValue("divided_counts").jsonObject
        divided.keys shouldContainExactly setOf("0", "1")
        // program 0: x q[1] -> c[1] = 1 -> "10"; program 1: h q[1] -> "00" or "10"
        divided.getValue("0").jsonObject.counts() shouldContainExactly mapOf("10" to shots)
        val second = divided.getValue("1").jsonObject.counts()
        second.keys.toList() shouldContainExactlyInAnyOrder listOf("00", "10")
        second.values.sum() shouldBe shots
        // combined keys: program 1's bits, then program 0's (program 0 holds the lowest clbits)
        val combined = sampling.getValue("counts").jsonObject.counts()
        combined.keys.toList() shouldContainExactlyInAnyOrder listOf("0010", "1010")
        combined.getValue("1010") shouldBe second.getValue("10")
        // the combined program is an OpenQASM 3 string: both programs side by side on 4 qubits
        val program = Storage.get(job.jobInfo("combined_program")).singleJson().jsonPrimitive.content
        OpenQasm.parse(program).numQubits shouldBe 4
    }

    test("multi_manual of three programs of different widths: each divided count has its program's width") {
        val a = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[1] q;\nbit[1] c;\nx q[0];\nc = measure q;\n"
        val b = OQ_BELL
        val c = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[3] r;\nbit[3] m;\nx r[2];\nm = measure r;\n"
        val (_, job) = run(programs(a, b, c), submitBody(jobType = "multi_manual", shots = 200))
        val sampling = Storage.get(job.jobInfo("result")).singleJson().jsonObject.getValue("sampling").jsonObject
        val divided = sampling.getValue("divided_counts").jsonObject
        divided.getValue("0").jsonObject.counts() shouldContainExactly mapOf("1" to 200)
        divided.getValue("1").jsonObject.counts().keys.toList() shouldContainExactlyInAnyOrder listOf("00", "11")
        divided.getValue("2").jsonObject.counts() shouldContainExactly mapOf("100" to 200)
        sampling.getValue("counts").jsonObject.counts().keys.forEach { it.length shouldBe 6; it.startsWith("100") shouldBe true; it.endsWith("1") shouldBe true }
    }

    test("sampling takes exactly one program: two are refused at submit, pointing at multi_manual") {
        val register = http.post("/oqtopus/jobs")
        val id = register.str("job_id")
        val fields = register.obj.getValue("presigned_url").jsonObject.getValue("fields").jsonObject.mapValues { it.value.jsonPrimitive.content }
        Storage.upload(register.obj.getValue("presigned_url").jsonObject.getValue("url").jsonPrimitive.content, fields, inputZip(programs(OQ_BELL, OQ_PLUS)))
        val submit = http.post("/oqtopus/jobs/$id/submit", submitBody())
        submit.status shouldBe 400
        submit.str("message") shouldContain "multi_manual"
    }

    test("an invalid program (test-suite payload) is accepted at submit and the job fails with a message, without result") {
        val (_, job) = run(fixture("testsuite-input.sampling-invalid-qasm.json"), submitBody())
        job.str("status") shouldBe "failed"
        val info = job.obj.getValue("job_info").jsonObject
        info.keys shouldBe setOf("input", "message")
        info.getValue("message").jsonPrimitive.content shouldContain "program[0]"
    }

    test("a program wider than the device fails, naming both widths") {
        val wide = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[17] q;\nbit[17] c;\nc = measure q;\n"
        val (_, job) = run(programs(wide), submitBody(deviceId = OqtopusEmulatorState.QPU))
        job.str("status") shouldBe "failed"
        job.obj.getValue("job_info").jsonObject.getValue("message").jsonPrimitive.content shouldContain "17 qubits"
    }

    test("transpile_result: the program run, stats before and after, and the qubit allocation as mapping") {
        val body = submitBody(deviceId = OqtopusEmulatorState.QPU) {
            JsonObject(this + ("transpiler_info" to Json.parseToJsonElement("""{"qubit_allocation": {"0": 12, "1": 15}}""")))
        }
        val (_, job) = run(programs(OQ_BELL), body)
        val transpiled = Storage.get(job.jobInfo("transpile_result")).singleJson().jsonObject
        transpiled.keys shouldBe setOf("transpiled_program", "stats", "virtual_physical_mapping")
        OpenQasm.parse(transpiled.getValue("transpiled_program").jsonPrimitive.content) shouldBe OpenQasm.parse(OQ_BELL)
        val before = transpiled.getValue("stats").jsonObject.getValue("before").jsonObject
        before.mapValues { it.value.jsonPrimitive.int } shouldContainExactly
            mapOf("n_qubits" to 2, "n_gates" to 4, "n_gates_1q" to 3, "n_gates_2q" to 1, "depth" to 3)
        val mapping = transpiled.getValue("virtual_physical_mapping").jsonObject
        mapping.getValue("qubit_mapping").jsonObject.mapValues { it.value.jsonPrimitive.int } shouldContainExactly mapOf("0" to 12, "1" to 15)
        mapping.getValue("bit_mapping").jsonObject.mapValues { it.value.jsonPrimitive.int } shouldContainExactly mapOf("0" to 0, "1" to 1)
        job.obj.getValue("transpiler_info").jsonObject.keys shouldBe setOf("qubit_allocation")
    }

    test("skip_transpilation gives no transpile_result") {
        val body = submitBody { JsonObject(this + ("transpiler_info" to Json.parseToJsonElement("""{"skip_transpilation": true}"""))) }
        val (_, job) = run(programs(OQ_BELL), body)
        job.obj.getValue("job_info").jsonObject.keys shouldBe setOf("input", "result")
    }

    test("sse: the test-suite program runs as a job whose log downloads as a one-file zip") {
        val (id, job) = run(fixture("testsuite-input.sse.json"), submitBody(jobType = "sse", shots = 1))
        job.str("status") shouldBe "succeeded"
        val log = Storage.get(job.jobInfo("sse_log"))
        log.status shouldBe 200
        val entries = unzipAll(log.bytes)
        entries.keys shouldContainExactly setOf("sse_log.log")
        String(entries.getValue("sse_log.log")) shouldContain id
    }

    test("sse: a program of 10 MiB or more is refused at submit; sse without sse_program too") {
        val big = buildJsonObject { put("sse_program", "#".repeat(OqtopusEmulatorState.MAX_SSE_PROGRAM_BYTES)) }
        val register = http.post("/oqtopus/jobs")
        val id = register.str("job_id")
        val presigned = register.obj.getValue("presigned_url").jsonObject
        val fields = presigned.getValue("fields").jsonObject.mapValues { it.value.jsonPrimitive.content }
        Storage.upload(presigned.getValue("url").jsonPrimitive.content, fields, inputZip(big)).status shouldBe 204
        val refused = http.post("/oqtopus/jobs/$id/submit", submitBody(jobType = "sse", shots = 1))
        refused.status shouldBe 400
        refused.str("message") shouldContain "larger than"
        Storage.upload(presigned.getValue("url").jsonPrimitive.content, fields, inputZip(programs(OQ_BELL))).status shouldBe 204
        http.post("/oqtopus/jobs/$id/submit", submitBody(jobType = "sse", shots = 1)).str("message") shouldContain "sse_program is required"
        // just under the limit is accepted
        Storage.upload(presigned.getValue("url").jsonPrimitive.content, fields,
            inputZip(buildJsonObject { put("sse_program", "#".repeat(OqtopusEmulatorState.MAX_SSE_PROGRAM_BYTES - 1)) })).status shouldBe 204
        http.post("/oqtopus/jobs/$id/submit", submitBody(jobType = "sse", shots = 1)).status shouldBe 200
    }

    test("simulator_info.seed_simulation makes a job's counts reproducible") {
        val body = submitBody(shots = 300) { JsonObject(this + ("simulator_info" to Json.parseToJsonElement("""{"seed_simulation": 39058567}"""))) }
        fun counts(): Map<String, Int> {
            val (_, job) = run(programs(OQ_BELL), body)
            return Storage.get(job.jobInfo("result")).singleJson().jsonObject.getValue("sampling").jsonObject.getValue("counts").jsonObject.counts()
        }
        counts() shouldBe counts()
    }

    test("the input link serves back the uploaded input.json") {
        val info = programs(OQ_BELL)
        val (_, job) = run(info, submitBody())
        Storage.get(job.jobInfo("input")).singleJson() shouldBe info
        (job.obj.getValue("job_info").jsonObject["result"] as JsonPrimitive).content shouldContain "Signature="
        JsonArray(emptyList()).size shouldBe 0
    }
})
