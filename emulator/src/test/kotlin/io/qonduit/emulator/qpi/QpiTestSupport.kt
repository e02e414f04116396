package io.qonduit.emulator.qpi

import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestResponse
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put

const val BELL = "OPENQASM 3.0; include \"stdgates.inc\"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;"
const val X_ON_Q0 = "OPENQASM 3.0; include \"stdgates.inc\"; qubit[2] q; bit[2] c; x q[0]; c = measure q;"
const val PARAMETRIC = "OPENQASM 3.0; include \"stdgates.inc\"; qubit[1] q; bit[1] c; rx({{theta}}) q[0]; c = measure q;"

/** A `POST /api/jobs` body with one circuit per entry of [circuits], for the mock QPU unless [qpuTarget] says otherwise (null: none). */
fun jobBody(
    vararg circuits: String,
    shots: Int? = null,
    qpuTarget: String? = QpiEmulatorState.MOCK_QPU_ID,
    parameterValues: List<List<Double>>? = null,
): String = buildJsonObject {
    put("circuits", buildJsonArray {
        circuits.forEach { source ->
            add(buildJsonObject {
                put("circuit", source)
                if (parameterValues != null) {
                    put("parameter_values", JsonArray(parameterValues.map { v -> JsonArray(v.map(::JsonPrimitive)) }))
                }
            })
        }
    })
    if (shots != null) put("shots", shots)
    if (qpuTarget != null) put("qpu_target", qpuTarget)
}.toString()

/** Polls `GET /qpi/api/jobs/{id}` until the job is finished; returns the statuses seen, in order, and the last response. */
fun TestHttp.awaitJob(id: String, headers: Map<String, String> = TestHttp.DEMO, timeoutMillis: Long = 10_000): Pair<List<String>, TestResponse> {
    val seen = ArrayList<String>()
    val deadline = System.currentTimeMillis() + timeoutMillis
    while (true) {
        val response = get("/qpi/api/jobs/$id", headers)
        check(response.status == 200) { "polling job $id: $response" }
        val status = response.str("status")
        if (seen.lastOrNull() != status) seen += status
        if (status in setOf("completed", "failed", "cancelled")) return seen to response
        check(System.currentTimeMillis() < deadline) { "job $id still $status after ${timeoutMillis}ms" }
        Thread.sleep(10)
    }
}

/** The `counts` of every circuit result, as key -> count maps. */
fun TestResponse.circuitCounts(): List<Map<String, Int>> =
    obj.getValue("results").jsonObject.getValue("circuit_results").let { it as JsonArray }.map { result ->
        result.jsonObject.getValue("counts").jsonObject.mapValues { (_, v) -> v.jsonPrimitive.content.toInt() }
    }
