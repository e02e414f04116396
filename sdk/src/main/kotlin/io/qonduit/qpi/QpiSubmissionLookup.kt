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
    /** How many of the newest jobs are searched. */
    const val SEARCHED: Int = 50

    /** Allowance for the server's clock running behind ours. */
    private const val CLOCK_ALLOWANCE_SECONDS: Long = 30

    suspend fun lookUp(client: QpiClient, input: JobInput, sentAt: Instant, exclude: Set<String>): SubmissionLookup {
        val wanted = QpiJobs.submitBody(input)
        val since = sentAt.minusSeconds(CLOCK_ALLOWANCE_SECONDS)
        val matches = client.listJobs(sort = "-created", limit = SEARCHED).filter { record ->
            record.id !in exclude && createdAt(record)?.let { !it.isBefore(since) } != false && sameJob(record.payload, wanted)
        }
        // Identical payloads are interchangeable: the oldest unclaimed match is this submission's.
        return matches.lastOrNull()?.let { SubmissionLookup.Found(it.id) } ?: SubmissionLookup.Unknown(
            "no QPI job created since $sentAt matches it yet (the request may still be arriving); " +
                "list them with QpiClient.listJobs(sort = \"-created\")",
        )
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
