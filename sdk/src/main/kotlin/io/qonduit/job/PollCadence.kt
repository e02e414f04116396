package io.qonduit.job

import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * How long to wait between polls: the n-th wait is `delays[n]`, and the last delay repeats for ever.
 */
public class PollCadence(delays: List<Duration>) {
    private val delays: List<Duration> = delays.toList()

    init {
        require(this.delays.isNotEmpty()) { "a PollCadence needs at least one delay" }
        require(this.delays.all { it.isPositive() }) { "poll delays must be positive, were ${this.delays}" }
    }

    /** The wait before poll number [attempt] (0-based). */
    public fun delay(attempt: Int): Duration = delays[attempt.coerceIn(0, delays.lastIndex)]

    /**
     * [delay] in milliseconds, for Java: a function returning a Kotlin [Duration] (a value class) gets a
     * mangled name Java cannot call.
     */
    public fun delayMillis(attempt: Int): Long = delay(attempt).inWholeMilliseconds

    /** The delays, the last one repeating. */
    public fun delays(): List<Duration> = delays

    override fun toString(): String = "PollCadence(${delays.joinToString()})"

    public companion object {
        /** OQC's back-off: 1, 2, 5, 8, 10, 15, then 30 s for ever. The default. */
        @JvmField
        public val OQC: PollCadence = PollCadence(listOf(1, 2, 5, 8, 10, 15, 30).map { it.seconds })

        /** The same delay every time. */
        @JvmStatic
        public fun fixed(delay: java.time.Duration): PollCadence = PollCadence(listOf(delay.toMillis().milliseconds))

        /** The given delays in milliseconds, the last one repeating. */
        @JvmStatic
        public fun ofMillis(vararg millis: Long): PollCadence = PollCadence(millis.map { it.milliseconds })
    }
}
