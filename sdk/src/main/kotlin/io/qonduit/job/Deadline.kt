package io.qonduit.job

import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.time.Duration
import kotlin.time.TimeSource

/**
 * The end of a caller's time budget: every request and pause inside `wait`/`execute` is bounded by
 * what is left, so a stalled provider or a long back-off cannot hold the call past its timeout.
 * A null [timeout] never ends.
 */
internal class Deadline private constructor(val timeout: Duration?) {
    private val started = TimeSource.Monotonic.markNow()

    /** Time left, or null for no limit. */
    val left: Duration? get() = timeout?.let { it - started.elapsedNow() }

    /** [wanted], but no longer than the time left. */
    fun bounded(wanted: Duration): Duration = left?.let { minOf(wanted, it) } ?: wanted

    /** Runs [block] within the time left; null when the deadline passes first. */
    suspend fun <T : Any> run(block: suspend () -> T): T? {
        val left = left ?: return block()
        return if (left.isPositive()) withTimeoutOrNull(left) { block() } else null
    }

    /**
     * Runs [step] until it returns true, pausing by [cadence] between steps; every step and pause
     * stays within the time left. Returns false when the deadline passes first.
     */
    suspend fun repeatUntil(cadence: PollCadence, step: suspend () -> Boolean): Boolean {
        var attempt = 0
        while (true) {
            if (run(step) ?: return false) return true
            val pause = bounded(cadence.delay(attempt++))
            if (!pause.isPositive()) return false
            delay(pause)
        }
    }

    companion object {
        fun of(timeout: Duration?): Deadline = Deadline(timeout)
    }
}
