package io.qonduit.qibo

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.longOrNull

/** Lenient readers of the Qibo server's JSON: a missing or null key reads as null. */
internal object QiboJson {
    fun JsonObject.str(key: String): String? = (this[key] as? JsonPrimitive)?.takeIf { it !is JsonNull }?.content

    fun JsonObject.long(key: String): Long? = (this[key] as? JsonPrimitive)?.let { it.longOrNull ?: it.doubleOrNull?.takeIf { d -> d % 1.0 == 0.0 }?.toLong() }

    fun JsonObject.int(key: String): Int? = long(key)?.toInt()

    fun JsonObject.double(key: String): Double? = (this[key] as? JsonPrimitive)?.takeIf { it !is JsonNull }?.doubleOrNull

    fun JsonObject.bool(key: String): Boolean? = (this[key] as? JsonPrimitive)?.booleanOrNull

    fun JsonObject.obj(key: String): JsonObject? = this[key] as? JsonObject

    /** The first of [keys] present with a non-null value. */
    fun JsonObject.firstOf(vararg keys: String): JsonElement? = keys.firstNotNullOfOrNull { k -> this[k]?.takeIf { it !is JsonNull } }

    fun requireObject(element: JsonElement, call: String): JsonObject =
        element as? JsonObject ?: throw QiboMalformedResponseException(call, emptyList(), "expected a JSON object, got ${element.toString().take(80)}")

    fun requireArray(element: JsonElement, call: String): JsonArray =
        element as? JsonArray ?: throw QiboMalformedResponseException(call, emptyList(), "expected a JSON list, got ${element.toString().take(80)}")

    fun requireKeys(obj: JsonObject, call: String, vararg keys: String) {
        val missing = keys.filter { it !in obj }
        if (missing.isNotEmpty()) throw QiboMalformedResponseException(call, missing)
    }
}
