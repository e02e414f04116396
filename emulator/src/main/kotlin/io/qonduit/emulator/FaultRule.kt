package io.qonduit.emulator

import java.util.Random

/**
 * A fault applied to requests whose method and path match.
 *
 * @property method HTTP method to match (case-insensitive), or `null` / `"*"` for any method.
 * @property pathPattern path after the host, without query, e.g. `/qpi/api/jobs` or `/qpi/api/jobs/` plus `*`.
 *   A `*` matches any characters except `/`; `**` matches anything, including `/`.
 * @property fault what happens to a matching request.
 * @property times how many of the next matching requests get the fault; [FaultRule.ALWAYS] for all.
 *   With a [probability] below 1 it bounds the applications, not the matches.
 * @property probability chance (0 < p ≤ 1) that a matching request, while the rule is active, gets
 *   the fault; 1 (the default) applies it to every one.
 * @property seed seed of the rule's own `java.util.Random`, so that which requests get the fault is
 *   the same from run to run for the same order of requests.
 */
public class FaultRule @JvmOverloads constructor(
    public val method: String?,
    public val pathPattern: String,
    public val fault: Fault,
    public val times: Int = ALWAYS,
    public val probability: Double = 1.0,
    public val seed: Long = DEFAULT_SEED,
) {
    private val regex: Regex = compile(pathPattern)
    private val random = Random(seed)
    private var used: Int = 0

    init {
        require(pathPattern.startsWith("/")) { "pathPattern must start with '/', was '$pathPattern'" }
        require(times == ALWAYS || times > 0) { "times must be positive or FaultRule.ALWAYS, was $times" }
        require(probability > 0.0 && probability <= 1.0) { "probability must be in (0, 1], was $probability" }
    }

    /** How many requests this rule has been applied to so far. */
    public val applied: Int
        get() = synchronized(this) { used }

    /** Whether the rule still applies to future matching requests. */
    public val isActive: Boolean
        get() = synchronized(this) { times == ALWAYS || used < times }

    internal fun matches(requestMethod: String, path: String): Boolean =
        (method == null || method == "*" || method.equals(requestMethod, ignoreCase = true)) && regex.matches(path)

    /**
     * Consumes one application if the rule is still active and the draw (for a [probability] below
     * 1) says so; returns whether it applies.
     */
    internal fun tryConsume(): Boolean = synchronized(this) {
        if (times != ALWAYS && used >= times) return false
        if (probability < 1.0 && random.nextDouble() >= probability) return false
        used++
        true
    }

    override fun toString(): String = "FaultRule(${method ?: "*"} $pathPattern -> $fault, times=$times, p=$probability, applied=$applied)"

    /** The rule in the one-line text form [parse] reads, e.g. `POST /qpi/api/jobs error 429 times=1 header=Retry-After:2`. */
    public fun toSpec(): String = FaultRuleSyntax.format(this)

    /** Constants for [times]. */
    public companion object {
        /** Apply the fault to every matching request. */
        public const val ALWAYS: Int = -1

        /** The [seed] used when none is given. */
        public const val DEFAULT_SEED: Long = 1L

        /**
         * The rule a line of text describes (the form of `--fault` and of `POST /_emulator/faults`):
         * `METHOD PATH KIND [ARGUMENT] [times=N] [p=P] [seed=S] [header=Name:Value]... [body=TEXT]`,
         * KIND one of `latency MILLIS`, `error STATUS`, `drop`, `lose-reply`, `corrupt garbage|flip [flips=N]`,
         * `truncate BYTES`, `cut BYTES`, `slow-body MILLIS` (see [Fault]).
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        @JvmStatic
        public fun parse(spec: String): FaultRule = FaultRuleSyntax.parse(spec)

        private fun compile(pattern: String): Regex {
            val out = StringBuilder()
            var i = 0
            while (i < pattern.length) {
                if (pattern.startsWith("**", i)) {
                    out.append(".*")
                    i += 2
                } else if (pattern[i] == '*') {
                    out.append("[^/]*")
                    i++
                } else {
                    val next = pattern.indexOf('*', i).let { if (it < 0) pattern.length else it }
                    out.append(Regex.escape(pattern.substring(i, next)))
                    i = next
                }
            }
            return Regex(out.toString())
        }
    }
}
