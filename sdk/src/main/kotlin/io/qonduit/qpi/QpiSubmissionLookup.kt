package io.qonduit.qpi

import io.qonduit.backend.SubmissionLookup
import io.qonduit.job.JobInput
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException

/**
 * Finds the QPI job that a submission whose reply never came may have created: among the caller's
 * newest jobs, one created since the submission was sent (less a clock allowance) whose stored
 * payload holds the same circuits, bindings, shots and QPU. QPI has no idempotency key, so this is
 * the only safe way to avoid submitting the same job twice.
 */
internal object QpiSubmissionLookup {
    /** Jobs fetched per page while searching back to the submission's time. */
    const val PAGE: Int = 50

    /** Most pages searched: the caller's jobs since the submission, up to this many pages. */
    const val MAX_PAGES: Int = 40

    /** Allowance for the server's clock running behind ours. */
    private const val CLOCK_ALLOWANCE_SECONDS: Long = 30

    suspend fun lookUp(client: QpiClient, input: JobInput, qpuId: String, sentAt: Instant, exclude: Set<String>): SubmissionLookup {
        val wanted = QpiJobs.submitBody(input, qpuId)
        val since = sentAt.minusSeconds(CLOCK_ALLOWANCE_SECONDS)
        val matches = recentJobs(client, since).filter { record -> record.id !in exclude && sameJob(record.payload, wanted) }
        // Identical payloads are interchangeable: the oldest unclaimed match is this submission's.
        return matches.lastOrNull()?.let { SubmissionLookup.Found(it.id) } ?: SubmissionLookup.Unknown(
            "no QPI job created since $sentAt matches it yet (the request may still be arriving); " +
                "list them with QpiClient.listJobs(sort = \"-created\")",
        )
    }

    /**
     * The caller's jobs created since [since], newest first, page by page: many jobs submitted after
     * the lost one must not push it out of sight.
     */
    private suspend fun recentJobs(client: QpiClient, since: Instant): List<QpiJobRecord> {
        val out = ArrayList<QpiJobRecord>()
        for (page in 0 until MAX_PAGES) {
            val records = client.listJobs(sort = "-created", skip = page * PAGE, limit = PAGE)
            out += records.filter { createdAt(it)?.let { t -> !t.isBefore(since) } != false }
            val oldest = records.lastOrNull()?.let(::createdAt)
            if (records.size < PAGE || (oldest != null && oldest.isBefore(since))) break
        }
        return out
    }

    private fun sameJob(payload: JsonObject?, wanted: JsonObject): Boolean {
        if (payload == null) return false
        val circuits = (payload["circuits"] as? JsonArray)?.map { normalise(it) } ?: return false
        val wantedCircuits = (wanted["circuits"] as JsonArray).map { normalise(it) }
        return circuits == wantedCircuits &&
            QpiCounts.intOf(payload["shots"]) == QpiCounts.intOf(wanted["shots"]) &&
            (payload["qpu_target"] as? JsonPrimitive)?.content == (wanted["qpu_target"] as? JsonPrimitive)?.content
    }

    /** A circuit entry without null members: the server writes defaults the client left out. */
    private fun normalise(circuit: JsonElement): JsonElement =
        (circuit as? JsonObject)?.let { c -> JsonObject(c.filterValues { it != JsonNull }) } ?: circuit

    private val POCKETBASE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'")

    private fun createdAt(record: QpiJobRecord): Instant? {
        val text = record.created ?: return null
        return try {
            LocalDateTime.parse(text, POCKETBASE).toInstant(ZoneOffset.UTC)
        } catch (e: DateTimeParseException) {
            runCatching { Instant.parse(text) }.getOrNull()
        }
    }
}
