package io.qonduit.oqtant

import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/** Builds validated [OqtantJob]s from user documents (Python `generate_oqtant_job`). */
internal object OqtantJobDocuments {
    fun fromJson(json: String): OqtantJob {
        val job = try {
            OqtantJson.decodeJob(json)
        } catch (e: SerializationException) {
            throw ValidationException("job", json.take(PREVIEW), "is not an Oqtant job document: ${e.message?.lineSequence()?.first()}")
        } catch (e: IllegalArgumentException) {
            throw ValidationException("job", json.take(PREVIEW), "is not an Oqtant job document: ${e.message?.lineSequence()?.first()}")
        }
        job.validate()
        return job
    }

    fun fromMap(map: Map<String, Any?>): OqtantJob = fromJson(toJson(map, "job").toString())

    private fun toJson(value: Any?, path: String): JsonElement = when (value) {
        null -> JsonNull
        is JsonElement -> value
        is String -> JsonPrimitive(value)
        is Number -> JsonPrimitive(value)
        is Boolean -> JsonPrimitive(value)
        is Enum<*> -> JsonPrimitive(value.name)
        is Map<*, *> -> JsonObject(value.entries.associate { (k, v) -> k.toString() to toJson(v, "$path.$k") })
        is Iterable<*> -> JsonArray(value.mapIndexed { i, v -> toJson(v, "$path[$i]") })
        is Array<*> -> JsonArray(value.mapIndexed { i, v -> toJson(v, "$path[$i]") })
        is DoubleArray -> JsonArray(value.map { JsonPrimitive(it) })
        is IntArray -> JsonArray(value.map { JsonPrimitive(it) })
        else -> throw ValidationException(path, value.toString(), "must be a map, list, string, number, boolean or null, was ${value.javaClass.name}")
    }

    private const val PREVIEW = 80
}
