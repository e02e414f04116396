package io.qonduit.emulator.oqc

import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestResponse
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put

const val OQC_BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q->c;\n"
const val OQC_BROKEN = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nfoo q[0];\n"

val TOKEN: Map<String, String> = mapOf("Authentication-Token" to OqcEmulatorState.DEMO_TOKEN)

/** A compiler-config wire string as the Python library writes it. */
fun oqcConfig(repeats: Int? = null, transforms: Int = 3, metrics: Int = 6, format: Int = 1): String =
    "{\"\$type\": \"<class 'compiler_config.config.CompilerConfig'>\", \"\$data\": {\"repeats\": ${repeats ?: "null"}, " +
        "\"repetition_period\": null, \"results_format\": {\"\$type\": \"<class 'compiler_config.config.QuantumResultsFormat'>\", " +
        "\"\$data\": {\"format\": {\"\$type\": \"<enum 'compiler_config.config.InlineResultsProcessing'>\", \"\$value\": $format}, " +
        "\"transforms\": {\"\$type\": \"<enum 'compiler_config.config.ResultsFormatting'>\", \"\$value\": $transforms}}}, " +
        "\"metrics\": {\"\$type\": \"<enum 'compiler_config.config.MetricsType'>\", \"\$value\": $metrics}, " +
        "\"active_calibrations\": [], \"optimizations\": null, \"error_mitigation\": null}}"

fun oqcTask(program: String = OQC_BELL, qpu: String = OqcEmulatorState.LUCY_SIMULATOR, config: String = oqcConfig(), taskId: Any? = null): JsonObject =
    buildJsonObject {
        put("program", program)
        put("config", config)
        put("qpu_id", qpu)
        put("tag", "")
        when (taskId) {
            null -> Unit
            is Int -> put("task_id", taskId)
            else -> put("task_id", taskId.toString())
        }
    }

fun submitBody(vararg tasks: JsonObject): String = buildJsonObject { put("tasks", JsonArray(tasks.toList())) }.toString()

fun short(qpu: String): String = qpu.substringAfterLast(':')

/** Polls `/all_info` until terminal; returns the statuses seen and the last reply. */
fun TestHttp.awaitTask(qpu: String, id: String, timeoutMillis: Long = 10_000): Pair<List<String>, TestResponse> {
    val seen = ArrayList<String>()
    val deadline = System.currentTimeMillis() + timeoutMillis
    while (true) {
        val reply = get("/qpu/${short(qpu)}/tasks/$id/all_info", TOKEN)
        check(reply.status == 200) { "all_info: $reply" }
        val status = reply.obj.getValue("status").jsonPrimitive.content
        if (seen.lastOrNull() != status) seen += status
        if (status in setOf("COMPLETED", "FAILED", "CANCELLED")) return seen to reply
        check(System.currentTimeMillis() < deadline) { "task $id still $status" }
        Thread.sleep(10)
    }
}

fun JsonArray.strings(): List<String> = map { (it as JsonPrimitive).content }
