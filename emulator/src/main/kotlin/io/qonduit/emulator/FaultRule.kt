package io.qonduit.emulator

/**
 * A fault applied to requests whose method and path match.
 *
 * @property method HTTP method to match (case-insensitive), or `null` / `"*"` for any method.
 * @property pathPattern path after the host, without query, e.g. `/qpi/api/jobs` or `/qpi/api/jobs/` plus `*`.
 *   A `*` matches any characters except `/`; `**` matches anything, including `/`.
 * @property fault what happens to a matching request.
 * @property times how many of the next matching requests get the fault; [FaultRule.ALWAYS] for all.
 */
public class FaultRule @JvmOverloads constructor(
    public val method: String?,
    public val pathPattern: String,
    public val fault: Fault,
    public val times: Int = ALWAYS,
) {
    private val regex: Regex = compile(pathPattern)
    private var used: Int = 0

    init {
        require(pathPattern.startsWith("/")) { "pathPattern must start with '/', was '$pathPattern'" }
        require(times == ALWAYS || times > 0) { "times must be positive or FaultRule.ALWAYS, was $times" }
    }

    /** How many requests this rule has been applied to so far. */
    public val applied: Int
        get() = synchronized(this) { used }

    /** Whether the rule still applies to future matching requests. */
    public val isActive: Boolean
        get() = synchronized(this) { times == ALWAYS || used < times }

    internal fun matches(requestMethod: String, path: String): Boolean =
        (method == null || method == "*" || method.equals(requestMethod, ignoreCase = true)) && regex.matches(path)

    /** Consumes one application if the rule is still active; returns whether it applies. */
    internal fun tryConsume(): Boolean = synchronized(this) {
        if (times != ALWAYS && used >= times) return false
        used++
        true
    }

    override fun toString(): String = "FaultRule(${method ?: "*"} $pathPattern -> $fault, times=$times, applied=$applied)"

    /** Constants for [times]. */
    public companion object {
        /** Apply the fault to every matching request. */
        public const val ALWAYS: Int = -1

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
