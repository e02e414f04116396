package io.qonduit.qpi

import io.qonduit.job.JobInput
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put

/**
 * How a QPI job is held in a [JobInput]: `program` is the OpenQASM 3 text of a single-circuit job,
 * or the JSON array of [QpiCircuit]s of a multi-circuit one; `device` is the QPU target; `config`
 * holds `shots`, `meas_level`, `meas_return` and, for a single circuit, `parameter_values`.
 */
internal object QpiJobs {
    private val json = Json { ignoreUnknownKeys = true; explicitNulls = false }
    private val BINDINGS = ListSerializer(ListSerializer(Double.serializer()))

    fun input(circuits: List<QpiCircuit>, qpu: String, shots: Int, measLevel: Int, measReturn: String, tag: String?): JobInput {
        val single = circuits.singleOrNull()?.takeIf { it.shots == null }
        val program = single?.circuit ?: json.encodeToString(ListSerializer(QpiCircuit.serializer()), circuits)
        val config = buildJsonObject {
            put("shots", shots)
            put("meas_level", measLevel)
            put("meas_return", measReturn)
            single?.parameterValues?.let { put("parameter_values", json.encodeToJsonElement(BINDINGS, it)) }
        }
        return JobInput(program, qpu, config, tag)
    }

    fun circuitsOf(input: JobInput): List<QpiCircuit> =
        if (input.program.trimStart().startsWith("[")) {
            json.decodeFromString(ListSerializer(QpiCircuit.serializer()), input.program)
        } else {
            val values = input.config["parameter_values"]?.let {
                json.decodeFromJsonElement(BINDINGS, it)
            }
            listOf(QpiCircuit(input.program, values))
        }

    fun submitBody(input: JobInput): JsonObject = buildJsonObject {
        put("circuits", json.encodeToJsonElement(ListSerializer(QpiCircuit.serializer()), circuitsOf(input)))
        put("shots", input.config.int("shots") ?: QpiBackend.DEFAULT_SHOTS)
        put("meas_level", input.config.int("meas_level") ?: 2)
        put("meas_return", (input.config["meas_return"] as? JsonPrimitive)?.content ?: "single")
        if (input.device.isNotEmpty()) put("qpu_target", input.device)
    }

    /** The input of an existing job, from its record's `payload`. */
    fun fromPayload(payload: JsonObject, qpu: String): JobInput {
        val circuits = payload["circuits"]?.let { json.decodeFromJsonElement(ListSerializer(QpiCircuit.serializer()), it) }.orEmpty()
        return input(
            circuits.ifEmpty { listOf(QpiCircuit("")) }, qpu,
            payload.int("shots") ?: QpiBackend.DEFAULT_SHOTS, payload.int("meas_level") ?: 2,
            (payload["meas_return"] as? JsonPrimitive)?.content ?: "single", null,
        )
    }

    private fun JsonObject.int(key: String): Int? = QpiCounts.intOf(this[key])
}
