package io.qonduit.oqtopus

import io.qonduit.errors.ReplySource
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
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
        /**
         * Decodes `result.json` of job [jobId].
         *
         * @throws io.qonduit.errors.ResponseDecodeException naming the job and the field for a key
         *   that is not a bitstring, keys of different widths, or a count that is not a whole number >= 0
         */
        fun decode(json: JsonObject, jobId: String? = null): OqtopusResult {
            val source = ReplySource(OqtopusTarget.PROVIDER, jobId)
            val sampling = json["sampling"]?.takeIf { it != JsonNull }?.let { it as? JsonObject ?: source.fail("sampling", "must be an object") }
            val estimation = json["estimation"] as? JsonObject
            val counts = countsOf(sampling?.get("counts"), "sampling.counts", source)
            val divided = sampling?.get("divided_counts")?.takeIf { it != JsonNull }?.let { element ->
                val obj = element as? JsonObject ?: source.fail("sampling.divided_counts", "must be an object")
                obj.entries.associate { (k, v) ->
                    val index = k.toIntOrNull()?.takeIf { it >= 0 } ?: source.fail("sampling.divided_counts[\"$k\"]", "must be keyed by a program index")
                    index to countsOf(v, "sampling.divided_counts[\"$k\"]", source)
                }.toSortedMap()
            }
            return OqtopusResult(
                counts, divided,
                (estimation?.get("exp_value") as? JsonPrimitive)?.doubleOrNull,
                (estimation?.get("stds") as? JsonPrimitive)?.doubleOrNull,
                null, json,
            )
        }

        /** Counts at [field]: bitstring keys all of one width, whole counts from 0 to [Long.MAX_VALUE]. */
        private fun countsOf(element: JsonElement?, field: String, source: ReplySource): Map<String, Long> {
            if (element == null || element == JsonNull) return emptyMap()
            val obj = element as? JsonObject ?: source.fail(field, "must be an object mapping bitstrings to counts")
            val out = linkedMapOf<String, Long>()
            for ((key, value) in obj) {
                val bits = bitstringOrNull(key) ?: source.fail("$field[\"$key\"]", "must be a bitstring (0101 or 0b0101)")
                val width = out.keys.firstOrNull()?.length
                if (width != null && bits.length != width) source.fail("$field[\"$key\"]", "must be $width bits wide like the other keys")
                val n = (value as? JsonPrimitive)?.takeIf { !it.isString }?.longOrNull?.takeIf { it >= 0 }
                    ?: source.fail("$field[\"$key\"]", "must be a whole count from 0 to ${Long.MAX_VALUE}, was $value")
                out.merge(bits, n, Long::plus)
            }
            return out
        }

        /** `0101` or `0b0101` → `0101`, as oqtopus-client's `bitstring_to_int` accepts them; else null. */
        private fun bitstringOrNull(key: String): String? =
            key.removePrefix("0b").takeIf { bits -> bits.isNotEmpty() && bits.all { it == '0' || it == '1' } }

        private fun integerKeys(counts: Map<String, Long>): Map<Long, Long> {
            val out = linkedMapOf<Long, Long>()
            counts.forEach { (k, v) ->
                val key = k.toBigInteger(2).takeIf { it.bitLength() < Long.SIZE_BITS }
                    ?: ReplySource(OqtopusTarget.PROVIDER, null).fail("counts[\"$k\"]", "is wider than 63 bits: read it from counts")
                out.merge(key.toLong(), v, Long::plus)
            }
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
