package io.qonduit.oqtant

import io.qonduit.errors.ValidationException
import io.qonduit.errors.Violation
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.OqtantValidation
import io.qonduit.oqtant.model.Pulse
import io.qonduit.oqtant.model.RfEvaporation
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.elementNames
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Builds validated [OqtantJob]s from user documents (Python `generate_oqtant_job`).
 *
 * Unknown keys are ignored, as bert_schemas ignores them, except inside `rf_evaporation` and laser
 * pulses, whose models forbid extra keys: there a misspelt key (`time_ms` for `times_ms`) would
 * otherwise silently leave the default in place, and the service refuses it.
 */
internal object OqtantJobDocuments {
    private val rfKeys = RfEvaporation.serializer().descriptor.elementNames.toSet()
    private val pulseKeys = Pulse.serializer().descriptor.elementNames.toSet()

    fun fromJson(json: String): OqtantJob {
        val job = try {
            OqtantJson.decodeJob(json)
        } catch (e: SerializationException) {
            throw ValidationException("job", json.take(PREVIEW), "is not an Oqtant job document: ${e.message?.lineSequence()?.first()}")
        } catch (e: IllegalArgumentException) {
            throw ValidationException("job", json.take(PREVIEW), "is not an Oqtant job document: ${e.message?.lineSequence()?.first()}")
        }
        val unknown = unknownKeys(OqtantJson.format.parseToJsonElement(json))
        val violations = unknown + OqtantValidation.violations(job)
        if (violations.isNotEmpty()) throw ValidationException(violations)
        return job
    }

    /** Keys of `rf_evaporation` and of each pulse that their bert_schemas models forbid (`extra="forbid"`). */
    private fun unknownKeys(document: JsonElement): List<Violation> {
        val found = mutableListOf<Violation>()
        fun check(obj: JsonElement?, allowed: Set<String>, path: String) {
            (obj as? JsonObject)?.keys?.filter { it !in allowed }?.forEach {
                found += Violation("$path.$it", (obj[it] as? JsonPrimitive)?.content ?: obj[it].toString(),
                    "is not a field of ${path.substringAfterLast('.').substringBefore('[')} (allowed: ${allowed.joinToString()})")
            }
        }
        ((document as? JsonObject)?.get("inputs") as? JsonArray)?.forEachIndexed { i, input ->
            val values = (input as? JsonObject)?.get("values") as? JsonObject ?: return@forEachIndexed
            val p = "inputs[$i].values"
            check(values["rf_evaporation"], rfKeys, "$p.rf_evaporation")
            (values["lasers"] as? JsonArray)?.forEachIndexed { l, laser ->
                ((laser as? JsonObject)?.get("pulses") as? JsonArray)?.forEachIndexed { k, pulse ->
                    check(pulse, pulseKeys, "$p.lasers[$l].pulses[$k]")
                }
            }
        }
        return found
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
