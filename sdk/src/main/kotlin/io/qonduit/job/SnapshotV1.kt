package io.qonduit.job

import io.qonduit.oqtant.OqtantBackend
import io.qonduit.qpi.QpiBackend
import io.qonduit.qpi.QpiResults
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.put

/**
 * Reads snapshots written with schema version 1 (program as one string, settings as a provider
 * JSON `config`, one counts map per output) by rewriting them into the version-2 tree:
 *
 * * QPI: the program string is one circuit or the JSON list of circuits; positional
 *   `parameter_values` become named bindings in the order QPI's driver bound them (names sorted);
 *   `meas_level`/`meas_return` become `QpiOptions`; outputs are decoded again from the saved
 *   payload, so every circuit and binding gets its item;
 * * OQC: `compiler_config`/`external_config` become `OqcOptions`;
 * * Oqtant: the program string is the job document; an output's payload becomes its extras;
 * * local and others: `shots`, `seed` and a `parameters` object become run options.
 */
internal object SnapshotV1 {
    fun migrate(tree: JsonObject): JsonObject = when ((tree["kind"] as? JsonPrimitive)?.content) {
        "composite" -> tree.with("schemaVersion" to JsonPrimitive(2), "jobs" to JsonArray((tree["jobs"] as? JsonArray).orEmpty().map { migrate(it as JsonObject) }))
        else -> migrateJob(tree)
    }

    private fun migrateJob(job: JsonObject): JsonObject {
        val provider = (job["provider"] as? JsonPrimitive)?.content.orEmpty()
        val input = job["input"] as? JsonObject ?: throw SnapshotException("version-1 snapshot has no input")
        return job.with(
            "schemaVersion" to JsonPrimitive(2),
            "input" to input(provider, input),
            "output" to (job["output"] as? JsonObject)?.let { output(provider, it) }.orNull(),
            "history" to JsonArray((job["history"] as? JsonArray).orEmpty().map { output(provider, it as JsonObject) }),
        )
    }

    private fun input(provider: String, v1: JsonObject): JsonObject {
        val program = (v1["program"] as? JsonPrimitive)?.content.orEmpty()
        val config = v1["config"] as? JsonObject ?: JsonObject(emptyMap())
        val shots = config["shots"]
        val items: JsonArray
        var providerOptions: JsonElement = JsonNull
        var bindings: JsonElement = JsonArray(emptyList())
        when (provider) {
            QpiBackend.PROVIDER -> {
                val circuits = if (program.trimStart().startsWith("[")) {
                    Snapshots.json.parseToJsonElement(program) as JsonArray
                } else {
                    JsonArray(listOf(buildJsonObject { put("circuit", program); config["parameter_values"]?.let { put("parameter_values", it) } }))
                }
                items = JsonArray(circuits.map { qpiItem(it as JsonObject) })
                providerOptions = buildJsonObject {
                    put("kind", QpiBackend.PROVIDER)
                    config["meas_level"]?.let { put("meas_level", it) }
                    config["meas_return"]?.let { put("meas_return", it) }
                }
            }
            OqtantBackend.PROVIDER -> items = JsonArray(listOf(buildJsonObject {
                put("program", buildJsonObject { put("kind", "oqtant"); put("job", Snapshots.json.parseToJsonElement(program)) })
            }))
            else -> {
                items = JsonArray(listOf(buildJsonObject { put("program", qasm(program)) }))
                if ("compiler_config" in config) providerOptions = JsonObject(mapOf("kind" to JsonPrimitive("oqc")) + config.filterKeys { it != "shots" })
                (config["parameters"] as? JsonObject)?.let { bindings = JsonArray(listOf(it)) }
            }
        }
        return buildJsonObject {
            put("items", items)
            put("device", v1["device"] ?: JsonPrimitive(""))
            put("options", buildJsonObject {
                shots?.let { put("shots", it) }
                config["seed"]?.let { put("seed", it) }
                put("bindings", bindings)
                put("provider", providerOptions)
            })
            put("tag", v1["tag"] ?: JsonNull)
        }
    }

    private fun qpiItem(circuit: JsonObject): JsonObject {
        val text = (circuit["circuit"] as? JsonPrimitive)?.content.orEmpty()
        val names = io.qonduit.program.OpenQasmProgram(text).parameterNames.sorted()
        val values = (circuit["parameter_values"] as? JsonArray).orEmpty()
        return buildJsonObject {
            put("program", qasm(text))
            circuit["shots"]?.takeIf { it != JsonNull }?.let { put("shots", it) }
            put("bindings", buildJsonArray {
                values.forEach { list ->
                    add(JsonObject(names.zip((list as JsonArray).map { JsonPrimitive((it as JsonPrimitive).doubleOrNull) }).toMap()))
                }
            })
        }
    }

    private fun output(provider: String, v1: JsonObject): JsonObject {
        val migrated = v1.with("input" to input(provider, v1["input"] as? JsonObject ?: JsonObject(emptyMap())))
        if ((v1["kind"] as? JsonPrimitive)?.content != "result") return migrated
        val data = v1["data"] as? JsonObject ?: JsonObject(emptyMap())
        val items: JsonArray = when (provider) {
            QpiBackend.PROVIDER -> {
                val input = Snapshots.json.decodeFromJsonElement(JobInput.serializer(), migrated["input"]!!)
                val taskId = (v1["taskId"] as? JsonPrimitive)?.content ?: "(version-1 snapshot)"
                val items = try {
                    QpiResults.decode(data, input, taskId)
                } catch (e: io.qonduit.errors.ResponseDecodeException) {
                    throw SnapshotException("version-1 snapshot: its QPI result ${e.field} ${e.limit}", e)
                }
                JsonArray(items.map { Snapshots.json.encodeToJsonElement(ItemSnapshot.serializer(), ItemSnapshot.of(it)) })
            }
            OqtantBackend.PROVIDER -> JsonArray(listOf(buildJsonObject {
                put("programIndex", 0)
                put("extras", buildJsonObject { put("kind", OqtantBackend.PROVIDER); put("job", data) })
            }))
            else -> {
                // One program, at most one binding (a local `parameters` object): the one planned run.
                val run = Snapshots.json.decodeFromJsonElement(JobInput.serializer(), migrated["input"]!!).plan().first()
                JsonArray(listOf(buildJsonObject {
                    put("programIndex", run.programIndex)
                    run.bindingIndex?.let { put("bindingIndex", it) }
                    put("counts", v1["counts"] ?: JsonObject(emptyMap()))
                }))
            }
        }
        return JsonObject(migrated - "counts" - "data" + ("items" to items))
    }

    private fun qasm(text: String): JsonObject = buildJsonObject { put("kind", "openqasm"); put("text", text) }

    private fun JsonObject.with(vararg entries: Pair<String, JsonElement>): JsonObject = JsonObject(this + entries)

    private fun JsonElement?.orNull(): JsonElement = this ?: JsonNull

    private fun JsonArray?.orEmpty(): JsonArray = this ?: JsonArray(emptyList())
}
