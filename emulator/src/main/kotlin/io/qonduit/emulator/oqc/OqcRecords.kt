package io.qonduit.emulator.oqc

import kotlinx.serialization.json.JsonObject
import java.time.Duration
import java.time.Instant

/** One emulated QPU: its `/admin/qpu` record plus what the simulator needs to know about it. */
internal class OqcQpuRecord(
    val id: String,
    val name: String,
    var active: Boolean,
    /** The feature set as the JSON **string** OQC sends. */
    val featureSet: String,
    val qubits: Int,
    val maxShots: Int?,
    val alwaysOn: Boolean,
    val generation: Int,
    val region: String,
    val pricePerShot: String,
    /** When set, `/admin/qpu` advertises this URL instead of the emulator's own per-QPU URL. */
    var urlOverride: String? = null,
) {
    /** The last segment of the id (`qpu:uk:2:d865b5a184` → `d865b5a184`), used in the per-QPU URL. */
    val shortId: String get() = id.substringAfterLast(':')
}

/** One emulated task, from id allocation (`CREATED`) to a terminal status. */
internal class OqcTaskRecord(
    val id: String,
    val qpuId: String,
    val owner: String,
    var tag: String?,
    val sequence: Long,
) {
    var status: String = OqcTaskStates.CREATED
    var program: String? = null
    var config: String? = null
    var externalConfig: JsonObject? = null
    var results: JsonObject? = null
    var errorCode: Int? = null
    var errorMessage: String? = null
    var executionMetadata: JsonObject = JsonObject(emptyMap())
    val createdAt: Instant = Instant.now()
    val timings: LinkedHashMap<String, Instant> = LinkedHashMap()

    val isTerminal: Boolean get() = status in OqcTaskStates.TERMINAL

    /** Marks an id that was allocated but not submitted within [lifetime] as `EXPIRED`. */
    fun expireIfUnsubmitted(now: Instant, lifetime: Duration) {
        if (status == OqcTaskStates.CREATED && !createdAt.plus(lifetime).isAfter(now)) status = OqcTaskStates.EXPIRED
    }
}

/** The wire values of OQC's `TaskStatus`. */
internal object OqcTaskStates {
    const val CREATED = "CREATED"
    const val SUBMITTED = "SUBMITTED"
    const val RUNNING = "RUNNING"
    const val COMPLETED = "COMPLETED"
    const val FAILED = "FAILED"
    const val CANCELLED = "CANCELLED"
    const val EXPIRED = "EXPIRED"
    const val UNKNOWN = "UNKNOWN"

    val TERMINAL: Set<String> = setOf(COMPLETED, FAILED, CANCELLED, EXPIRED)

    /** Tasks the service has handed to a QPU; they become [UNKNOWN] when the QPU goes offline. */
    val WITH_QPU: Set<String> = setOf(SUBMITTED, RUNNING)
}

/** An authentication token and the account it belongs to. */
internal class OqcTokenRecord(val token: String, val email: String, val expiresAt: Instant)

/**
 * A user account. [password] is empty for an account created without one (it can only log in after
 * a password is set).
 */
internal class OqcAccount(
    val id: Int,
    val email: String,
    var password: String,
    val firstName: String,
    val lastName: String,
    val admin: Boolean,
    var passwordChangedAt: Instant,
)

/** A one-off (dedicated) execution window booked with `POST /windows/one-off-window`. */
internal class OqcOneOffWindow(
    val qpuId: String,
    val start: Instant,
    val end: Instant,
    val leaseType: String?,
    val leaseHolderName: String?,
    val durationHours: Double?,
    val windowName: String?,
    val windowStart: String?,
)
