package io.qonduit

import io.qonduit.errors.ValidationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * Reads the JSON text that Java callers pass where Kotlin callers pass a `JsonElement` (the `…Json`
 * twins of JSON-typed members). The one place that turns such text into a tree.
 */
internal object JsonText {
    /** [text] as a JSON value. @throws ValidationException naming [field] when it is not JSON */
    fun parse(field: String, text: String): JsonElement = try {
        Json.parseToJsonElement(text)
    } catch (e: IllegalArgumentException) {
        throw ValidationException(field, text.take(80), "must be JSON text")
    }

    /** [text] as a JSON object. @throws ValidationException naming [field] when it is not a JSON object */
    fun parseObject(field: String, text: String): JsonObject =
        parse(field, text) as? JsonObject ?: throw ValidationException(field, text.take(80), "must be a JSON object")
}
