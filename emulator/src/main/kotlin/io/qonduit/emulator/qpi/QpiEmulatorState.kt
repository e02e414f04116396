package io.qonduit.emulator.qpi

import io.qonduit.emulator.EmulatorConfig
import kotlinx.coroutines.CoroutineScope
import kotlinx.serialization.json.JsonElement
import java.security.MessageDigest
import java.time.Instant
import java.util.concurrent.atomic.AtomicLong

/**
 * The emulated QPI server's data: users, API tokens, QPUs, jobs, notifications, time slots and
 * QPU time requests. Seeded with a demo user, an admin (a superuser of PocketBase's `_superusers`,
 * who logs in by password and has no API token) and three QPUs (see the constants); tests use this
 * class to look at jobs and to change balances or QPUs directly.
 *
 * Thread-safe: every read and write holds one lock.
 */
public class QpiEmulatorState internal constructor(config: EmulatorConfig, scope: CoroutineScope) {
    internal val lock: Any = Any()
    private val sequence = AtomicLong()

    internal val users = LinkedHashMap<String, UserRecord>()
    internal val superusers = LinkedHashMap<String, SuperuserRecord>()
    internal val tokens = LinkedHashMap<String, TokenRecord>()
    internal val sessions = HashMap<String, Session>()
    internal val qpus = LinkedHashMap<String, QpuRecord>()
    internal val jobs = LinkedHashMap<String, JobRecord>()
    internal val notifications = LinkedHashMap<String, NotificationRecord>()
    internal val timeSlots = LinkedHashMap<String, TimeSlotRecord>()
    internal val timeRequests = LinkedHashMap<String, TimeRequestRecord>()

    internal val runner = QpiJobRunner(this, config, scope)

    init {
        addUserWithId(DEMO_USER_ID, DEMO_IDENTITY, DEMO_PASSWORD, DEMO_TOKEN, DEMO_QPU_SECONDS)
        addSuperuserWithId(ADMIN_USER_ID, ADMIN_IDENTITY, ADMIN_PASSWORD)
        addQpuWithId(MOCK_QPU_ID, MOCK_QPU, MOCK_QPU_QUBITS, enabled = true)
        addQpuWithId(SIM_QPU_ID, SIM_QPU, SIM_QPU_QUBITS, enabled = true)
        addQpuWithId(OFFLINE_QPU_ID, OFFLINE_QPU, OFFLINE_QPU_QUBITS, enabled = false)
        addNotification("Welcome to the Qonduit QPI emulator", "Jobs run on a local state-vector simulator.")
    }

    internal inline fun <T> locked(block: () -> T): T = synchronized(lock, block)

    internal fun nextSequence(): Long = sequence.incrementAndGet()

    /** The user's remaining QPU seconds; throws [IllegalArgumentException] for an unknown user id. */
    public fun qpuSeconds(userId: String): Double = locked { user(userId).qpuSeconds }

    /** Sets the user's QPU seconds balance (0 or less makes job submission answer 403). */
    public fun setQpuSeconds(userId: String, seconds: Double) {
        locked {
            val user = user(userId)
            user.qpuSeconds = seconds
            user.updated = Instant.now()
        }
    }

    /**
     * Adds a user who can log in with [identity] / [password] and, when [apiToken] is given,
     * authenticate with `X-API-Token: <apiToken>`. Returns the new user id.
     */
    @JvmOverloads
    public fun addUser(
        identity: String,
        password: String,
        apiToken: String? = null,
        qpuSeconds: Double = DEMO_QPU_SECONDS,
    ): String = addUserWithId(PocketBaseIds.newId(), identity, password, apiToken, qpuSeconds)

    /**
     * Adds a superuser (PocketBase's `_superusers`) who logs in with [identity] / [password] at
     * `/api/collections/_superusers/auth-with-password`; superusers own no API tokens. Returns the id.
     */
    public fun addSuperuser(identity: String, password: String): String =
        addSuperuserWithId(PocketBaseIds.newId(), identity, password)

    /** Adds a QPU (online when [enabled]) and returns its id; the name must be new. */
    @JvmOverloads
    public fun addQpu(name: String, numQubits: Int, enabled: Boolean = true): String =
        addQpuWithId(PocketBaseIds.newId(), name, numQubits, enabled)

    private fun addQpuWithId(id: String, name: String, numQubits: Int, enabled: Boolean): String = locked {
        require(name.isNotBlank()) { "name must not be blank" }
        require(numQubits in 1..MAX_QUBITS) { "numQubits must be between 1 and $MAX_QUBITS, was $numQubits" }
        require(qpus.values.none { it.name == name }) { "a QPU named '$name' already exists" }
        val now = Instant.now()
        qpus[id] = QpuRecord(id, name, numQubits, enabled, now, now, nextSequence())
        id
    }

    /** The record id of the QPU named [name] (what `qpu_target` and `GET /api/qpus/{id}` take). */
    public fun qpuId(name: String): String = locked {
        requireNotNull(qpus.values.firstOrNull { it.name == name }) { "no QPU named '$name'" }.id
    }

    /** Takes the QPU named [name] online (`true`) or offline (`false`); queued jobs wait for it. */
    public fun setQpuEnabled(name: String, enabled: Boolean) {
        locked {
            val qpu = requireNotNull(qpus.values.firstOrNull { it.name == name }) { "no QPU named '$name'" }
            qpu.enabled = enabled
            qpu.updated = Instant.now()
        }
    }

    /** Adds a notification for [userId], or for every user when `null`; returns its id. */
    @JvmOverloads
    public fun addNotification(title: String, message: String, userId: String? = null): String = locked {
        val record = NotificationRecord(
            PocketBaseIds.newId(), title, message, listOfNotNull(userId), null, null, Instant.now(), nextSequence(),
        )
        notifications[record.id] = record
        record.id
    }

    /**
     * Ends job [id] at once with [status] and [results] exactly as given, however wrong: tests use it
     * to see how a client copes with a driver payload that is missing, garbled or out of range. The
     * job's own run is stopped first, so it cannot overwrite them.
     */
    public fun finishJob(id: String, status: String, results: JsonElement) {
        runner.stop(id)
        locked {
            val job = requireNotNull(jobs[id]) { "no job with id '$id'" }
            job.status = status
            job.results = results
            job.finishedAt = Instant.now()
            job.updated = job.finishedAt!!
        }
    }

    /** All jobs, oldest first. */
    public fun jobs(): List<QpiJobSnapshot> = locked { jobs.values.map { it.snapshot() } }

    /** The job with [id], or `null`. */
    public fun job(id: String): QpiJobSnapshot? = locked { jobs[id]?.snapshot() }

    internal fun user(userId: String): UserRecord =
        requireNotNull(users[userId]) { "no user with id '$userId'" }

    internal fun userByIdentity(identity: String): UserRecord? =
        users.values.firstOrNull { it.email.equals(identity, ignoreCase = true) || it.name == identity }

    internal fun superuserByIdentity(identity: String): SuperuserRecord? =
        superusers.values.firstOrNull { it.email.equals(identity, ignoreCase = true) }

    /** The QPU with record id [id], or `null`. */
    internal fun qpuById(id: String): QpuRecord? = qpus[id]

    /** Stores a token for [userId] and returns its record; only the hash of [raw] is kept. */
    internal fun storeToken(userId: String, raw: String, name: String, expiresAt: Instant?): TokenRecord {
        val now = Instant.now()
        val record = TokenRecord(PocketBaseIds.newId(), userId, name, sha256(raw), expiresAt, now, now, nextSequence())
        tokens[record.id] = record
        return record
    }

    private fun addUserWithId(
        id: String,
        identity: String,
        password: String,
        apiToken: String?,
        qpuSeconds: Double,
    ): String = locked {
        require(identity.isNotBlank()) { "identity must not be blank" }
        require(password.isNotEmpty()) { "password must not be empty" }
        require(userByIdentity(identity) == null) { "a user with identity '$identity' already exists" }
        val now = Instant.now()
        val name = identity.substringBefore('@')
        users[id] = UserRecord(id, identity, name, sha256(password), qpuSeconds, now, now, nextSequence())
        if (apiToken != null) storeToken(id, apiToken, "default", expiresAt = null)
        id
    }

    private fun addSuperuserWithId(id: String, identity: String, password: String): String = locked {
        require(identity.isNotBlank()) { "identity must not be blank" }
        require(password.isNotEmpty()) { "password must not be empty" }
        require(superuserByIdentity(identity) == null) { "a superuser with identity '$identity' already exists" }
        superusers[id] = SuperuserRecord(id, identity, sha256(password), Instant.now())
        id
    }

    private fun JobRecord.snapshot(): QpiJobSnapshot = QpiJobSnapshot(
        id = id,
        userId = userId,
        qpuTarget = qpuTarget,
        status = status,
        resultsJson = results.toString(),
        duration = duration,
        created = created,
        finishedAt = finishedAt,
    )

    /** Seeded demo data and limits. */
    public companion object {
        /** Id of the seeded demo user. */
        public const val DEMO_USER_ID: String = "demouser0000001"

        /** Login identity (e-mail) of the demo user. */
        public const val DEMO_IDENTITY: String = "demo@qonduit.io"

        /** Password of the demo user. */
        public const val DEMO_PASSWORD: String = "demo-password"

        /** API token (`X-API-Token`) of the demo user. */
        public const val DEMO_TOKEN: String = "qpi-demo-token"

        /** Id of the seeded admin (a `_superusers` record). */
        public const val ADMIN_USER_ID: String = "adminuser000001"

        /** Login identity (e-mail) of the admin. */
        public const val ADMIN_IDENTITY: String = "admin@qonduit.io"

        /** Password of the admin. */
        public const val ADMIN_PASSWORD: String = "admin-password"

        /** Starting QPU seconds of seeded users (and the [addUser] default). */
        public const val DEMO_QPU_SECONDS: Double = 3600.0

        /**
         * Name of the first online QPU (8 qubits). Jobs name their QPU by record id ([qpuId]); a job
         * without `qpu_target` is never dispatched, as on QPI.
         */
        public const val MOCK_QPU: String = "mock"

        /** Record id of [MOCK_QPU]. */
        public const val MOCK_QPU_ID: String = "mockqpu00000001"

        /** Qubits of [MOCK_QPU]. */
        public const val MOCK_QPU_QUBITS: Int = 8

        /** Name of the larger online QPU (20 qubits). */
        public const val SIM_QPU: String = "sim-20"

        /** Record id of [SIM_QPU]. */
        public const val SIM_QPU_ID: String = "sim20qpu0000001"

        /** Qubits of [SIM_QPU]. */
        public const val SIM_QPU_QUBITS: Int = 20

        /** Name of the seeded offline (disabled) QPU, hidden from `GET /api/qpus`. */
        public const val OFFLINE_QPU: String = "legacy-5"

        /** Record id of [OFFLINE_QPU]. */
        public const val OFFLINE_QPU_ID: String = "legacy5qpu00001"

        /** Qubits of [OFFLINE_QPU]. */
        public const val OFFLINE_QPU_QUBITS: Int = 5

        /** Largest QPU the emulator accepts (state-vector memory grows as 2^n). */
        public const val MAX_QUBITS: Int = 24

        internal fun sha256(text: String): String =
            MessageDigest.getInstance("SHA-256").digest(text.toByteArray()).joinToString("") { "%02x".format(it) }
    }
}
