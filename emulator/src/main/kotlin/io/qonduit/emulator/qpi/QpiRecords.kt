package io.qonduit.emulator.qpi

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant

// The emulator's in-memory PocketBase collections. Records are mutable and only touched while
// holding QpiEmulatorState's lock; toJson() renders the wire shape of each collection.

internal class UserRecord(
    val id: String,
    val email: String,
    val name: String,
    val passwordHash: String,
    var qpuSeconds: Double,
    val created: Instant,
    var updated: Instant,
    val sequence: Long,
) {
    // PocketBase's default `users` auth record plus QPI's `qpu_seconds`; QPI has no `is_superuser`
    // field: superusers are records of the separate `_superusers` collection (qpi.md §9).
    fun toJson(): JsonObject = buildJsonObject {
        put("collectionId", "_pb_users_auth_")
        put("collectionName", "users")
        put("id", id)
        put("email", email)
        put("emailVisibility", false)
        put("verified", true)
        put("name", name)
        put("avatar", "")
        put("qpu_seconds", pocketBaseNumber(qpuSeconds))
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
    }
}

/** A PocketBase superuser (`_superusers`): logs in by password only, owns no API token, is no QPI user. */
internal class SuperuserRecord(
    val id: String,
    val email: String,
    val passwordHash: String,
    val created: Instant,
) {
    fun toJson(): JsonObject = buildJsonObject {
        put("collectionId", "pbc_3142635823")
        put("collectionName", "_superusers")
        put("id", id)
        put("email", email)
        put("emailVisibility", false)
        put("verified", true)
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(created))
    }
}

internal class TokenRecord(
    val id: String,
    val userId: String,
    var name: String,
    val hash: String,
    var expiresAt: Instant?,
    val created: Instant,
    var updated: Instant,
    val sequence: Long,
) {
    fun isValid(now: Instant): Boolean = expiresAt?.isAfter(now) ?: true

    /**
     * Metadata only, as QPI's `TokenCreateResponse` without its `token` (the raw token is never
     * stored, so it can only be shown at creation); `expires_at` is left out when there is none.
     */
    fun toJson(): JsonObject = buildJsonObject {
        put("id", id)
        put("name", name)
        expiresAt?.let { put("expires_at", PocketBaseTime.format(it)) }
        put("created", PocketBaseTime.format(created))
    }
}

internal class QpuRecord(
    val id: String,
    val name: String,
    val numQubits: Int,
    var enabled: Boolean,
    val created: Instant,
    var updated: Instant,
    val sequence: Long,
) {
    // Every enabled emulated QPU has a connected virtual driver, so "online" follows "enabled".
    val status: String get() = if (enabled) "online" else "offline"

    fun toJson(): JsonObject = buildJsonObject {
        put("id", id)
        put("name", name)
        put("status", status)
        put("num_qubits", numQubits)
        put("enabled", enabled)
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
    }
}

/** Job statuses on the wire (qpi.md §4). */
internal object JobStatus {
    const val PENDING = "pending"
    const val RUNNING = "running"
    const val COMPLETED = "completed"
    const val FAILED = "failed"
    const val CANCELLED = "cancelled"
}

/** The stored payload leaves unset optional fields out, as QPI's `omitempty` JSON tags do. */
private val payloadJson = kotlinx.serialization.json.Json(pocketBaseJson) { explicitNulls = false }

internal class JobRecord(
    val id: String,
    val userId: String,
    /** The QPU's record id (a relation to `qpus`), or empty: a job without one is never dispatched. */
    val qpuTarget: String,
    val payload: JobPayload,
    val created: Instant,
    val sequence: Long,
) {
    var status: String = JobStatus.PENDING
    var updated: Instant = created
    var finishedAt: Instant? = null
    var duration: Double = 0.0
    var results: JsonElement = JsonNull

    fun toJson(): JsonObject = buildJsonObject {
        put("id", id)
        put("user_id", userId)
        put("qpu_target", qpuTarget)
        put("payload", payloadJson.encodeToJsonElement(JobPayload.serializer(), payload))
        put("status", status)
        put("finished_at", PocketBaseTime.format(finishedAt))
        put("duration", pocketBaseNumber(duration))
        put("results", results)
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
    }
}

internal class NotificationRecord(
    val id: String,
    val title: String,
    val description: String,
    /** Recipients; empty for a broadcast to every user. */
    val targetUsers: List<String>,
    /** Shown from this time on, or always when `null`. */
    val startTime: Instant?,
    /** Shown until this time, or always when `null`. */
    val endTime: Instant?,
    val created: Instant,
    val sequence: Long,
) {
    val dismissedBy: MutableList<String> = mutableListOf()
    var updated: Instant = created

    /** Whether [user] may see it at all (QPI's dismiss handler checks only this). */
    fun targets(user: String): Boolean = targetUsers.isEmpty() || user in targetUsers

    /** The collection's list rule: targeted, inside its time window, not dismissed by [user]. */
    fun visibleTo(user: String, now: Instant): Boolean =
        targets(user) && (startTime == null || !startTime.isAfter(now)) && (endTime == null || !endTime.isBefore(now)) &&
            user !in dismissedBy

    fun toJson(): JsonObject = buildJsonObject {
        put("collectionName", "notifications")
        put("id", id)
        put("title", title)
        put("description", description)
        put("target_users", JsonArray(targetUsers.map(::JsonPrimitive)))
        put("dismissed_by", JsonArray(dismissedBy.map(::JsonPrimitive)))
        put("start_time", PocketBaseTime.format(startTime))
        put("end_time", PocketBaseTime.format(endTime))
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
    }
}

internal class TimeSlotRecord(
    val id: String,
    var startTime: Instant,
    var endTime: Instant,
    var bookedBy: String,
    val created: Instant,
    val sequence: Long,
) {
    var updated: Instant = created

    fun toJson(): JsonObject = buildJsonObject {
        put("collectionName", "time_slots")
        put("id", id)
        put("start_time", PocketBaseTime.format(startTime))
        put("end_time", PocketBaseTime.format(endTime))
        put("booked_by", bookedBy)
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
    }
}

internal class TimeRequestRecord(
    val id: String,
    val userId: String,
    val seconds: Double,
    val requestedReason: String,
    val created: Instant,
    val sequence: Long,
) {
    var status: String = "pending"
    var rejectionReason: String = ""
    var handledBy: String = ""
    var updated: Instant = created

    /** The `qpu_time_requests` record (`models.go` `QPUTimeRequest`: `user`, `handled_by`). */
    fun toJson(): JsonObject = buildJsonObject {
        put("collectionName", "qpu_time_requests")
        put("id", id)
        put("user", userId)
        put("seconds", pocketBaseNumber(seconds))
        put("status", status)
        put("requested_reason", requestedReason)
        put("rejection_reason", rejectionReason)
        put("handled_by", handledBy)
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
    }
}
