package io.qonduit.bench.soak

/** The threads alive now. */
internal fun liveThreads(): Set<Thread> = Thread.getAllStackTraces().keys.filterTo(HashSet()) { it.isAlive }

/**
 * The names of threads started since [before] that are still alive [SETTLE_MILLIS] after close.
 * kotlinx.coroutines' shared `Dispatchers.Default` / `IO` workers are left out: they belong to the
 * process, not to any client, and idle ones end on their own after a minute. A JDK 17
 * `java.net.http.HttpClient` has no close: its selector thread ends once the client is unreachable,
 * so the wait asks for a collection.
 */
internal fun threadsLeftAfter(before: Set<Thread>): List<String> {
    val settleUntil = System.nanoTime() + SETTLE_MILLIS * 1_000_000
    while (true) {
        val left = liveThreads().filter { it !in before && !isSharedCoroutineWorker(it) }
        if (left.isEmpty() || System.nanoTime() > settleUntil) return left.map { it.name }.sorted()
        System.gc()
        Thread.sleep(POLL_MILLIS)
    }
}

private fun isSharedCoroutineWorker(thread: Thread): Boolean =
    thread.name.startsWith("DefaultDispatcher-worker-") || thread.name == "kotlinx.coroutines.DefaultExecutor"

private const val SETTLE_MILLIS = 5_000L
private const val POLL_MILLIS = 50L
