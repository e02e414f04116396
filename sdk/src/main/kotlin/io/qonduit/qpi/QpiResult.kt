package io.qonduit.qpi

import io.qonduit.errors.ReplySource
import io.qonduit.job.JobInput
import io.qonduit.job.JobResult
import io.qonduit.job.ResultExtras
import io.qonduit.job.ResultItem
import kotlinx.serialization.builtins.MapSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * What QPI says about one result item beyond Qonduit's counts: the keys as QPI's driver wrote them
 * and as QPI's Python client shows them, and the raw `memory` of `meas_level` 1 jobs (IQ data).
 *
 * @property driverCounts keys as the driver wrote them (little-endian binary, `c[0]` rightmost)
 * @property hexCounts keys as QPI's Python client shows them (`"0x3"`)
 * @property rawMemoryJson the `memory` array as JSON text, when it is not per-shot bitstrings; else null
 */
public class QpiExtras(
    public val driverCounts: Map<String, Long>,
    public val hexCounts: Map<String, Long>,
    public val rawMemoryJson: String? = null,
) : ResultExtras {
    override fun equals(other: Any?): Boolean = other is QpiExtras && driverCounts == other.driverCounts &&
        hexCounts == other.hexCounts && rawMemoryJson == other.rawMemoryJson

    override fun hashCode(): Int = listOf(driverCounts, hexCounts, rawMemoryJson).hashCode()

    override fun toString(): String = "QpiExtras(hexCounts=$hexCounts)"

    internal companion object {
        private val COUNTS = MapSerializer(String.serializer(), Long.serializer())

        val CODEC = io.qonduit.job.ExtrasSerializer.Codec(
            QpiBackend.PROVIDER, QpiExtras::class.java,
            encode = { e ->
                buildJsonObject {
                    put("driver_counts", Json.encodeToJsonElement(COUNTS, e.driverCounts))
                    put("hex_counts", Json.encodeToJsonElement(COUNTS, e.hexCounts))
                    e.rawMemoryJson?.let { put("raw_memory", it) }
                }
            },
            decode = { j ->
                QpiExtras(
                    j["driver_counts"]?.let { Json.decodeFromJsonElement(COUNTS, it) }.orEmpty(),
                    j["hex_counts"]?.let { Json.decodeFromJsonElement(COUNTS, it) }.orEmpty(),
                    (j["raw_memory"] as? JsonPrimitive)?.content,
                )
            },
        )
    }
}

/** Decoding of QPI result payloads into [ResultItem]s. */
public object QpiResults {
    /** The [QpiExtras] of every item of a completed QPI job, in item order. */
    @JvmStatic
    public fun of(result: JobResult): List<QpiExtras> = result.items.mapNotNull { it.extras as? QpiExtras }

    /**
     * One item per program × binding of [input], from the driver's `circuit_results` (or the whole
     * payload for a single-circuit job), in order.
     *
     * @throws io.qonduit.errors.ResponseDecodeException naming job [jobId] and the field when the
     *   results of a completed job are missing, too few or too many, or unreadable
     */
    internal fun decode(results: JsonElement?, input: JobInput, jobId: String): List<ResultItem> {
        val source = ReplySource(QpiBackend.PROVIDER, jobId)
        val payload = results as? JsonObject ?: source.fail("results", "must be an object holding the counts of a completed job, was $results")
        val perCircuit = when (val list = payload["circuit_results"]) {
            null -> listOf("results" to payload)
            is JsonArray -> list.mapIndexed { i, item ->
                "results.circuit_results[$i]" to (item as? JsonObject ?: source.fail("results.circuit_results[$i]", "must be an object"))
            }
            else -> source.fail("results.circuit_results", "must be an array")
        }
        val plan = input.plan()
        if (perCircuit.size != plan.size) source.fail("results.circuit_results", "holds ${perCircuit.size} results but the job ran ${plan.size} circuits")
        return plan.zip(perCircuit) { run, (at, item) ->
            val countsJson = item["counts"] ?: item["hex_counts"]
            val memory = item["memory"]
            if (countsJson == null && memory == null) source.fail("$at.counts", "is missing: a completed job carries counts or memory")
            val driver = countsJson?.let { QpiCounts.countsOf(it, "$at.counts", source) }.orEmpty()
            val registers = QpiCounts.registersOf(run.program, QpiCounts.width(driver))
            val perShot = QpiCounts.memoryOf(memory, registers, "$at.memory", source)
            ResultItem(
                run,
                shots = QpiCounts.intOf(item["shots"], "$at.shots", source) ?: run.item.shotsUnder(input.options, QpiBackend.DEFAULT_SHOTS),
                counts = QpiCounts.toRegisters(driver, registers, "$at.counts", source),
                memory = perShot,
                extras = QpiExtras(driver, QpiCounts.toHex(driver), memory?.takeIf { perShot == null }?.toString()),
            )
        }
    }
}
