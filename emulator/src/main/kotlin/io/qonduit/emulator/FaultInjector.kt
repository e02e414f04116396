package io.qonduit.emulator

import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Injects faults into requests reaching the emulator and records every request, so client tests
 * can exercise retries, timeouts and broken connections, and assert on what was sent.
 *
 * Rules are checked in the order they were added. All matching active [Fault.Latency] rules add
 * their delays; then the first matching active [Fault.ErrorResponse], [Fault.DropConnection] or
 * [Fault.LoseReply] rule, if any, replaces the normal response (after handling, for [Fault.LoseReply]). Each applied rule uses up one of its `times`.
 */
public class FaultInjector internal constructor() {
    private val ruleList = CopyOnWriteArrayList<FaultRule>()
    private val requestLog = CopyOnWriteArrayList<RecordedRequest>()

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

    /** Delays the next [times] requests matching [method] and [pathPattern] by [delay]. */
    @JvmOverloads
    public fun latency(method: String?, pathPattern: String, delay: Duration, times: Int = FaultRule.ALWAYS): FaultRule =
        add(FaultRule(method, pathPattern, Fault.Latency(delay), times))

    /** Answers the next [times] matching requests with [status] and [body] (JSON by default). */
    @JvmOverloads
    public fun error(
        method: String?,
        pathPattern: String,
        status: Int,
        times: Int = FaultRule.ALWAYS,
        body: String? = null,
    ): FaultRule {
        val fault = if (body == null) Fault.ErrorResponse(status) else Fault.ErrorResponse(status, body)
        return add(FaultRule(method, pathPattern, fault, times))
    }

    /** Breaks the connection of the next [times] matching requests (see [Fault.DropConnection]). */
    @JvmOverloads
    public fun dropConnection(method: String?, pathPattern: String, times: Int = FaultRule.ALWAYS): FaultRule =
        add(FaultRule(method, pathPattern, Fault.DropConnection, times))

    /**
     * Handles the next [times] matching requests normally, then breaks their connections instead of
     * replying (see [Fault.LoseReply]).
     */
    @JvmOverloads
    public fun loseReply(method: String?, pathPattern: String, times: Int = FaultRule.ALWAYS): FaultRule =
        add(FaultRule(method, pathPattern, Fault.LoseReply, times))

    /** Removes all rules and forgets all recorded requests. */
    public fun clear() {
        ruleList.clear()
        requestLog.clear()
    }

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
