package io.qonduit.oqc.config

import io.qonduit.errors.ValidationException
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.transport.JsonDepth
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Maps [CompilerConfig] to and from the Python serialiser's tree:
 * objects `{"$type": "<class 'ns.X'>", "$data": {...}}`, flag sets `{"$type": "<enum 'ns.Y'>", "$value": n}`.
 */
internal object CompilerConfigCodec {
    private const val TYPE = "\$type"
    private const val DATA = "\$data"
    private const val VALUE = "\$value"

    private const val REPEATS = "repeats"
    private const val REPETITION_PERIOD = "repetition_period"
    private const val RESULTS_FORMAT = "results_format"
    private const val METRICS = "metrics"
    private const val ACTIVE_CALIBRATIONS = "active_calibrations"
    private const val OPTIMIZATIONS = "optimizations"
    private const val ERROR_MITIGATION = "error_mitigation"
    private const val QISKIT = "qiskit_optimizations"
    private const val TKET = "tket_optimizations"

    /** `$data` keys in the order the Python library (compiler-config 0.1.x) writes them. */
    private val CANONICAL_KEYS = listOf(
        REPEATS, REPETITION_PERIOD, RESULTS_FORMAT, METRICS, ACTIVE_CALIBRATIONS, OPTIMIZATIONS, ERROR_MITIGATION,
    )

    private val TYPE_NAME = Regex("""^<(class|enum) '([\w.]+)\.(\w+)'>$""")

    // ---------------------------------------------------------------- encode

    fun encode(config: CompilerConfig): JsonObject {
        val keys = (config.keyOrder ?: CANONICAL_KEYS).toMutableList()
        // A value set on a parsed config whose key was absent still has to be sent.
        CANONICAL_KEYS.filter { it !in keys && hasValue(config, it) }.forEach { keys += it }
        config.unknownFields.keys.filter { it !in keys }.forEach { keys += it }
        val data = LinkedHashMap<String, JsonElement>()
        for (key in keys) data[key] = valueOf(config, key)
        return typed(config.namespace.classType("CompilerConfig"), JsonObject(data))
    }

    private fun hasValue(c: CompilerConfig, key: String): Boolean = when (key) {
        REPEATS -> c.shots != null
        REPETITION_PERIOD -> c.repetitionPeriod != null
        RESULTS_FORMAT -> true
        METRICS -> c.metrics != null
        ACTIVE_CALIBRATIONS -> c.activeCalibrations.isNotEmpty()
        OPTIMIZATIONS -> c.optimizations != null
        ERROR_MITIGATION -> c.errorMitigation != null
        else -> false
    }

    private fun valueOf(c: CompilerConfig, key: String): JsonElement {
        val ns = c.namespace
        return when (key) {
            REPEATS -> c.shots?.let { JsonPrimitive(it) } ?: JsonNull
            REPETITION_PERIOD -> c.repetitionPeriodLiteral?.let { Json.parseToJsonElement(it) } ?: JsonNull
            RESULTS_FORMAT -> typed(
                ns.classType("QuantumResultsFormat"),
                JsonObject(
                    linkedMapOf(
                        "format" to flags(ns, "InlineResultsProcessing", c.resultsFormat.format),
                        "transforms" to flags(ns, "ResultsFormatting", c.resultsFormat.transforms),
                    ),
                ),
            )
            METRICS -> flags(ns, "MetricsType", c.metrics)
            ACTIVE_CALIBRATIONS -> JsonArray(c.activeCalibrations)
            OPTIMIZATIONS -> c.optimizations?.let { encodeOptimizations(ns, it) } ?: JsonNull
            ERROR_MITIGATION -> c.errorMitigation ?: JsonNull
            else -> c.unknownFields.getValue(key)
        }
    }

    private fun encodeOptimizations(ns: ConfigNamespace, o: Optimizations): JsonObject {
        val data = when (o) {
            is Qasm2Optimizations -> JsonObject(
                linkedMapOf(
                    QISKIT to flags(ns, "QiskitOptimizations", o.qiskit),
                    TKET to flags(ns, "TketOptimizations", o.tket),
                ),
            )
            is Qasm3Optimizations -> JsonObject(emptyMap())
            is RawOptimizations -> o.data
        }
        return typed(ns.classType(o.typeName), data)
    }

    private fun typed(type: String, data: JsonObject): JsonObject =
        JsonObject(linkedMapOf(TYPE to JsonPrimitive(type), DATA to data))

    private fun flags(ns: ConfigNamespace, enumName: String, set: Set<ConfigFlag>?): JsonElement =
        if (set == null) {
            JsonNull
        } else {
            JsonObject(linkedMapOf(TYPE to JsonPrimitive(ns.enumType(enumName)), VALUE to JsonPrimitive(set.wireValue())))
        }

    // ---------------------------------------------------------------- decode

    fun decode(text: String): CompilerConfig {
        // Reading and quoting a tree recurses once per level: refuse absurd nesting before either.
        if (JsonDepth.exceeds(text)) fail("config", text.take(80), "must not nest deeper than ${ResponseDecodeException.MAX_JSON_DEPTH} levels")
        val root = try {
            Json.parseToJsonElement(text)
        } catch (e: SerializationException) {
            fail("config", text.take(80), "must be valid JSON (${e.message?.lineSequence()?.firstOrNull()})")
        }
        val obj = root as? JsonObject ?: fail("config", text.take(80), "must be a JSON object with \$type and \$data")
        obj.keys.filter { it != TYPE && it != DATA }.forEach {
            fail("config.$it", obj[it].toString(), "is not part of a CompilerConfig (only \$type and \$data)")
        }
        val (namespace, _) = typeOf(obj, TYPE, "class", "CompilerConfig")
        val data = dataOf(obj, DATA)

        var shots: Int? = null
        var period: Double? = null
        var periodLiteral: String? = null
        var format = QuantumResultsFormat.unspecified()
        var metrics: Set<MetricsType>? = null
        var calibrations: List<JsonElement> = emptyList()
        var optimizations: Optimizations? = null
        var errorMitigation: JsonElement? = null
        val unknown = LinkedHashMap<String, JsonElement>()

        for ((key, value) in data) {
            when (key) {
                REPEATS -> shots = decodeShots(value)
                REPETITION_PERIOD -> if (value != JsonNull) {
                    val literal = number(value, key)
                    period = literal.toDouble()
                    periodLiteral = literal
                    if (period <= 0.0) fail(key, literal, "must be > 0 seconds")
                }
                RESULTS_FORMAT -> format = decodeResultsFormat(value)
                METRICS -> metrics = decodeFlags(value, key, "MetricsType", MetricsType.entries)
                ACTIVE_CALIBRATIONS -> calibrations = value as? JsonArray ?: fail(key, value.toString(), "must be a JSON list")
                OPTIMIZATIONS -> optimizations = decodeOptimizations(value)
                ERROR_MITIGATION -> errorMitigation = value.takeIf { it != JsonNull }
                else -> unknown[key] = value
            }
        }
        return CompilerConfig(
            shots, period, format, metrics, calibrations, optimizations, errorMitigation, namespace,
            unknown, periodLiteral, data.keys.toList(),
        )
    }

    private fun decodeShots(value: JsonElement): Int? {
        if (value == JsonNull) return null
        val literal = number(value, REPEATS)
        val n = literal.toLongOrNull() ?: fail(REPEATS, literal, "must be a whole number of shots")
        if (n < 1) fail(REPEATS, n, "must be at least 1")
        if (n > Int.MAX_VALUE) fail(REPEATS, n, "must be at most ${Int.MAX_VALUE}")
        return n.toInt()
    }

    private fun decodeResultsFormat(value: JsonElement): QuantumResultsFormat {
        val obj = value as? JsonObject ?: fail(RESULTS_FORMAT, value.toString(), "must be a QuantumResultsFormat object")
        typeOf(obj, "$RESULTS_FORMAT.$TYPE", "class", "QuantumResultsFormat")
        val data = dataOf(obj, "$RESULTS_FORMAT.$DATA")
        data.keys.filter { it != "format" && it != "transforms" }.forEach {
            fail("$RESULTS_FORMAT.$DATA.$it", data[it].toString(), "is not a QuantumResultsFormat field (format, transforms)")
        }
        return QuantumResultsFormat.of(
            data["format"]?.let {
                decodeFlags(it, "$RESULTS_FORMAT.$DATA.format", "InlineResultsProcessing", InlineResultsProcessing.entries)
            },
            data["transforms"]?.let {
                decodeFlags(it, "$RESULTS_FORMAT.$DATA.transforms", "ResultsFormatting", ResultsFormatting.entries)
            },
        )
    }

    private fun decodeOptimizations(value: JsonElement): Optimizations? {
        if (value == JsonNull) return null
        val obj = value as? JsonObject ?: fail(OPTIMIZATIONS, value.toString(), "must be an optimisations object or null")
        val (_, name) = typeOf(obj, "$OPTIMIZATIONS.$TYPE", "class", null)
        val data = dataOf(obj, "$OPTIMIZATIONS.$DATA")
        return when {
            name == "Qasm2Optimizations" && data.keys == setOf(QISKIT, TKET) && data.keys.first() == QISKIT ->
                Qasm2Optimizations(
                    decodeFlags(data.getValue(QISKIT), "$OPTIMIZATIONS.$DATA.$QISKIT", "QiskitOptimizations", QiskitOptimizations.entries),
                    decodeFlags(data.getValue(TKET), "$OPTIMIZATIONS.$DATA.$TKET", "TketOptimizations", TketOptimizations.entries),
                )
            name == "Qasm3Optimizations" && data.isEmpty() -> Qasm3Optimizations()
            // Anything else (other classes, extra settings, other key order) travels back verbatim.
            else -> RawOptimizations(name, data)
        }
    }

    private fun <E> decodeFlags(value: JsonElement, field: String, enumName: String, entries: List<E>): Set<E>?
        where E : Enum<E>, E : ConfigFlag {
        if (value == JsonNull) return null
        val obj = value as? JsonObject ?: fail(field, value.toString(), "must be a $enumName flag object or null")
        typeOf(obj, "$field.$TYPE", "enum", enumName)
        val literal = number(obj[VALUE] ?: fail("$field.$VALUE", null, "is missing"), "$field.$VALUE")
        val bits = literal.toIntOrNull() ?: fail("$field.$VALUE", literal, "must be a whole number")
        if (bits < 0) fail("$field.$VALUE", bits, "must not be negative")
        val known = entries.fold(0) { acc, e -> acc or e.bit }
        if (bits and known.inv() != 0) {
            fail("$field.$VALUE", bits, "has bits unknown to $enumName (${bits and known.inv()}); known bits: $known")
        }
        return entries.filter { bits and it.bit != 0 }.toSet()
    }

    /** Checks `$type` is `<kind 'ns.expected'>` with a known namespace; returns namespace and class name. */
    private fun typeOf(obj: JsonObject, field: String, kind: String, expected: String?): Pair<ConfigNamespace, String> {
        val raw = (obj[TYPE] as? JsonPrimitive)?.takeIf { it.isString }?.content
            ?: fail(field, obj[TYPE]?.toString(), "must be a type string such as <$kind 'compiler_config.config.X'>")
        val match = TYPE_NAME.matchEntire(raw) ?: fail(field, raw, "must look like <$kind 'compiler_config.config.X'>")
        val (foundKind, module, name) = match.destructured
        val namespace = ConfigNamespace.entries.firstOrNull { it.modulePath == module }
            ?: fail(field, raw, "module must be one of ${ConfigNamespace.entries.joinToString { it.modulePath }}")
        if (foundKind != kind || (expected != null && name != expected)) {
            fail(field, raw, "must be <$kind '$module.${expected ?: name}'>")
        }
        return namespace to name
    }

    private fun dataOf(obj: JsonObject, field: String): JsonObject =
        obj[DATA] as? JsonObject ?: fail(field, obj[DATA]?.toString(), "must be a JSON object")

    private fun number(value: JsonElement, field: String): String {
        val p = value as? JsonPrimitive
        if (p == null || p.isString || p.content == "true" || p.content == "false" || p.content == "null" ||
            p.content.toDoubleOrNull()?.isFinite() != true
        ) {
            fail(field, value.toString(), "must be a finite number")
        }
        return p.content
    }

    private fun fail(field: String, value: Any?, limit: String): Nothing = throw ValidationException(field, value, limit)
}
