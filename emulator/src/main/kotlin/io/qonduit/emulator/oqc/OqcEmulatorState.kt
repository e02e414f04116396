package io.qonduit.emulator.oqc

import io.qonduit.emulator.EmulatorConfig
import kotlinx.coroutines.CoroutineScope
import kotlinx.serialization.json.JsonObject
import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.UUID
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicLong

/**
 * The emulated OQC QCaaS server's data: accounts, authentication tokens, QPUs and tasks. Seeded with
 * a demo account, an admin account and three QPUs (two active, one inactive; see the constants). Tests use this class
 * to look at tasks, switch QPUs on and off, move a QPU's advertised URL and add reply messages.
 *
 * Two scenarios produce the statuses that no ordinary run reaches:
 * * **`EXPIRED`**: an id allocated with `POST /tasks` (`CREATED`) and not submitted within
 *   [setCreatedTaskLifetime] (one hour unless set) expires; submitting it then gets 400. The real
 *   service's window is not published; the one hour is our choice.
 * * **`UNKNOWN`**: a task that was handed to a QPU (`SUBMITTED` or `RUNNING`) when the QPU is taken
 *   offline with [setQpuActive] reads `UNKNOWN`: the service has lost track of it. It stays `UNKNOWN`
 *   (it may still be cancelled); OQC's clients treat `UNKNOWN` as "not finished, ask again".
 *
 * Thread-safe: every read and write holds one lock.
 */
public class OqcEmulatorState internal constructor(config: EmulatorConfig, scope: CoroutineScope) {
    internal val lock: Any = Any()
    private val sequence = AtomicLong()

    internal val accounts = LinkedHashMap<String, OqcAccount>() // by e-mail
    internal val oneOffWindows = ArrayList<OqcOneOffWindow>()
    private val passwordResets = CopyOnWriteArrayList<String>()
    internal val tokens = LinkedHashMap<String, OqcTokenRecord>()
    internal val qpus = LinkedHashMap<String, OqcQpuRecord>()
    internal val tasks = LinkedHashMap<String, OqcTaskRecord>()
    private val messages = CopyOnWriteArrayList<String>()

    internal val runner: OqcTaskRunner = OqcTaskRunner(this, config, scope)

    init {
        newAccount(DEMO_EMAIL, DEMO_PASSWORD, "Demo", "User", admin = false)
        newAccount(ADMIN_EMAIL, ADMIN_PASSWORD, "Admin", "User", admin = true)
        tokens[DEMO_TOKEN] = OqcTokenRecord(DEMO_TOKEN, DEMO_EMAIL, DEMO_TOKEN_EXPIRY)
        tokens[ADMIN_TOKEN] = OqcTokenRecord(ADMIN_TOKEN, ADMIN_EMAIL, DEMO_TOKEN_EXPIRY)
        addQpu(
            OqcQpuRecord(
                LUCY_SIMULATOR, "Lucy Simulator", active = true,
                featureSet = """{"always_on": true, "qubit_count": 8, "simulator": true}""",
                qubits = 8, maxShots = null, alwaysOn = true, generation = 2, region = "uk", pricePerShot = "0",
            ),
        )
        addQpu(
            OqcQpuRecord(
                TOSHIKO, "OQC Toshiko Tokyo-1", active = true,
                featureSet = """{"qubit_count": 32, "Maximum Shots": $TOSHIKO_MAX_SHOTS, "Maximum Repetition Period": "1 second", "Maximum Shots x Repetition Period": "600 seconds"}""",
                qubits = 32, maxShots = TOSHIKO_MAX_SHOTS, alwaysOn = false, generation = 3, region = "jp", pricePerShot = "0.0013",
            ),
        )
        addQpu(
            OqcQpuRecord(
                INACTIVE_QPU, "OQC Toshiko (maintenance)", active = false,
                featureSet = """{"qubit_count": 32, "Maximum Shots": $TOSHIKO_MAX_SHOTS}""",
                qubits = 32, maxShots = TOSHIKO_MAX_SHOTS, alwaysOn = false, generation = 3, region = "uk", pricePerShot = "0.0013",
            ),
        )
    }

    internal inline fun <T> locked(block: () -> T): T = synchronized(lock, block)

    internal fun nextSequence(): Long = sequence.incrementAndGet()

    private fun addQpu(record: OqcQpuRecord) {
        qpus[record.id] = record
    }

    /** Adds a (non-admin) account that can log in with [email] / [password]; for an existing account, sets its password. */
    public fun addAccount(email: String, password: String) {
        require(email.isNotBlank()) { "email must not be blank" }
        require(password.isNotBlank()) { "password must not be blank" }
        locked {
            val existing = accounts[email]
            if (existing != null) existing.password = password else newAccount(email, password, email.substringBefore('@'), email.substringBefore('@'), admin = false)
        }
    }

    /** E-mail addresses for which `POST /password_reset` sent a reset e-mail, oldest first. */
    public fun passwordResetRequests(): List<String> = passwordResets.toList()

    internal fun recordPasswordReset(email: String) {
        passwordResets += email
    }

    internal fun newAccount(email: String, password: String, firstName: String, lastName: String, admin: Boolean): OqcAccount {
        val account = OqcAccount((accounts.values.maxOfOrNull { it.id } ?: 0) + 1, email, password, firstName, lastName, admin, Instant.now())
        accounts[email] = account
        return account
    }

    /**
     * Makes the QPU [qpuId] active or inactive; inactive QPUs reject new tasks with 400, and the
     * tasks queued or running on a QPU taken offline become `UNKNOWN`.
     */
    public fun setQpuActive(qpuId: String, active: Boolean) {
        val lost = locked {
            qpu(qpuId).active = active
            if (active) emptyList() else tasks.values.filter { it.qpuId == qpuId && it.status in OqcTaskStates.WITH_QPU }
                .onEach { it.status = OqcTaskStates.UNKNOWN }
        }
        lost.forEach { runner.stop(it.id) }
    }

    /**
     * Ends task [id] at once with [status] (an OQC `TaskStatus` value) and [results] exactly as
     * given, however wrong (`null` for none): tests use it to see how a client copes with results
     * that are missing or out of range. The task's own run is stopped first.
     */
    public fun finishTask(id: String, status: String, results: JsonObject?) {
        runner.stop(id)
        locked {
            val task = requireNotNull(tasks[id]) { "no task with id '$id'" }
            task.status = status
            task.results = results
        }
    }

    /** How long an allocated (`CREATED`) task id may wait for its submission before it is `EXPIRED`. */
    public fun setCreatedTaskLifetime(lifetime: Duration) {
        require(!lifetime.isNegative) { "lifetime must not be negative, was $lifetime" }
        createdTaskLifetime = lifetime
    }

    @Volatile
    private var createdTaskLifetime: Duration = DEFAULT_CREATED_TASK_LIFETIME

    /** The task [id] with its expiry applied (call under the lock), or `null`. */
    internal fun currentTask(id: String): OqcTaskRecord? = tasks[id]?.also { it.expireIfUnsubmitted(Instant.now(), createdTaskLifetime) }

    /** Every task with its expiry applied (call under the lock). */
    internal fun currentTasks(): Collection<OqcTaskRecord> = tasks.values.onEach { it.expireIfUnsubmitted(Instant.now(), createdTaskLifetime) }

    /**
     * Makes `/admin/qpu` advertise [url] for [qpuId] instead of the emulator's own per-QPU URL
     * (`null` restores it). Lets tests point a QPU at another origin.
     */
    public fun setQpuUrl(qpuId: String, url: String?) {
        locked { qpu(qpuId).urlOverride = url?.trimEnd('/') }
    }

    /** Adds an informational `messages` entry to every JSON object reply (`Warning...` ones are warnings). */
    public fun addReplyMessage(text: String) {
        messages += text
    }

    /** Removes every reply message added with [addReplyMessage]. */
    public fun clearReplyMessages() {
        messages.clear()
    }

    internal fun replyMessages(): List<String> = messages.toList()

    /** Every task, oldest first. */
    public fun tasks(): List<OqcTaskSnapshot> = locked { currentTasks().map { it.snapshot() } }

    /** The task with [id], or `null`. */
    public fun task(id: String): OqcTaskSnapshot? = locked { currentTask(id)?.snapshot() }

    /** Whether [token] is currently a valid authentication token. */
    public fun isValidToken(token: String): Boolean = locked { tokens[token]?.let { it.expiresAt.isAfter(Instant.now()) } == true }

    internal fun qpu(qpuId: String): OqcQpuRecord = requireNotNull(qpus[qpuId]) { "no QPU with id '$qpuId'" }

    internal fun qpuByShortId(shortId: String): OqcQpuRecord? = qpus.values.firstOrNull { it.shortId == shortId }

    internal fun issueToken(email: String, expiresAt: Instant): String {
        val token = "oqc-" + UUID.randomUUID().toString().replace("-", "")
        tokens[token] = OqcTokenRecord(token, email, expiresAt)
        return token
    }

    internal fun newTask(qpuId: String, owner: String, tag: String?): OqcTaskRecord {
        val record = OqcTaskRecord(UUID.randomUUID().toString(), qpuId, owner, tag, nextSequence())
        tasks[record.id] = record
        return record
    }

    private fun OqcTaskRecord.snapshot(): OqcTaskSnapshot =
        OqcTaskSnapshot(id, qpuId, tag, status, program, config, results?.toString(), errorCode, errorMessage, createdAt)

    /** Seeded demo data and limits. */
    public companion object {
        /** Authentication token of the demo account (`Authentication-Token` header). */
        public const val DEMO_TOKEN: String = "oqc-demo-token"

        /** E-mail of the demo account. */
        public const val DEMO_EMAIL: String = "demo@qonduit.io"

        /** Password of the demo account. */
        public const val DEMO_PASSWORD: String = "demo-password"

        /** Authentication token of the admin account, which may manage users and book one-off windows. */
        public const val ADMIN_TOKEN: String = "oqc-admin-token"

        /** E-mail of the admin account. */
        public const val ADMIN_EMAIL: String = "admin@qonduit.io"

        /** Password of the admin account. */
        public const val ADMIN_PASSWORD: String = "admin-password"

        /** How long a password stays valid after it is set (`password_expires_at`); OQC's policy is not published, 90 days is our choice. */
        @JvmField
        public val PASSWORD_LIFETIME: Duration = Duration.ofDays(90)

        /** Expiry of [DEMO_TOKEN] and [ADMIN_TOKEN]. */
        @JvmField
        public val DEMO_TOKEN_EXPIRY: Instant = Instant.parse("2099-12-31T23:59:59Z")

        /** The always-on 8-qubit simulator QPU (first active QPU, so the fallback default). */
        public const val LUCY_SIMULATOR: String = "qpu:uk:2:d865b5a184"

        /** The 32-qubit QPU with a `Maximum Shots` limit and execution windows. */
        public const val TOSHIKO: String = "qpu:jp:3:673b1ad43c"

        /** The inactive QPU; its id is OQC's built-in default QPU id, so clients must fall back. */
        public const val INACTIVE_QPU: String = "qpu:uk:3:9829a5504f"

        /** `Maximum Shots` of [TOSHIKO] and [INACTIVE_QPU]. */
        public const val TOSHIKO_MAX_SHOTS: Int = 100_000

        /** Shots when the config's `repeats` is `null`. */
        public const val DEFAULT_REPEATS: Int = 1000

        /**
         * Largest POST the server accepts, 128 KiB, counted as OQC's client counts it (body plus
         * the names and values of the headers the client sets); larger ones get 413.
         */
        public const val MAX_REQUEST_BYTES: Int = 128 * 1024

        /** Version reported by `GET /admin/version`. */
        public const val VERSION: String = "3.21.0-qonduit-emulator"

        /** Default of [setCreatedTaskLifetime]. */
        @JvmField
        public val DEFAULT_CREATED_TASK_LIFETIME: Duration = Duration.ofHours(1)

        /** How long tokens from login and token creation live by default. */
        internal val TOKEN_LIFETIME: java.time.Duration = java.time.Duration.of(1, ChronoUnit.DAYS)
    }
}
