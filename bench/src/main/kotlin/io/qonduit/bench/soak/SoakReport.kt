package io.qonduit.bench.soak

import io.qonduit.job.JobState
import kotlin.time.Duration

/** Everything the soak prints at the end. */
internal class SoakReport(
    val tallies: List<ProviderTally>,
    val rules: List<AppliedRule>,
    val outcomes: Map<String, List<RetryOutcome>>,
    val requests: Int,
    val wall: Duration,
    val finishedInTime: Boolean,
    val heap: HeapWatch,
    val seed: Long,
    val policy: RetryPolicy,
    /** Where the emulator ran: in this JVM (its stores in the heap measured) or in a JVM of its own. */
    val emulatorWhere: String,
) {
    /** Threads the soak started that are still alive after every client and the emulator closed. */
    var threadsLeft: List<String> = emptyList()
}

/** Prints [report] as a Markdown table (for BENCHMARKS.md) followed by the details behind it. */
internal fun printReport(report: SoakReport) {
    val t = report.tallies
    fun row(name: String, value: (ProviderTally) -> Any) = println("| $name | ${t.joinToString(" | ") { value(it).toString() }} |")
    println()
    println("| measure | ${t.joinToString(" | ") { it.provider }} |")
    println("|---|${t.joinToString("|") { "---" }}|")
    row("logical submissions (client jobs)") { it.logicalCount }
    row("server-side jobs") { it.serverIds.size }
    row("duplicates (server jobs beyond one per logical submission)") { it.duplicates }
    row("orphans (server jobs no client job follows)") { it.orphans.size }
    row("client jobs with no server job") { it.withoutServerRun.size }
    row("client jobs sharing one server job") { it.sharedIds }
    row("left in UNKNOWN_SUBMISSION") { it.unknown }
    row("COMPLETED") { it.states[JobState.COMPLETED] ?: 0 }
    row("wrong results (COMPLETED, counts ≠ expected × shots)") { it.wrong.size }
    row("composite executes (attempts)") { p -> report.outcomes[p.provider].orEmpty().sumOf { it.attempts } }
    row("submissions discarded and re-sent by the user") { p -> report.outcomes[p.provider].orEmpty().sumOf { it.discarded } }
    println()
    val byFault = report.rules.groupBy { it.fault.toString() }.mapValues { (_, r) -> r.sumOf { it.applied } }
    println("faults applied: ${report.rules.sumOf { it.applied }} of ${report.requests} requests — $byFault")
    println("wall time: %.1f s%s".format(report.wall.inWholeMilliseconds / 1000.0, if (report.finishedInTime) "" else " (HARD DEADLINE HIT)"))
    println("peak heap: %d MiB sampled every 50 ms, %d MiB after GC (%d collections), max heap %d MiB".format(
        report.heap.peakUsed shr 20, report.heap.peakAfterGc shr 20, report.heap.gcCount, Runtime.getRuntime().maxMemory() shr 20))
    println("emulator: ${report.emulatorWhere}")
    println("threads left after close: ${report.threadsLeft.size}${if (report.threadsLeft.isEmpty()) "" else " ${report.threadsLeft}"}")
    println("policy: at most ${report.policy.maxAttempts} executes per composite, ${report.policy.perAttempt} each; discard in-doubt children after ${report.policy.discardAfter} failed attempts (0 = never)")
    println("seed: ${report.seed}; JVM ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}, ${Runtime.getRuntime().availableProcessors()} cores")
    for (tally in t) {
        println("${tally.provider}: states ${tally.states}; ids made but never submitted (OQC allocated, OQTOPUS registered): ${tally.allocatedOnly}; orphans once followed: ${tally.orphansOnceFollowed}")
        val failures = report.outcomes[tally.provider].orEmpty().flatMap { it.failures.entries }.groupBy({ it.key }, { it.value }).mapValues { it.value.sum() }
        println("  failed executes by cause: $failures")
        tally.orphans.take(DETAIL_LIMIT).forEach { println("  orphan: $it ${tally.describe(it)}") }
        tally.withoutServerRun.take(DETAIL_LIMIT).forEach { println("  no server job: ${it.taskId} ${it.state} (${it.scenario}) ${it.inDoubt ?: ""}") }
        tally.wrong.take(DETAIL_LIMIT).forEach { println("  wrong: ${it.taskId} (${it.scenario}) ${it.shown}") }
    }
}

private const val DETAIL_LIMIT = 5
