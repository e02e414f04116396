package io.qonduit.emulator.qibo

import io.qonduit.emulator.EmulatorConfig
import kotlinx.coroutines.CoroutineScope
import java.util.UUID
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/**
 * The emulated Qibo cloud's data: users with their `x-api-token`, disk quota and project quotas,
 * the partitions ([SIM], a simulator, and [HARDWARE], a QPU that is `unavailable` so its jobs wait
 * `pending`), and the jobs. Seeded with a demo user ([DEMO_TOKEN], [DEMO_EMAIL]) whose project
 * [PROJECT] has a quota on each partition.
 *
 * Thread-safe: every read and write holds one lock.
 */
public class QiboEmulatorState internal constructor(config: EmulatorConfig, scope: CoroutineScope) {
    private val lock = Any()
    private val sequence = AtomicLong()
    private val quotaIds = AtomicInteger()

    internal val partitions = LinkedHashMap<String, QiboPartition>()
    internal val users = ArrayList<QiboUser>()
    internal val jobs = LinkedHashMap<String, QiboJobRecord>()
    internal val runner = QiboJobRunner(this, config, scope)

    /** `server_qibo_version` of `GET /api/qibo_version/`: the qibo the emulated workers run. */
    @Volatile
    public var serverQiboVersion: String = QiboExecutor.QIBO_VERSION

    /** `minimum_client_qibo_version` of `GET /api/qibo_version/`; a client with an older qibo refuses to run. */
    @Volatile
    public var minimumClientQiboVersion: String = DEFAULT_MINIMUM_CLIENT_QIBO_VERSION

    init {
        partitions[SIM] = QiboPartition(SIM, SIM_QUBITS, QiboPartition.SIMULATOR, "Qonduit state-vector simulator (qibo numpy backend results)", true)
        partitions[HARDWARE] = QiboPartition(HARDWARE, HARDWARE_QUBITS, QiboPartition.HARDWARE,
            "Emulated 5-qubit QPU, unavailable: jobs stay pending until it is made available", false)
        addUser(DEMO_EMAIL, DEMO_TOKEN)
    }

    internal inline fun <T> locked(block: () -> T): T = synchronized(lock, block)

    internal fun nextSequence(): Long = sequence.incrementAndGet()

    internal fun newPid(): String = UUID.randomUUID().toString()

    /** The user whose token is [token], or null. */
    internal fun userByToken(token: String): QiboUser? = locked { users.firstOrNull { it.token == token } }

    /** Adds a user with API token [token] and fresh default quotas on every partition for project [PROJECT]. */
    public fun addUser(email: String, token: String) {
        require(email.isNotBlank()) { "email must not be blank" }
        require(token.isNotBlank()) { "token must not be blank" }
        locked {
            require(users.none { it.token == token }) { "that API token is already in use" }
            require(users.none { it.email.equals(email, ignoreCase = true) }) { "a user with e-mail '$email' already exists" }
            val user = QiboUser(email, token, DEFAULT_KBS_MAX)
            for (partition in partitions.values) {
                user.quotas += QiboProjectQuota(quotaIds.incrementAndGet(), PROJECT, partition, MAX_NUM_SHOTS,
                    MAX_WALLTIME_SECONDS, DEFAULT_SECONDS_MAX, DEFAULT_SHOTS_MAX, DEFAULT_JOBS_MAX)
            }
            users += user
        }
    }

    /** Makes [partition] `available` (its pending jobs start in order) or `unavailable` (new jobs wait). */
    public fun setPartitionAvailable(partition: String, available: Boolean) {
        locked { requireNotNull(partitions[partition]) { "no partition '$partition'" }.available = available }
    }

    /**
     * Sets what is left of the demo user's (or [email]'s) quota for [PROJECT] on [partition]; null
     * leaves a value as it is. Jobs are refused once `jobs_left`, `shots_left` or `seconds_left` is used up.
     */
    @JvmOverloads
    public fun setQuotaLeft(partition: String, jobsLeft: Int? = null, shotsLeft: Long? = null, secondsLeft: Double? = null, email: String = DEMO_EMAIL) {
        locked {
            val quota = requireNotNull(user(email).quotas.firstOrNull { it.partition.name == partition }) { "no quota on partition '$partition'" }
            jobsLeft?.let { quota.jobsLeft = it }
            shotsLeft?.let { quota.shotsLeft = it }
            secondsLeft?.let { quota.secondsLeft = it }
        }
    }

    /** Sets the demo user's (or [email]'s) `kbs_left`; jobs are refused once it is used up. */
    @JvmOverloads
    public fun setDiskLeft(kbsLeft: Double, email: String = DEMO_EMAIL) {
        locked { user(email).kbsLeft = kbsLeft }
    }

    /** Pids of every job, oldest first. */
    public fun jobPids(): List<String> = locked { jobs.keys.toList() }

    /** The status of job [pid] as on the wire (`queueing` ... `success`, `error`), or null when there is none. */
    public fun status(pid: String): String? = locked { jobs[pid]?.status }

    private fun user(email: String): QiboUser =
        requireNotNull(users.firstOrNull { it.email.equals(email, ignoreCase = true) }) { "no user '$email'" }

    /** Seeded demo data and limits. */
    public companion object {
        /** The demo user's API token, sent as `x-api-token`. */
        public const val DEMO_TOKEN: String = "qibo-demo-token"

        /** E-mail of the demo user. */
        public const val DEMO_EMAIL: String = "demo@qonduit.io"

        /** The project every user's quotas belong to: qibo-client's default `project`. */
        public const val PROJECT: String = "personal"

        /** The simulator partition (`hardware_type` `simulator`, `available`). */
        public const val SIM: String = "sim"

        /** `max_num_qubits` of [SIM]. */
        public const val SIM_QUBITS: Int = 20

        /** A hardware partition that is `unavailable`: its jobs stay `pending` until it is made available. */
        public const val HARDWARE: String = "qpu5q"

        /** `max_num_qubits` of [HARDWARE]. */
        public const val HARDWARE_QUBITS: Int = 5

        /** `max_num_shots` of every quota: the most shots one job may ask for (its samples are 8 bytes per shot and qubit). */
        public const val MAX_NUM_SHOTS: Int = 100_000

        /** `max_walltime_seconds` of every quota. */
        public const val MAX_WALLTIME_SECONDS: Double = 3600.0

        /** `seconds_max` of a fresh quota. */
        public const val DEFAULT_SECONDS_MAX: Double = 36_000.0

        /** `shots_max` of a fresh quota. */
        public const val DEFAULT_SHOTS_MAX: Long = 100_000_000

        /** `jobs_max` of a fresh quota. */
        public const val DEFAULT_JOBS_MAX: Int = 10_000

        /** `kbs_max` of a fresh user's disk quota (100 MB). */
        public const val DEFAULT_KBS_MAX: Double = 102_400.0

        /** `minimum_client_qibo_version` by default, as the observed service answers (the fixture's `0.1.2a`). */
        public const val DEFAULT_MINIMUM_CLIENT_QIBO_VERSION: String = "0.1.2a"
    }
}
