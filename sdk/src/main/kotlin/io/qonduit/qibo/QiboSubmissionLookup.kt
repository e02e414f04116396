package io.qonduit.qibo

import io.qonduit.backend.SubmissionLookup
import java.time.Instant

/**
 * Finds the Qibo job a `POST /api/jobs/` whose reply never came may have created. The endpoint is
 * not idempotent and has no client key, so the job is never posted again on a guess: among the
 * caller's jobs created since the post was sent (less a clock allowance) and followed by no other
 * job, the ones with the same circuit, shots and device are candidates, and only a single one is
 * taken. None (the post may not have arrived, or not yet) or several (identical jobs posted at the
 * same time) stay unknown, with the way to check.
 */
internal object QiboSubmissionLookup {
    private const val CLOCK_ALLOWANCE_SECONDS: Long = 30

    /** Most candidate jobs read in full; the rest are left to the person. */
    private const val MAX_CANDIDATES = 50

    suspend fun lookUp(client: QiboClient, wire: QiboTarget.Wire, device: String, sentAt: Instant, exclude: Set<String>): SubmissionLookup {
        val since = sentAt.minusSeconds(CLOCK_ALLOWANCE_SECONDS)
        val recent = client.listJobs().filter { it.pid !in exclude && (createdAt(it)?.isBefore(since) != true) }.take(MAX_CANDIDATES)
        val matches = recent.filter { same(client.getJob(it.pid), wire, device) }
        return matches.singleOrNull()?.let { SubmissionLookup.Found(it.pid) } ?: SubmissionLookup.Unknown(
            (if (matches.isEmpty()) "no Qibo job created since $sentAt has this circuit yet" else "${matches.size} Qibo jobs created since $sentAt have this circuit") +
                "; qibo's POST /api/jobs/ cannot be repeated safely: check QiboClient.listJobs() and attach with QiboClient.job(pid)",
        )
    }

    private fun same(info: QiboJobInfo, wire: QiboTarget.Wire, device: String): Boolean {
        val circuit = info.circuitJson?.let { runCatching { io.qonduit.transport.HttpTransport.json.parseToJsonElement(it) }.getOrNull() }
        return circuit == wire.circuit && info.nshots == wire.nshots && (info.device == null || info.device == device)
    }

    private fun createdAt(job: QiboJobSummary): Instant? = job.createdAt?.let { runCatching { java.time.OffsetDateTime.parse(it).toInstant() }.getOrNull() }
}
