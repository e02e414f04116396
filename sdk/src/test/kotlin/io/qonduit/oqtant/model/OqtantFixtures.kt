package io.qonduit.oqtant.model

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import java.io.File

/** Reads the Oqtant reference fixtures and compares JSON trees. */
object OqtantFixtures {
    private val dir: File by lazy {
        val configured = System.getProperty("qonduit.shared.dir")?.let(::File)
        val shared = configured?.takeIf { it.isDirectory }
            ?: generateSequence(File("").absoluteFile) { it.parentFile }
                .map { File(it, "shared") }
                .first { File(it, "reference").isDirectory }
        File(shared, "reference/fixtures/oqtant").also { require(it.isDirectory) { "no fixtures at $it" } }
    }

    fun text(name: String): String = File(dir, name).readText()

    fun tree(name: String): JsonElement = Json.parseToJsonElement(text(name))

    /** Same tree with every number as a double, so `1` and `1.0` compare equal. */
    fun normalized(e: JsonElement): JsonElement = when (e) {
        is JsonObject -> JsonObject(e.mapValues { normalized(it.value) })
        is JsonArray -> JsonArray(e.map(::normalized))
        is JsonPrimitive ->
            if (!e.isString && e.booleanOrNull == null && e.doubleOrNull != null) JsonPrimitive(e.doubleOrNull) else e
    }
}
