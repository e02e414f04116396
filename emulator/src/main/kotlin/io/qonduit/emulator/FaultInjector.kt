package io.qonduit.emulator

import java.time.Duration
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Injects faults into requests reaching the emulator and records every request, so client tests
 * can exercise retries, timeouts and broken connections, and assert on what was sent.
 *
 * Rules are checked in the order they were added. All matching active [Fault.Latency] rules add
 * their delays; then the first matching active rule of any other fault, if any, replaces the normal
 * response ([Fault.ErrorResponse], [Fault.DropConnection]) or damages it after the route ran
 * ([Fault.LoseReply], [Fault.CorruptBody], [Fault.TruncateBody], [Fault.SlowBody]). Each applied rule uses up one of its `times`.
 */
public class FaultInjector internal constructor() {
    private val ruleList = CopyOnWriteArrayList<FaultRule>()

    // A queue, not a copy-on-write list: every request appends here, and copying the whole log on
    // each append made a long-running emulator slower with every request it served (`wrk -c1` on one
    // endpoint: 2 600 → 2 100 requests/s by 130 000 requests; with the queue 3 000 at 240 000).
    // Reads take an ordered snapshot.
    private val requestLog = ConcurrentLinkedQueue<RecordedRequest>()

    /** The rules added so far, in order (including used-up ones). */
    public val rules: List<FaultRule>
        get() = ruleList.toList()

    /** Every request received since start or the last [clear] / [clearRequests], oldest first. */
    public val requests: List<RecordedRequest>
        get() = requestLog.toList()

    /** Recorded requests with the given [method] (or any, when `null`) whose path matches [pathPattern]. */
    @JvmOverloads
    public fun requests(pathPattern: String, method: String? = null): List<RecordedRequest> {
        val probe = FaultRule(method, pathPattern, Fault.DropConnection)
        return requestLog.filter { probe.matches(it.method, it.path) }
    }

    /** Adds [rule] and returns it. */
    public fun add(rule: FaultRule): FaultRule = rule.also { ruleList.add(it) }

    /**
     * Delays the next [times] requests matching [method] and [pathPattern] by [delay]; with a
     * [probability] below 1, each matching request is delayed with that chance (seeded by [seed]).
     */
    @JvmOverloads
    public fun latency(
        method: String?,
        pathPattern: String,
        delay: Duration,
        times: Int = FaultRule.ALWAYS,
        probability: Double = 1.0,
        seed: Long = FaultRule.DEFAULT_SEED,
    ): FaultRule = add(FaultRule(method, pathPattern, Fault.Latency(delay), times, probability, seed))

    /**
     * Answers the next [times] matching requests with [status], [body] (JSON by default) and extra
     * [headers] (e.g. `Retry-After`); with a [probability] below 1, each matching request with that
     * chance (seeded by [seed]).
     */
    @JvmOverloads
    public fun error(
        method: String?,
        pathPattern: String,
        status: Int,
        times: Int = FaultRule.ALWAYS,
        body: String? = null,
        probability: Double = 1.0,
        seed: Long = FaultRule.DEFAULT_SEED,
        headers: Map<String, String> = emptyMap(),
    ): FaultRule {
        val fault = Fault.ErrorResponse(status, body ?: Fault.ErrorResponse.defaultBody(status), headers = headers)
        return add(FaultRule(method, pathPattern, fault, times, probability, seed))
    }

    /**
     * Answers a [probability] share of the matching requests with [status] (default JSON body),
     * with no bound on how many: `errorRate("POST", "/qpi/api/jobs", 503, 0.05, 7)` refuses about
     * 5 % of submissions, the same ones on every run with the same requests.
     */
    public fun errorRate(method: String?, pathPattern: String, status: Int, probability: Double, seed: Long): FaultRule =
        error(method, pathPattern, status, FaultRule.ALWAYS, null, probability, seed)

    /**
     * Breaks the connection of the next [times] matching requests (see [Fault.DropConnection]); with
     * a [probability] below 1, of each matching request with that chance (seeded by [seed]).
     */
    @JvmOverloads
    public fun dropConnection(
        method: String?,
        pathPattern: String,
        times: Int = FaultRule.ALWAYS,
        probability: Double = 1.0,
        seed: Long = FaultRule.DEFAULT_SEED,
    ): FaultRule = add(FaultRule(method, pathPattern, Fault.DropConnection, times, probability, seed))

    /**
     * Handles the next [times] matching requests normally, then breaks their connections instead of
     * replying (see [Fault.LoseReply]); with a [probability] below 1, each matching request with
     * that chance (seeded by [seed]).
     */
    @JvmOverloads
    public fun loseReply(
        method: String?,
        pathPattern: String,
        times: Int = FaultRule.ALWAYS,
        probability: Double = 1.0,
        seed: Long = FaultRule.DEFAULT_SEED,
    ): FaultRule = add(FaultRule(method, pathPattern, Fault.LoseReply, times, probability, seed))

    /**
     * Lets the next [times] matching requests be handled, then damages their replies' bodies as
     * [mode] says (see [Fault.CorruptBody]; flipped positions drawn from [seed]); with a
     * [probability] below 1, of each matching request with that chance.
     */
    @JvmOverloads
    public fun corruptBody(
        method: String?,
        pathPattern: String,
        mode: Fault.CorruptBody.Mode = Fault.CorruptBody.Mode.GARBAGE_JSON,
        times: Int = FaultRule.ALWAYS,
        probability: Double = 1.0,
        seed: Long = FaultRule.DEFAULT_SEED,
    ): FaultRule = add(FaultRule(method, pathPattern, Fault.CorruptBody(mode, seed = seed), times, probability, seed))

    /**
     * Lets the next [times] matching requests be handled, then sends only [keepBytes] bytes of their
     * replies, closing the connection when [closeConnection] (see [Fault.TruncateBody]); with a
     * [probability] below 1, of each matching request with that chance (seeded by [seed]).
     */
    @JvmOverloads
    public fun truncateBody(
        method: String?,
        pathPattern: String,
        keepBytes: Int,
        closeConnection: Boolean = true,
        times: Int = FaultRule.ALWAYS,
        probability: Double = 1.0,
        seed: Long = FaultRule.DEFAULT_SEED,
    ): FaultRule = add(FaultRule(method, pathPattern, Fault.TruncateBody(keepBytes, closeConnection), times, probability, seed))

    /**
     * Lets the next [times] matching requests be handled, then trickles their replies' bodies out
     * over [duration] (see [Fault.SlowBody]); with a [probability] below 1, of each matching request
     * with that chance (seeded by [seed]).
     */
    @JvmOverloads
    public fun slowBody(
        method: String?,
        pathPattern: String,
        duration: Duration,
        times: Int = FaultRule.ALWAYS,
        probability: Double = 1.0,
        seed: Long = FaultRule.DEFAULT_SEED,
    ): FaultRule = add(FaultRule(method, pathPattern, Fault.SlowBody(duration), times, probability, seed))

    /** Removes all rules and forgets all recorded requests. */
    public fun clear() {
        ruleList.clear()
        requestLog.clear()
    }

    /**
     * Removes [rule] (e.g. to end a burst of faults after a while); its [FaultRule.applied] count
     * stays readable. Returns whether it was present.
     */
    public fun remove(rule: FaultRule): Boolean = ruleList.remove(rule)

    /** Removes all rules, keeping the request log. */
    public fun clearRules() {
        ruleList.clear()
    }

    /** Forgets all recorded requests, keeping the rules. */
    public fun clearRequests() {
        requestLog.clear()
    }

    internal fun record(request: RecordedRequest) {
        requestLog.add(request)
    }

    /** The faults to apply to one request: summed latency and an optional terminal fault. */
    internal class Decision(val latency: Duration, val terminal: Fault?)

    internal fun decide(method: String, path: String): Decision {
        var latency = Duration.ZERO
        var terminal: Fault? = null
        for (rule in ruleList) {
            if (!rule.matches(method, path)) continue
            val fault = rule.fault
            if (fault is Fault.Latency) {
                if (rule.tryConsume()) latency += fault.delay
            } else if (terminal == null && rule.tryConsume()) {
                terminal = fault
            }
        }
        return Decision(latency, terminal)
    }
}
