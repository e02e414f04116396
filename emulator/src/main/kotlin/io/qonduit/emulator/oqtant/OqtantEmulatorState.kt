package io.qonduit.emulator.oqtant

import io.qonduit.emulator.EmulatorConfig
import kotlinx.coroutines.CoroutineScope
import java.time.Duration
import java.time.Instant
import java.util.ArrayDeque
import java.util.UUID
import java.util.concurrent.atomic.AtomicLong

/**
 * The emulated Oqtant service's data: jobs per user, job limits, and the demo access tokens.
 *
 * Access tokens are JWTs this emulator signs itself (HS256, `sub` = `auth0|<user>`): use
 * [DEMO_TOKEN] (user [DEMO_USER_ID]), [OTHER_TOKEN] (a second user), [EXPIRED_TOKEN], or
 * [issueToken]. Each user's jobs live under `/oqtant/users/<user id>/...`, the user id being the
 * token's `sub` without `auth0|`.
 *
 * Thread-safe: every read and write holds one lock.
 */
public class OqtantEmulatorState internal constructor(config: EmulatorConfig, scope: CoroutineScope) {
    private val lock = Any()
    private val sequence = AtomicLong()
    private val numericIds = AtomicLong(FIRST_NUMERIC_ID)
    private val forcedOutcomes = ArrayDeque<String>()
    private val limits = HashMap<String, Limits>()

    internal val jobs = LinkedHashMap<String, OqtantJobRecord>()
    internal val runner = OqtantJobRunner(this, config, scope)

    internal inline fun <T> locked(block: () -> T): T = synchronized(lock, block)

    internal fun nextSequence(): Long = sequence.incrementAndGet()

    internal fun nextNumericId(): Long = numericIds.incrementAndGet()

    internal fun newExternalId(): String = UUID.randomUUID().toString()

    /** Takes the next forced outcome, if a test queued one with [failNextJob]. */
    internal fun takeForcedOutcome(): String? = locked { forcedOutcomes.pollFirst() }

    internal fun limitsOf(userId: String): Limits = locked { limits.getOrPut(userId) { Limits() } }

    /**
     * Makes the next submitted job end as [status] instead of COMPLETE: `"FAILED"` (no run has an
     * output) or `"INCOMPLETE"` (only the first run has one; the others are listed in `failed_inputs`).
     */
    @JvmOverloads
    public fun failNextJob(status: String = "FAILED") {
        require(status == "FAILED" || status == "INCOMPLETE") { "status must be FAILED or INCOMPLETE, was '$status'" }
        locked { forcedOutcomes.addLast(status) }
    }

    /**
     * Makes the next submitted job end as COMPLETE with no run's output, which Oqtant never does:
     * tests use it to see that a client refuses a finished job without data.
     */
    public fun completeNextJobWithoutOutputs() {
        locked { forcedOutcomes.addLast(COMPLETE_WITHOUT_OUTPUTS) }
    }

    /** Sets the job limits `GET {U}/job_limits` reports for [userId]; submissions use up [dailyRemaining]. */
    @JvmOverloads
    public fun setJobLimits(userId: String, dailyLimit: Int, dailyRemaining: Int, standardCredits: Int? = null, priorityCredits: Int? = null) {
        require(dailyLimit >= 0 && dailyRemaining in 0..dailyLimit) { "need 0 <= dailyRemaining <= dailyLimit" }
        locked { limits[userId] = Limits(dailyLimit, dailyRemaining, standardCredits, priorityCredits) }
    }

    /** External ids of every stored job, oldest first. */
    public fun jobIds(): List<String> = locked { jobs.keys.toList() }

    /** The status of the job [externalId] (`PENDING`, `RUNNING`, `COMPLETE`, ...), or null when there is none. */
    public fun status(externalId: String): String? = locked { jobs[externalId]?.status }

    /** A new access token for [sub] (e.g. `auth0|someone`), valid for [validFor]. */
    @JvmOverloads
    public fun issueToken(sub: String, validFor: Duration = Duration.ofHours(2)): String {
        require(sub.isNotBlank()) { "sub must not be blank" }
        val now = Instant.now()
        return OqtantTokens.issue(sub, now, now.plus(validFor))
    }

    internal class Limits(
        val dailyLimit: Int = DEFAULT_DAILY_LIMIT,
        var dailyRemaining: Int = DEFAULT_DAILY_LIMIT,
        val standardCredits: Int? = DEFAULT_STANDARD_CREDITS,
        val priorityCredits: Int? = null,
    )

    /** Demo users, tokens and default limits. */
    public companion object {
        /** The forced outcome of [completeNextJobWithoutOutputs]. */
        internal const val COMPLETE_WITHOUT_OUTPUTS: String = "COMPLETE without outputs"

        /** `sub` claim of the demo user. */
        public const val DEMO_SUB: String = "auth0|qonduit-demo"

        /** Path segment of the demo user (`sub` without `auth0|`). */
        public const val DEMO_USER_ID: String = "qonduit-demo"

        /** `sub` claim of a second user, for isolation tests. */
        public const val OTHER_SUB: String = "auth0|qonduit-other"

        /** Path segment of the second user. */
        public const val OTHER_USER_ID: String = "qonduit-other"

        private val FAR_FUTURE: Instant = Instant.parse("2100-01-01T00:00:00Z")
        private val LONG_AGO: Instant = Instant.parse("2024-01-01T00:00:00Z")

        /** Access token of the demo user, valid until 2100. */
        @JvmField
        public val DEMO_TOKEN: String = OqtantTokens.issue(DEMO_SUB, LONG_AGO, FAR_FUTURE)

        /** Access token of the second user, valid until 2100. */
        @JvmField
        public val OTHER_TOKEN: String = OqtantTokens.issue(OTHER_SUB, LONG_AGO, FAR_FUTURE)

        /** A correctly signed demo-user token that expired in 2024 (answers 401). */
        @JvmField
        public val EXPIRED_TOKEN: String = OqtantTokens.issue(DEMO_SUB, LONG_AGO, LONG_AGO.plusSeconds(7200))

        /** Jobs per day each user starts with. */
        public const val DEFAULT_DAILY_LIMIT: Int = 500

        /** Standard credits each user starts with. */
        public const val DEFAULT_STANDARD_CREDITS: Int = 1000

        /** Most search results per request (`limit`). */
        public const val MAX_SEARCH_LIMIT: Int = 100

        private const val FIRST_NUMERIC_ID = 200_000L
    }
}
