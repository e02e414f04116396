package io.qonduit.emulator.oqtant

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

/** One stored job; mutated only under [OqtantEmulatorState.locked]. */
internal class OqtantJobRecord(
    val externalId: String,
    val userId: String,
    val name: String,
    val jobType: String,
    /** Each run's input as submitted (with `run` filled) plus its assigned numeric `job_id`. */
    val inputs: List<JsonObject>,
    val values: List<ValuesDto>,
    val timeSubmit: Instant,
    val sequence: Long,
    /** A forced end state for tests (`FAILED`, `INCOMPLETE`), or null for a normal completion. */
    val forcedOutcome: String?,
) {
    var status: String = "PENDING"
    var timeStart: Instant? = null
    var timeComplete: Instant? = null
    /**
     * Output `values` per run index, filled on completion; raw images alongside. Kept as JSON text (about
     * the wire size) and parsed only to answer a request: a tree of one JSON value per pixel costs
     * several times more heap, and a 40-job sweep against the in-process emulator must fit in 512 MiB.
     */
    val outputs: MutableMap<Int, String> = HashMap()
    val outputIds: MutableMap<Int, Long> = HashMap()
    val rawImages: MutableMap<Int, String> = HashMap()
    val failedRuns: MutableList<Int> = ArrayList()

    val isActive: Boolean get() = status == "PENDING" || status == "RUNNING"

    fun runNumber(index: Int): Int = (inputs[index]["run"] as JsonPrimitive).content.toInt()

    fun notes(): List<String> = inputs.mapNotNull { (it["notes"] as? JsonPrimitive)?.takeIf { p -> p.isString }?.content }

    /** The `GET {U}/jobs/{id}?run=` body (bert_schemas `JobResponse`) holding run [index] only. */
    fun toJobResponse(index: Int): JsonObject = envelope(JsonArray(listOf(inputWithOutput(index))), extras = true)

    /** One search item (bert_schemas `PaginatedJobsResponse`): every run, without outputs. */
    fun toSearchItem(): JsonObject {
        val inputs = JsonArray(inputs.map { JsonObject(it - "output") })
        return JsonObject(envelope(inputs, extras = false) + ("raw_images" to JsonPrimitive(rawImages.isNotEmpty())))
    }

    private fun inputWithOutput(index: Int): JsonObject {
        val output = outputs[index]?.let { values ->
            buildJsonObject {
                put("input_id", outputIds[index])
                put("values", Json.parseToJsonElement(values))
            }
        } ?: JsonNull
        val input = inputs[index]
        return buildJsonObject {
            put("job_id", input["job_id"] ?: JsonNull)
            put("run", input["run"] ?: JsonNull)
            put("values", input["values"] ?: JsonNull)
            put("output", output)
            put("notes", input["notes"] ?: JsonNull)
        }
    }

    private fun envelope(inputs: JsonArray, extras: Boolean): JsonObject = buildJsonObject {
        put("name", name)
        put("origin", "OQTAPI")
        put("status", status)
        put("display", true)
        put("time_start", timeStart?.let(::isoTime))
        put("time_complete", timeComplete?.let(::isoTime))
        put("qpu_name", "UNDEFINED")
        put("input_count", this@OqtantJobRecord.inputs.size)
        put("inputs", inputs)
        put("external_id", externalId)
        put("time_submit", isoTime(timeSubmit))
        put("job_type", jobType)
        if (extras) {
            put("qpu", JsonNull)
            put("paid", false)
            put("failed_inputs", JsonArray(failedRuns.map { JsonPrimitive(it) }))
        }
    }

    companion object {
        private val format: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC)

        /** ISO-8601 with microseconds and `Z`, as the service writes datetimes. */
        fun isoTime(instant: Instant): String = format.format(instant)
    }
}
