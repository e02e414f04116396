package io.qonduit.bench.soak

import io.qonduit.emulator.Fault
import io.qonduit.emulator.FaultInjector
import io.qonduit.emulator.FaultRule
import kotlinx.coroutines.delay
import java.time.Duration

/** The submit and status routes of each provider, as the emulator's routers define them. */
internal val SOAK_ROUTES: Map<String, List<String>> = mapOf(
    "qpi" to listOf("/qpi/api/jobs", "/qpi/api/jobs/*"),
    "oqc" to listOf("/oqc/qpu/*/tasks", "/oqc/qpu/*/tasks/submit", "/oqc/qpu/*/tasks/*/all_info"),
    "oqtant" to listOf("/oqtant/users/*/jobs", "/oqtant/users/*/jobs/*"),
    "oqtopus" to listOf("/oqtopus/jobs", "/oqtopus/jobs/*", "/oqtopus/jobs/*/submit", "/oqtopus/jobs/*/status"),
    "qibo" to listOf("/qibo/api/jobs/", "/qibo/api/jobs/*/", "/qibo/api/jobs/*/download/"),
)

/**
 * Installs the steady faults on every soak route, each rule with its own seed: 10 % of requests
 * delayed by 150 ms, then (at most one of these per request, in this order) about 5 % 503s, 2 %
 * dropped connections, 3 % lost replies (the server acts, the reply is lost), 2 % corrupted bodies
 * (the server acts, the reply's JSON is garbage) and 5 % bodies trickled over 200 ms. Returns the
 * rules, whose `applied` counts are the faults injected.
 */
internal fun installSteadyFaults(faults: FaultInjector, seed: Long): List<FaultRule> {
    var next = seed
    return SOAK_ROUTES.values.flatten().flatMap { path ->
        listOf(
            faults.latency(null, path, Duration.ofMillis(LATENCY_MILLIS), FaultRule.ALWAYS, LATENCY_P, next++),
            faults.errorRate(null, path, 503, ERROR_P, next++),
            faults.dropConnection(null, path, FaultRule.ALWAYS, DROP_P, next++),
            faults.loseReply(null, path, FaultRule.ALWAYS, LOSE_P, next++),
            faults.corruptBody(null, path, Fault.CorruptBody.Mode.GARBAGE_JSON, FaultRule.ALWAYS, CORRUPT_P, next++),
            faults.slowBody(null, path, Duration.ofMillis(SLOW_BODY_MILLIS), FaultRule.ALWAYS, SLOW_BODY_P, next++),
        )
    }
}

/**
 * Every [every] until [stop] says so (and at most [maxBursts] times), makes one provider's routes
 * answer 429 for [BURST_MILLIS] (at most [BURST_LENGTH] requests per route), provider by provider
 * in turn. Each burst's rules go into [added] (removed from [faults] again, counts kept) as soon as
 * they exist, so a caller that cancels this still sees them.
 */
internal suspend fun runRateLimitBursts(
    faults: FaultInjector,
    every: Duration,
    maxBursts: Int,
    added: MutableList<FaultRule>,
    stop: () -> Boolean,
) {
    val providers = SOAK_ROUTES.keys.toList()
    for (i in 0 until maxBursts) {
        delay(every.toMillis())
        if (stop()) break
        val routes = SOAK_ROUTES.getValue(providers[i % providers.size])
        // One rule per route, each answering up to BURST_LENGTH requests with 429 in a row.
        val burst = routes.map { faults.error(null, it, 429, BURST_LENGTH) }
        added += burst
        delay(BURST_MILLIS)
        burst.forEach { faults.remove(it) }
    }
}

private const val LATENCY_MILLIS = 150L
private const val LATENCY_P = 0.10
private const val ERROR_P = 0.05
private const val DROP_P = 0.02
private const val LOSE_P = 0.03
private const val CORRUPT_P = 0.02
private const val SLOW_BODY_P = 0.05
private const val SLOW_BODY_MILLIS = 200L
private const val BURST_LENGTH = 6
private const val BURST_MILLIS = 400L
