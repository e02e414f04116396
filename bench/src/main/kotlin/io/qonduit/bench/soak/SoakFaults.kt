package io.qonduit.bench.soak

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
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
 * The steady faults on every soak route, each rule with its own seed, as admin-route lines: 10 % of
 * requests delayed by 150 ms, then (at most one of these per request, in this order) about 5 % 503s,
 * 2 % dropped connections, 3 % lost replies (the server acts, the reply is lost), 2 % corrupted
 * bodies (the server acts, the reply's JSON is garbage) and 5 % bodies trickled over 200 ms.
 */
internal fun steadyFaults(seed: Long): List<String> {
    var next = seed
    return SOAK_ROUTES.values.flatten().flatMap { path ->
        listOf(
            "* $path latency $LATENCY_MILLIS p=$LATENCY_P seed=${next++}",
            "* $path error 503 p=$ERROR_P seed=${next++}",
            "* $path drop p=$DROP_P seed=${next++}",
            "* $path lose-reply p=$LOSE_P seed=${next++}",
            "* $path corrupt garbage p=$CORRUPT_P seed=${next++}",
            "* $path slow-body $SLOW_BODY_MILLIS p=$SLOW_BODY_P seed=${next++}",
        )
    }
}

/**
 * Every [every] until [stop] says so (and at most [maxBursts] times), makes one provider's routes
 * answer 429 for [BURST_MILLIS] (at most [BURST_LENGTH] requests per route), provider by provider
 * in turn, over [admin]; removed rules keep their counts there.
 */
internal suspend fun runRateLimitBursts(admin: EmulatorAdmin, every: Duration, maxBursts: Int, stop: () -> Boolean) {
    val providers = SOAK_ROUTES.keys.toList()
    for (i in 0 until maxBursts) {
        delay(every.toMillis())
        if (stop()) break
        val routes = SOAK_ROUTES.getValue(providers[i % providers.size])
        // One rule per route, each answering up to BURST_LENGTH requests with 429 in a row.
        val burst = withContext(Dispatchers.IO) { admin.add(routes.map { "* $it error 429 times=$BURST_LENGTH" }) }
        try {
            delay(BURST_MILLIS)
        } finally {
            // Also when cancelled: a burst left installed would fault the next run's checks.
            withContext(NonCancellable + Dispatchers.IO) { admin.remove(burst) }
        }
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
