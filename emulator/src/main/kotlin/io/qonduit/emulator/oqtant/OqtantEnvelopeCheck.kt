package io.qonduit.emulator.oqtant

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.format.DateTimeParseException

/** One 422 entry: pydantic's `loc` (without the leading `body`), `msg` and error `type`. */
internal class Problem(val loc: List<Any>, val msg: String, val type: String = "value_error")

/**
 * Types and enums of the `POST {U}/jobs` envelope and of each input, as pydantic checks bert_schemas'
 * `JobCreate` and `Input` (pydantic's lax mode: `"3"` and `3.0` are integers, `"yes"` is a boolean;
 * unknown keys are ignored). Runs on the raw JSON before the body is decoded, so that a wrong type is
 * reported at its own location with pydantic's error type instead of as an unreadable body.
 */
internal object OqtantEnvelopeCheck {
    private val origins = listOf("WEB", "OQTAPI")
    private val statuses = listOf("PENDING", "RUNNING", "COMPLETE", "FAILED", "CANCELLED", "INCOMPLETE")
    private val qpuNames = listOf("SMALLBERT", "BIGBERT", "UNDEFINED", "SIMULATOR")

    // pydantic's accepted spellings of a boolean (besides JSON true/false and the numbers 0 and 1).
    private val trueWords = setOf("1", "on", "t", "true", "y", "yes")
    private val falseWords = setOf("0", "off", "f", "false", "n", "no")

    fun problems(body: JsonObject): List<Problem> {
        val found = mutableListOf<Problem>()
        string(body, "name", listOf("name"), required = true, found)
        enum(body["origin"], listOf("origin"), origins, nullable = true, found)
        enum(body["status"], listOf("status"), statuses, nullable = false, found)
        enum(body["qpu_name"], listOf("qpu_name"), qpuNames, nullable = false, found)
        body["display"]?.let { if (!isBoolean(it)) found += Problem(listOf("display"), "Input should be a valid boolean, unable to interpret input", "bool_parsing") }
        integer(body["input_count"], listOf("input_count"), found)
        listOf("time_start", "time_complete").forEach { key -> datetime(body[key], listOf(key), found) }
        when (val inputs = body["inputs"]) {
            null -> found += Problem(listOf("inputs"), "Field required", "missing")
            !is JsonArray -> found += Problem(listOf("inputs"), "Input should be a valid array", "list_type")
            else -> inputs.forEachIndexed { i, input -> input(input, listOf("inputs", i), found) }
        }
        return found
    }

    private fun input(input: JsonElement, loc: List<Any>, found: MutableList<Problem>) {
        if (input !is JsonObject) {
            found += Problem(loc, "Input should be an object", "model_type")
            return
        }
        integer(input["job_id"], loc + "job_id", found)
        integer(input["run"], loc + "run", found)
        string(input, "notes", loc + "notes", required = false, found)
        input["output"]?.let { if (it !is JsonNull && it !is JsonObject) found += Problem(loc + "output", "Input should be an object", "model_type") }
        when (input["values"]) {
            null -> found += Problem(loc + "values", "Field required", "missing")
            !is JsonObject -> found += Problem(loc + "values", "Input should be an object", "model_type")
            else -> Unit
        }
    }

    private fun string(obj: JsonObject, key: String, loc: List<Any>, required: Boolean, found: MutableList<Problem>) {
        when (val value = obj[key]) {
            null -> if (required) found += Problem(loc, "Field required", "missing")
            JsonNull -> if (required) found += Problem(loc, "Input should be a valid string", "string_type")
            is JsonPrimitive -> if (!value.isString) found += Problem(loc, "Input should be a valid string", "string_type")
            else -> found += Problem(loc, "Input should be a valid string", "string_type")
        }
    }

    private fun enum(value: JsonElement?, loc: List<Any>, allowed: List<String>, nullable: Boolean, found: MutableList<Problem>) {
        if (value == null || (nullable && value is JsonNull)) return
        if (value is JsonPrimitive && value.isString && value.content in allowed) return
        found += Problem(loc, "Input should be ${choices(allowed)}", "enum")
    }

    /** An optional `int | None`: JSON null, an integer, an integral float or a string holding an integer. */
    private fun integer(value: JsonElement?, loc: List<Any>, found: MutableList<Problem>) {
        if (value == null || value is JsonNull) return
        val p = value as? JsonPrimitive
        when {
            p == null -> found += Problem(loc, "Input should be a valid integer", "int_type")
            p.isString -> if (p.content.trim().toLongOrNull() == null) {
                found += Problem(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing")
            }
            p.booleanOrNull != null -> Unit // pydantic reads true/false as 1/0
            else -> {
                val d = p.doubleOrNull
                if (d == null || d != Math.rint(d)) {
                    found += Problem(loc, "Input should be a valid integer, got a number with a fractional part", "int_from_float")
                }
            }
        }
    }

    private fun isBoolean(value: JsonElement): Boolean {
        val p = value as? JsonPrimitive ?: return false
        if (p.isString) return p.content.lowercase() in trueWords || p.content.lowercase() in falseWords
        if (p.booleanOrNull != null) return true
        return p.doubleOrNull == 0.0 || p.doubleOrNull == 1.0
    }

    private fun datetime(value: JsonElement?, loc: List<Any>, found: MutableList<Problem>) {
        if (value == null || value is JsonNull) return
        val p = value as? JsonPrimitive
        val ok = when {
            p == null -> false
            p.isString -> parses(p.content)
            else -> p.doubleOrNull != null // pydantic reads a number as Unix time
        }
        if (!ok) found += Problem(loc, "Input should be a valid datetime", "datetime_parsing")
    }

    private fun parses(text: String): Boolean = listOf<(String) -> Any>(OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse).any {
        try {
            it(text)
            true
        } catch (e: DateTimeParseException) {
            false
        }
    }

    /** pydantic's enum message: `'A', 'B' or 'C'`. */
    fun choices(allowed: List<String>): String =
        allowed.dropLast(1).joinToString(", ") { "'$it'" } + " or '" + allowed.last() + "'"
}
