package io.qonduit.bench.soak

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.Fault
import io.qonduit.job.JobState
import kotlin.time.Duration.Companion.seconds

/**
 * The soak's fast mode, in CI: all five providers through the emulator under every fault kind,
 * asserting the pass criteria of issue 15 (not timings). The long mode is `LifecycleSoak --long`.
 */
class LifecycleSoakSpec : FunSpec({
    test("five providers under faults: nothing twice, nothing lost, nothing wrong, flat heap, no thread left") {
        val report = runSoak(SoakSize.FAST, 240.seconds, seed = 15, RetryPolicy(MAX_ATTEMPTS, 60.seconds, discardAfter = NEVER_DISCARD))
        printReport(report)
        report.finishedInTime shouldBe true
        report.tallies.map { it.provider } shouldBe listOf("qpi", "oqc", "oqtant", "oqtopus", "qibo")
        for (tally in report.tallies) {
            withClue(tally.provider) {
                tally.duplicates shouldBe 0
                tally.sharedIds shouldBe 0
                tally.orphans.shouldBeEmpty()
                tally.wrong.map { it.taskId }.shouldBeEmpty()
                // Every job ended, or waits in doubt for reconcile; only those may lack a server run.
                tally.states.keys.filterNot { it.isTerminal || it == JobState.UNKNOWN_SUBMISSION }.shouldBeEmpty()
                tally.withoutServerRun.filterNot { it.state == JobState.UNKNOWN_SUBMISSION }.map { it.state }.shouldBeEmpty()
            }
        }
        // Each kind of fault was really injected.
        val applied = report.rules.groupBy { it.fault.javaClass }.mapValues { (_, rules) -> rules.sumOf { it.applied } }
        for (kind in listOf(Fault.Latency::class.java, Fault.ErrorResponse::class.java, Fault.DropConnection::class.java, Fault.LoseReply::class.java, Fault.CorruptBody::class.java, Fault.SlowBody::class.java)) {
            withClue(kind.simpleName) { (applied[kind] ?: 0) shouldBeGreaterThan 0 }
        }
        report.rules.filter { (it.fault as? Fault.ErrorResponse)?.status == 429 }.sumOf { it.applied } shouldBeGreaterThan 0
        report.heap.peakAfterGc shouldBeLessThanOrEqual MAX_HEAP_AFTER_GC
        report.threadsLeft.shouldBeEmpty()
    }
})

private const val MAX_ATTEMPTS = 8

/** The user never discards a submission in doubt (which could create a duplicate by their choice): reconcile only. */
private const val NEVER_DISCARD = 0
private const val MAX_HEAP_AFTER_GC = 512L shl 20
