package io.qonduit.emulator.oqtopus

import io.qonduit.emulator.EmulatorConfig
import kotlinx.coroutines.CoroutineScope
import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.UUID
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/**
 * The emulated OQTOPUS Cloud's data: users and their API tokens, devices, jobs, announcements,
 * system settings, and the object store behind the presigned URLs. Seeded with a demo user
 * ([DEMO_TOKEN]), three devices ([SVSIM], [QPU], [OFFLINE_QPU]) and two announcements.
 *
 * Thread-safe: every read and write holds one lock.
 */
public class OqtopusEmulatorState internal constructor(config: EmulatorConfig, scope: CoroutineScope) {
    private val lock = Any()
    private val sequence = AtomicLong()
    private val announcementIds = AtomicInteger()

    internal val users = LinkedHashMap<String, OqtopusUserRecord>()
    internal val sessions = HashMap<String, String>()
    internal val devices = LinkedHashMap<String, OqtopusDeviceRecord>()
    internal val jobs = LinkedHashMap<String, OqtopusJobRecord>()
    internal val announcements = LinkedHashMap<Int, AnnouncementRecord>()
    internal val storage = OqtopusStorage()
    internal val runner = OqtopusJobRunner(this, config, scope)

    /** How long a presigned upload (`POST /jobs`) stays valid; S3's default for the service is 1 h. */
    @Volatile
    public var uploadUrlTtl: Duration = Duration.ofHours(1)

    /**
     * The storage base URL the API hands out in presigned links (`null`: this server's own
     * `/oqtopus-storage`, as the caller reached it). Lets tests advertise another origin or scheme.
     */
    @Volatile
    public var storageUrl: String? = null

    /** How long each presigned download link of `job_info` stays valid. */
    @Volatile
    public var downloadUrlTtl: Duration = Duration.ofHours(1)

    /** `allow_deletion` of `GET /system/settings`: whether `DELETE /users/me` is allowed. */
    @Volatile
    public var allowUserDeletion: Boolean = true

    /** `login_history_enabled` of `GET /system/settings`: whether `users/me` lists login events. */
    @Volatile
    public var loginHistoryEnabled: Boolean = true

    init {
        val now = Instant.now().truncatedTo(ChronoUnit.SECONDS)
        users[DEMO_USER_ID] = OqtopusUserRecord(DEMO_USER_ID, DEMO_EMAIL, DEMO_NAME, DEMO_ORGANIZATION, now).also {
            it.apiToken = ApiTokenRecord(DEMO_TOKEN_ID, DEMO_TOKEN, now.plus(TOKEN_LIFETIME))
            it.loginEvents += LoginEvent(now, "Mozilla/5.0 (Qonduit emulator)", "127.0.0.1")
        }
        sessions[DEMO_SESSION_TOKEN] = DEMO_USER_ID
        devices[SVSIM] = OqtopusDeviceRecord(
            SVSIM, "simulator", "available", null, SVSIM_QUBITS, BASIS_GATES, INSTRUCTIONS,
            """{"n_nodes": 512, "simulator": "qonduit state-vector"}""", null,
            "State vector-based quantum circuit simulator",
        )
        devices[QPU] = OqtopusDeviceRecord(
            QPU, "QPU", "available", null, QPU_QUBITS, QPU_BASIS_GATES, INSTRUCTIONS,
            calibration(QPU_QUBITS), now.minus(Duration.ofHours(3)),
            "Emulated superconducting QPU (noise-free state-vector simulation)",
        )
        devices[OFFLINE_QPU] = OqtopusDeviceRecord(
            OFFLINE_QPU, "QPU", "unavailable", now.plus(Duration.ofDays(1)), OFFLINE_QPU_QUBITS, QPU_BASIS_GATES, INSTRUCTIONS,
            calibration(OFFLINE_QPU_QUBITS), now.minus(Duration.ofDays(2)),
            "Emulated QPU under maintenance: jobs wait until it is available",
        )
        addAnnouncement("Welcome to the Qonduit OQTOPUS emulator", "Jobs run on a local state-vector simulator.",
            now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))
        addAnnouncement("Scheduled maintenance", "$OFFLINE_QPU is offline for calibration.",
            now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(8)))
    }

    internal inline fun <T> locked(block: () -> T): T = synchronized(lock, block)

    internal fun nextSequence(): Long = sequence.incrementAndGet()

    /** The user a `q-api-token` or a `Bearer` session/API token names, or null. */
    internal fun userByCredential(token: String): OqtopusUserRecord? = locked {
        val now = Instant.now()
        users.values.firstOrNull { u -> !u.deleted && u.apiToken?.let { it.secret == token && it.expiration.isAfter(now) } == true }
            ?: sessions[token]?.let { users[it] }?.takeIf { !it.deleted }
    }

    /**
     * Adds a user whose API token is [apiToken] (sent as `q-api-token`) and returns the user id;
     * [email] must be new.
     */
    @JvmOverloads
    public fun addUser(email: String, apiToken: String, name: String = email.substringBefore('@'), organization: String = ""): String = locked {
        require(email.isNotBlank()) { "email must not be blank" }
        require(apiToken.isNotBlank()) { "apiToken must not be blank" }
        require(users.values.none { it.email.equals(email, ignoreCase = true) }) { "a user with e-mail '$email' already exists" }
        require(users.values.none { it.apiToken?.secret == apiToken }) { "that API token is already in use" }
        val now = Instant.now().truncatedTo(ChronoUnit.SECONDS)
        val id = UUID.randomUUID().toString()
        users[id] = OqtopusUserRecord(id, email, name, organization, now).also {
            it.apiToken = ApiTokenRecord(UUID.randomUUID().toString(), apiToken, now.plus(TOKEN_LIFETIME))
        }
        id
    }

    /** Makes [deviceId] `available` or `unavailable` (then `available_at` is a day ahead); queued jobs wait for it. */
    public fun setDeviceAvailable(deviceId: String, available: Boolean) {
        locked {
            val device = requireNotNull(devices[deviceId]) { "no device '$deviceId'" }
            device.status = if (available) "available" else "unavailable"
            device.availableAt = if (available) null else Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1))
        }
    }

    /** Adds an announcement and returns its id (ids count up from 1). */
    @JvmOverloads
    public fun addAnnouncement(title: String, content: String, startTime: Instant, endTime: Instant, publishable: Boolean = true): Int {
        require(!endTime.isBefore(startTime)) { "endTime must not be before startTime" }
        val id = announcementIds.incrementAndGet()
        locked { announcements[id] = AnnouncementRecord(id, title, content, startTime, endTime, publishable) }
        return id
    }

    /** Gives the demo user back its seeded API token [DEMO_TOKEN] (after a test rotated or deleted it). */
    public fun restoreDemoToken() {
        locked {
            val demo = users.getValue(DEMO_USER_ID)
            demo.deleted = false
            demo.apiToken = ApiTokenRecord(DEMO_TOKEN_ID, DEMO_TOKEN, Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(TOKEN_LIFETIME))
        }
    }

    /** Ids of every job, oldest first. */
    public fun jobIds(): List<String> = locked { jobs.keys.toList() }

    /** The status of job [jobId] (`registered`, `submitted`, ... as on the wire), or null when there is none. */
    public fun status(jobId: String): String? = locked { jobs[jobId]?.status }

    /** The stored object [objectKey] of the emulated storage (e.g. `<job id>/input.zip`), or null. */
    public fun storedObject(objectKey: String): ByteArray? = storage.get(objectKey)?.clone()

    /** Seeded demo data and limits. */
    public companion object {
        /** The demo user's API token, sent as `q-api-token` (also accepted as `Authorization: Bearer`). */
        public const val DEMO_TOKEN: String = "oqtopus-demo-token"

        /** A login session of the demo user (`Authorization: Bearer`, as the web frontend sends), independent of its API token. */
        public const val DEMO_SESSION_TOKEN: String = "oqtopus-demo-session"

        /** Id of the demo user. */
        public const val DEMO_USER_ID: String = "8a4b3a3e-5b47-4b36-9d9f-6f2f8f4c0001"

        /** Id of the demo user's seeded API token. */
        public const val DEMO_TOKEN_ID: String = "demo-api-token"

        /** E-mail of the demo user. */
        public const val DEMO_EMAIL: String = "demo@qonduit.io"

        /** Name of the demo user. */
        public const val DEMO_NAME: String = "Demo User"

        /** Organization of the demo user. */
        public const val DEMO_ORGANIZATION: String = "Qonduit"

        /** The state-vector simulator device (`device_type` `simulator`). */
        public const val SVSIM: String = "SVSim"

        /** Qubits of [SVSIM]. */
        public const val SVSIM_QUBITS: Int = 24

        /** An available QPU device (`device_type` `QPU`, with calibration data), simulated without noise. */
        public const val QPU: String = "Kawasaki"

        /** Qubits of [QPU]. */
        public const val QPU_QUBITS: Int = 16

        /** A QPU device that is `unavailable`: jobs for it stay `submitted` until it becomes available. */
        public const val OFFLINE_QPU: String = "Kawasaki-maintenance"

        /** Qubits of [OFFLINE_QPU]. */
        public const val OFFLINE_QPU_QUBITS: Int = 8

        /** The largest `shots` a job may ask for (`jobs.SubmitJobRequest.shots` maximum). */
        public const val MAX_SHOTS: Int = 10_000_000

        /** The largest `input.zip` the presigned upload accepts (the policy's `content-length-range`). */
        public const val MAX_UPLOAD_BYTES: Long = 16L * 1024 * 1024

        /** The largest `input.json` (uncompressed) a submit reads. */
        public const val MAX_INPUT_JSON_BYTES: Long = 32L * 1024 * 1024

        /** SSE programs must be smaller than this many bytes (UTF-8), as oqtopus-client's `max_file_size` default. */
        public const val MAX_SSE_PROGRAM_BYTES: Int = 10 * 1024 * 1024

        internal val TOKEN_LIFETIME: Duration = Duration.ofDays(90)

        internal val BASIS_GATES = listOf(
            "x", "y", "z", "h", "s", "sdg", "t", "tdg", "rx", "ry", "rz", "cx", "cz", "swap",
            "u1", "u2", "u3", "u", "p", "id", "sx", "sxdg",
        )
        internal val QPU_BASIS_GATES = listOf("sx", "x", "rz", "cx")
        internal val INSTRUCTIONS = listOf("measure", "barrier", "reset")

        /** `device_info` of a QPU: a JSON document in a string, as the spec's example. */
        private fun calibration(qubits: Int): String {
            val connectivity = (0 until qubits - 1).joinToString(", ") { "\"($it,${it + 1})\"" }
            fun perQubit(base: Double, step: Double) = (0 until qubits).joinToString(", ") { "\"$it\": ${"%.4f".format(java.util.Locale.ROOT, base + step * (it % 5))}" }
            return """{"n_nodes": 1, "calibration_data": {"qubit_connectivity": [$connectivity], """ +
                """"t1": {${perQubit(55.5, 3.1)}}, "t2": {${perQubit(40.2, 2.7)}}, """ +
                """"ro_error": {${perQubit(0.01, 0.002)}}, "gate_error": {${perQubit(0.001, 0.0002)}}}}"""
        }
    }
}
