package io.qonduit.bench.soak

/** The threads alive now. */
internal fun liveThreads(): Set<Thread> = Thread.getAllStackTraces().keys.filterTo(HashSet()) { it.isAlive }

/**
 * The names of threads started since [before] that are still alive [SETTLE_MILLIS] after close.
 * Left out, because they belong to the process and not to any client: kotlinx.coroutines' shared
 * `Dispatchers.Default` / `IO` workers (idle ones end on their own after a minute), the threads of
 * the SDK's process-wide OkHttp engine (`io.qonduit.transport.SharedEngines`, created on first use
 * and never closed by design: its dispatcher and task-runner threads end after a minute idle; the
 * SDK's ClientThreadsSpec checks that clients add none), Okio's `Okio Watchdog` (one per process,
 * started by the first I/O timeout OkHttp arms, it ends after a minute with none armed), the
 * selector thread of the soak's own admin JDK `HttpClient` (it ends once that client is
 * unreachable), the JVM's attach listener
 * (started by `jcmd`) and its `process reaper` (a pool of the JDK's that waits for child processes,
 * here the separate emulator's, and ends idle threads on its own).
 */
internal fun threadsLeftAfter(before: Set<Thread>): List<String> {
    val settleUntil = System.nanoTime() + SETTLE_MILLIS * 1_000_000
    while (true) {
        val left = liveThreads().filter { it !in before && !isProcessWide(it) }
        if (left.isEmpty() || System.nanoTime() > settleUntil) return left.map { it.name }.sorted()
        System.gc()
        Thread.sleep(POLL_MILLIS)
    }
}

private fun isProcessWide(thread: Thread): Boolean =
    thread.name.startsWith("DefaultDispatcher-worker-") || thread.name == "kotlinx.coroutines.DefaultExecutor" ||
        thread.name == "Attach Listener" || thread.name == "process reaper" || thread.name.startsWith("OkHttp ") ||
        thread.name == "Okio Watchdog" || JDK_CLIENT_SELECTOR.matches(thread.name)

/** The selector thread a JDK `HttpClient` starts (here the soak's admin client's). */
private val JDK_CLIENT_SELECTOR = Regex("HttpClient-\\d+-SelectorManager")

private const val SETTLE_MILLIS = 5_000L
private const val POLL_MILLIS = 50L
