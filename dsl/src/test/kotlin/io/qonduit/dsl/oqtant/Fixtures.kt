package io.qonduit.dsl.oqtant

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import java.io.File

/** The Oqtant reference fixtures (via the `qonduit.shared.dir` system property) as JSON trees. */
object Fixtures {
    private val dir: File by lazy {
        val shared = System.getProperty("qonduit.shared.dir")?.let(::File)?.takeIf { it.isDirectory }
            ?: generateSequence(File("").absoluteFile) { it.parentFile }
                .map { File(it, "shared") }
                .first { File(it, "reference").isDirectory }
        File(shared, "reference/fixtures/oqtant").also { require(it.isDirectory) { "no Oqtant fixtures at $it" } }
    }

    fun rawText(name: String): String = File(dir, name).readText()

    fun tree(name: String): JsonElement = parse(rawText(name))

    /** Parses [json] with every number as a double, so `1` and `1.0` compare equal. */
    fun parse(json: String): JsonElement = numbersAsDoubles(Json.parseToJsonElement(json))

    private fun numbersAsDoubles(e: JsonElement): JsonElement = when (e) {
        is JsonObject -> JsonObject(e.mapValues { numbersAsDoubles(it.value) })
        is JsonArray -> JsonArray(e.map(::numbersAsDoubles))
        is JsonPrimitive ->
            if (!e.isString && e.booleanOrNull == null && e.doubleOrNull != null) JsonPrimitive(e.doubleOrNull) else e
    }
}
