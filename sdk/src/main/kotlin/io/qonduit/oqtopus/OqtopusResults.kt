package io.qonduit.oqtopus

import io.qonduit.errors.QonduitException
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.longOrNull

/**
 * A job's `result.json` (`jobs.S3JobResult`) and `transpile_result.json`, decoded.
 *
 * Count keys are as OQTOPUS writes them: binary bitstrings (an optional `0b` prefix removed) with
 * classical bit 0 rightmost. [countsWithIntegerKeys] gives them as integers, as the Python client's
 * `counts_with_integer_keys` does.
 *
 * @property counts `sampling.counts` (sampling and multi-manual), empty otherwise
 * @property dividedCounts `sampling.divided_counts`: counts per program index (multi-manual), or null
 * @property expValue `estimation.exp_value` (estimation), or null
 * @property stds `estimation.stds` (estimation), or null
 * @property transpile the transpile result, when the job was transpiled
 */
public class OqtopusResult internal constructor(
    public val counts: Map<String, Long>,
    public val dividedCounts: Map<Int, Map<String, Long>>?,
    public val expValue: Double?,
    public val stds: Double?,
    public val transpile: OqtopusTranspileResult?,
    @get:JvmSynthetic internal val raw: JsonObject,
) {
    /** The whole `result.json` as JSON text. */
    public val rawJson: String get() = raw.toString()

    /** [counts] keyed by the integer each bitstring stands for. */
    public fun countsWithIntegerKeys(): Map<Long, Long> = integerKeys(counts)

    /** [dividedCounts] with integer keys, or an empty map. */
    public fun dividedCountsWithIntegerKeys(): Map<Int, Map<Long, Long>> = dividedCounts.orEmpty().mapValues { integerKeys(it.value) }

    /** A copy carrying [transpile]. */
    internal fun withTranspile(transpile: OqtopusTranspileResult?): OqtopusResult =
        OqtopusResult(counts, dividedCounts, expValue, stds, transpile, raw)

    override fun toString(): String = buildString {
        append("OqtopusResult(")
        if (counts.isNotEmpty()) append("counts=").append(counts)
        dividedCounts?.let { append(", dividedCounts=").append(it) }
        expValue?.let { append("expValue=").append(it).append(", stds=").append(stds) }
        append(')')
    }

    internal companion object {
        /** Decodes `result.json`. @throws QonduitException for keys that are not bitstrings */
        fun decode(json: JsonObject): OqtopusResult {
            val sampling = json["sampling"] as? JsonObject
            val estimation = json["estimation"] as? JsonObject
            val counts = countsOf(sampling?.get("counts"))
            val divided = (sampling?.get("divided_counts") as? JsonObject)?.entries?.associate { (k, v) ->
                val index = k.toIntOrNull() ?: throw QonduitException("divided_counts key '$k' is not a program index")
                index to countsOf(v)
            }?.toSortedMap()
            return OqtopusResult(
                counts, divided,
                (estimation?.get("exp_value") as? JsonPrimitive)?.doubleOrNull,
                (estimation?.get("stds") as? JsonPrimitive)?.doubleOrNull,
                null, json,
            )
        }

        private fun countsOf(element: JsonElement?): Map<String, Long> {
            val obj = element as? JsonObject ?: return emptyMap()
            val out = linkedMapOf<String, Long>()
            for ((key, value) in obj) {
                val bits = bitstring(key)
                val n = (value as? JsonPrimitive)?.longOrNull ?: throw QonduitException("count of '$key' is not an integer: $value")
                out.merge(bits, n, Long::plus)
            }
            return out
        }

        /** `0101` or `0b0101` → `0101`, as oqtopus-client's `bitstring_to_int` accepts them. */
        fun bitstring(key: String): String {
            val bits = key.removePrefix("0b")
            if (bits.isEmpty() || bits.any { it != '0' && it != '1' }) throw QonduitException("count key '$key' is not a bitstring")
            return bits
        }

        private fun integerKeys(counts: Map<String, Long>): Map<Long, Long> {
            val out = linkedMapOf<Long, Long>()
            counts.forEach { (k, v) -> out.merge(k.toBigInteger(2).toLong(), v, Long::plus) }
            return out
        }
    }
}

/**
 * `transpile_result.json` (`jobs.S3TranspileResult`). [stats] and the mapping come as JSON objects
 * or, as in quri-parts' data, as JSON text in a string; both are read. The mapping is either flat
 * (`{"0": 0, "1": 1}`, quri-parts) or split as the engine's transpiler writes it
 * (`{"qubit_mapping": {...}, "bit_mapping": {...}}`); both are read.
 *
 * @property transpiledProgram the transpiled OpenQASM, or null
 * @property virtualPhysicalMapping virtual qubit → physical qubit, or empty
 * @property bitMapping virtual classical bit → physical classical bit, or empty
 */
public class OqtopusTranspileResult internal constructor(
    public val transpiledProgram: String?,
    @get:JvmSynthetic public val stats: JsonObject?,
    public val virtualPhysicalMapping: Map<Int, Int>,
    public val bitMapping: Map<Int, Int>,
    @get:JvmSynthetic internal val mappingObject: JsonObject?,
) {
    /** [stats] as JSON text, or null. */
    public val statsJson: String? get() = stats?.toString()

    /** `virtual_physical_mapping` as received (decoded from text when it came as a string), or null. */
    public val virtualPhysicalMappingJson: String? get() = mappingObject?.toString()

    override fun toString(): String = "OqtopusTranspileResult(mapping=$virtualPhysicalMapping, stats=$stats)"

    internal companion object {
        fun decode(json: JsonObject): OqtopusTranspileResult {
            val mapping = JsonOrText.objectOf(json["virtual_physical_mapping"])
            val qubits = (mapping?.get("qubit_mapping") as? JsonObject) ?: mapping
            return OqtopusTranspileResult(
                (json["transpiled_program"] as? JsonPrimitive)?.takeIf { it.isString }?.content,
                JsonOrText.objectOf(json["stats"]),
                indexMap(qubits),
                indexMap(mapping?.get("bit_mapping") as? JsonObject),
                mapping,
            )
        }

        /** The entries of [obj] whose keys and values are integers, sorted by key. */
        private fun indexMap(obj: JsonObject?): Map<Int, Int> = obj?.entries?.mapNotNull { (k, v) ->
            val to = (v as? JsonPrimitive)?.takeIf { !it.isString }?.longOrNull?.toInt() ?: return@mapNotNull null
            k.toIntOrNull()?.let { it to to }
        }?.toMap()?.toSortedMap().orEmpty()
    }
}
