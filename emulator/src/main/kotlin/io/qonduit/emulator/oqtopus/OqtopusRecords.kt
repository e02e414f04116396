package io.qonduit.emulator.oqtopus

import kotlinx.serialization.json.JsonObject
import java.time.Instant

/** `jobs.JobStatus` values (G3 spec), as they appear on the wire. */
internal object JobStatus {
    const val REGISTERED = "registered"
    const val SUBMITTED = "submitted"
    const val READY = "ready"
    const val RUNNING = "running"
    const val CANCELLING = "cancelling"
    const val SUCCEEDED = "succeeded"
    const val FAILED = "failed"
    const val CANCELLED = "cancelled"

    val ALL = listOf(REGISTERED, SUBMITTED, READY, RUNNING, CANCELLING, SUCCEEDED, FAILED, CANCELLED)
    val TERMINAL = setOf(SUCCEEDED, FAILED, CANCELLED)
}

/** `jobs.JobType` values. */
internal object JobType {
    const val SAMPLING = "sampling"
    const val ESTIMATION = "estimation"
    const val MULTI_MANUAL = "multi_manual"
    const val SSE = "sse"

    val ALL = listOf(ESTIMATION, SAMPLING, MULTI_MANUAL, SSE)
}

/** One job, from `POST /jobs` (registered) on. Guarded by the state lock. */
internal class OqtopusJobRecord(
    val id: String,
    val userId: String,
    val created: Instant,
    val sequence: Long,
) {
    var status: String = JobStatus.REGISTERED
    var name: String? = null
    var description: String? = null
    var jobType: String? = null
    var deviceId: String? = null
    var shots: Int? = null
    var transpilerInfo: JsonObject? = null
    var simulatorInfo: JsonObject? = null
    var mitigationInfo: JsonObject? = null

    /** The uploaded `input.json` (`jobs.S3SubmitJobInfo`), read at submit. */
    var input: SubmitJobInfo? = null
    var submittedAt: Instant? = null
    var readyAt: Instant? = null
    var runningAt: Instant? = null
    var endedAt: Instant? = null
    var executionTime: Double? = null
    var message: String? = null

    /**
     * True for a job of the previous API (`POST /jobs` with an inline `job_info`): it is queued at
     * once, its `job_info` carries the program and results inline, and its SSE log is read from
     * `GET /jobs/{job_id}/sselog`.
     */
    var inline: Boolean = false

    /** What the run produced; kept for [inline] jobs, whose `job_info` shows it (the current flow stores [outputs]). */
    var outcome: ExecutionOutcome? = null

    /** `job_info` key (`result`, `transpile_result`, `combined_program`, `sse_log`) -> storage object key. */
    val outputs: LinkedHashMap<String, String> = LinkedHashMap()

    val isActive: Boolean get() = status == JobStatus.SUBMITTED || status == JobStatus.READY || status == JobStatus.RUNNING
}

/** `jobs.S3SubmitJobInfo`: what the uploaded `input.zip` holds. */
internal class SubmitJobInfo(
    val program: List<String>?,
    val operator: List<OperatorItem>?,
    val sseProgram: String?,
    val raw: JsonObject,
)

/** `jobs.S3OperatorItem`: one Pauli term; `coeff` defaults to 1. */
internal class OperatorItem(val pauli: String, val coeff: Double)

/** A device of `GET /devices`. */
internal class OqtopusDeviceRecord(
    val id: String,
    val type: String,
    var status: String,
    var availableAt: Instant?,
    val nQubits: Int,
    val basisGates: List<String>,
    val supportedInstructions: List<String>,
    val deviceInfo: String?,
    val calibratedAt: Instant?,
    val description: String,
)

/** A user: the demo user, or one a test added. */
internal class OqtopusUserRecord(
    val id: String,
    val email: String,
    var name: String,
    var organization: String,
    val createdAt: Instant,
) {
    /** The user's one API token (`q-api-token`), or null after `DELETE /api-token`. */
    var apiToken: ApiTokenRecord? = null
    val loginEvents: MutableList<LoginEvent> = ArrayList()
    var deleted: Boolean = false
}

internal class ApiTokenRecord(val id: String, val secret: String, val expiration: Instant)

internal class LoginEvent(val at: Instant, val userAgent: String, val ip: String)

/** An announcement of `GET /announcements`. */
internal class AnnouncementRecord(
    val id: Int,
    val title: String,
    val content: String,
    val startTime: Instant,
    val endTime: Instant,
    val publishable: Boolean,
)
