package io.qonduit.oqtopus

import io.qonduit.job.ResultExtras
import kotlinx.serialization.builtins.MapSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * What OQTOPUS says about one result item beyond Qonduit's counts.
 *
 * @property jobId the OQTOPUS job id
 * @property oqtopusCounts the counts as OQTOPUS keys them (binary, classical bit 0 rightmost); for
 *   a multi-manual item, that program's `divided_counts`
 * @property transpiledProgram the transpiled program, when the job was transpiled
 * @property virtualPhysicalMapping virtual → physical qubits, when reported
 * @property statsJson the transpile statistics as JSON text, when reported
 */
public class OqtopusExtras internal constructor(
    public val jobId: String,
    public val oqtopusCounts: Map<String, Long>,
    public val transpiledProgram: String?,
    public val virtualPhysicalMapping: Map<Int, Int>,
    public val statsJson: String?,
) : ResultExtras {
    /** [oqtopusCounts] with integer keys (oqtopus-client's `counts_with_integer_keys`). */
    public fun countsWithIntegerKeys(): Map<Long, Long> =
        oqtopusCounts.entries.groupingBy { it.key.toBigInteger(2).toLong() }.fold(0L) { acc, e -> acc + e.value }

    override fun equals(other: Any?): Boolean = other is OqtopusExtras && jobId == other.jobId && oqtopusCounts == other.oqtopusCounts &&
        transpiledProgram == other.transpiledProgram && virtualPhysicalMapping == other.virtualPhysicalMapping && statsJson == other.statsJson

    override fun hashCode(): Int = listOf(jobId, oqtopusCounts, transpiledProgram, virtualPhysicalMapping, statsJson).hashCode()

    override fun toString(): String = "OqtopusExtras(job=$jobId, counts=$oqtopusCounts)"

    internal companion object {
        private val COUNTS = MapSerializer(String.serializer(), Long.serializer())
        private val MAPPING = MapSerializer(Int.serializer(), Int.serializer())

        val CODEC = io.qonduit.job.ExtrasSerializer.Codec(
            OqtopusTarget.PROVIDER, OqtopusExtras::class.java,
            encode = { e ->
                buildJsonObject {
                    put("job_id", e.jobId)
                    put("counts", Json.encodeToJsonElement(COUNTS, e.oqtopusCounts))
                    e.transpiledProgram?.let { put("transpiled_program", it) }
                    put("virtual_physical_mapping", Json.encodeToJsonElement(MAPPING, e.virtualPhysicalMapping))
                    e.statsJson?.let { put("stats", it) }
                }
            },
            decode = { j: JsonObject ->
                OqtopusExtras(
                    (j["job_id"] as? JsonPrimitive)?.content.orEmpty(),
                    j["counts"]?.let { Json.decodeFromJsonElement(COUNTS, it) }.orEmpty(),
                    (j["transpiled_program"] as? JsonPrimitive)?.content,
                    j["virtual_physical_mapping"]?.let { Json.decodeFromJsonElement(MAPPING, it) }.orEmpty(),
                    (j["stats"] as? JsonPrimitive)?.content,
                )
            },
        )
    }
}
