package io.qonduit.bench.soak

import io.qonduit.job.CompositeJob
import io.qonduit.job.JobState
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.TimeSource

/** What happened while running one composite: attempts made, failures seen by type, submissions discarded. */
internal class RetryOutcome(val attempts: Int, val failures: Map<String, Int>, val discarded: Int)

/** How the soak retries, as a user would. */
internal class RetryPolicy(
    /** Most `execute` calls per composite. */
    val maxAttempts: Int,
    /** Bound of one `execute`. */
    val perAttempt: Duration,
    /**
     * After this many failed attempts, a child still in doubt after `reconcile()` is given up on
     * with `discardSubmission()` and sent again (the user's judgement that nothing was created);
     * 0 = never, the child stays in UNKNOWN_SUBMISSION.
     */
    val discardAfter: Int,
)

/**
 * Runs [composite] as a user would: `execute`, and when it throws or leaves a child not completed,
 * asks the children in doubt to [io.qonduit.job.Job.reconcile], pauses (1 s, doubling, at most
 * 8 s) and calls `execute` again, which re-runs only the children that did not complete — at most
 * [RetryPolicy.maxAttempts] times, each bounded by [RetryPolicy.perAttempt] and all by [deadline].
 */
internal suspend fun executeWithRetries(composite: CompositeJob, policy: RetryPolicy, deadline: TimeSource.Monotonic.ValueTimeMark): RetryOutcome {
    val failures = LinkedHashMap<String, Int>()
    var attempts = 0
    var discarded = 0
    while (attempts < policy.maxAttempts) {
        if (!(-deadline.elapsedNow()).isPositive()) break
        attempts++
        try {
            composite.execute(minOf(policy.perAttempt, -deadline.elapsedNow()))
            if (composite.jobs.all { it.state == JobState.COMPLETED }) break
            failures.merge("not all completed", 1, Int::plus)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            failures.merge(e.javaClass.simpleName, 1, Int::plus)
        }
        for (child in composite.jobs.filter { it.state == JobState.UNKNOWN_SUBMISSION }) {
            runCatching { child.reconcile() }.exceptionOrNull()?.let { failures.merge("reconcile: ${it.javaClass.simpleName}", 1, Int::plus) }
            if (policy.discardAfter in 1..attempts && child.state == JobState.UNKNOWN_SUBMISSION) {
                child.discardSubmission()
                discarded++
            }
        }
        val pause = minOf(FIRST_PAUSE * (1 shl (attempts - 1).coerceAtMost(3)), -deadline.elapsedNow())
        if (pause.isPositive()) delay(pause)
    }
    return RetryOutcome(attempts, failures, discarded)
}

private val FIRST_PAUSE = 1000.milliseconds
