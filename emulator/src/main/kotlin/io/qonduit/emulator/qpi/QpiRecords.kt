package io.qonduit.emulator.qpi

import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
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
    val superuser: Boolean,
    var qpuSeconds: Double,
    val created: Instant,
    var updated: Instant,
    val sequence: Long,
) {
    fun toJson(): JsonObject = buildJsonObject {
        put("collectionId", "_pb_users_auth_")
        put("collectionName", "users")
        put("id", id)
        put("email", email)
        put("emailVisibility", false)
        put("verified", true)
        put("name", name)
        put("is_superuser", superuser)
        put("qpu_seconds", pocketBaseNumber(qpuSeconds))
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
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
    var lastUsed: Instant? = null

    fun isValid(now: Instant): Boolean = expiresAt?.isAfter(now) ?: true

    /** Metadata only: the raw token is never stored, so it can only be shown at creation. */
    fun toJson(): JsonObject = buildJsonObject {
        put("id", id)
        put("user_id", userId)
        put("name", name)
        put("expires_at", PocketBaseTime.format(expiresAt))
        put("last_used", PocketBaseTime.format(lastUsed))
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
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

internal class JobRecord(
    val id: String,
    val userId: String,
    var qpuTarget: String,
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
        put("payload", pocketBaseJson.encodeToJsonElement(JobPayload.serializer(), payload))
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
    /** Recipient, or `null` for a broadcast to every user. */
    val userId: String?,
    val title: String,
    val message: String,
    val created: Instant,
    val sequence: Long,
) {
    val dismissedBy: MutableSet<String> = mutableSetOf()

    fun visibleTo(user: String): Boolean = (userId == null || userId == user) && user !in dismissedBy

    fun toJson(): JsonObject = buildJsonObject {
        put("collectionName", "notifications")
        put("id", id)
        put("user_id", userId ?: "")
        put("title", title)
        put("message", message)
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(created))
    }
}

internal class TimeSlotRecord(
    val id: String,
    var startTime: Instant,
    var endTime: Instant,
    var bookedBy: String,
    val createdBy: String,
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
    var reviewedBy: String = ""
    var updated: Instant = created

    fun toJson(): JsonObject = buildJsonObject {
        put("collectionName", "qpu_time_requests")
        put("id", id)
        put("user_id", userId)
        put("seconds", pocketBaseNumber(seconds))
        put("requested_reason", requestedReason)
        put("status", status)
        put("rejection_reason", rejectionReason)
        put("reviewed_by", reviewedBy)
        put("created", PocketBaseTime.format(created))
        put("updated", PocketBaseTime.format(updated))
    }
}
