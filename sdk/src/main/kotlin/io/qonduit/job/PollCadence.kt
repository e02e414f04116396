package io.qonduit.job

import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration

/**
 * How long to wait between polls: the n-th wait is `delays[n]`, and the last delay repeats for ever.
 *
 * Kotlin: `PollCadence(listOf(1.seconds, 5.seconds))`; Java: `PollCadence.of(List.of(Duration.ofSeconds(1), ...))`,
 * [PollCadence.fixed] or [PollCadence.ofMillis].
 */
public class PollCadence private constructor(delays: List<Duration>) {
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
    @JvmSynthetic
    public fun delays(): List<Duration> = delays

    /** [delays] as [java.time.Duration]s, for Java. */
    public fun javaDelays(): List<java.time.Duration> = delays.map { it.toJavaDuration() }

    override fun toString(): String = "PollCadence(${delays.joinToString()})"

    public companion object {
        /** OQC's back-off: 1, 2, 5, 8, 10, 15, then 30 s for ever. The default. */
        @JvmField
        public val OQC: PollCadence = PollCadence(listOf(1, 2, 5, 8, 10, 15, 30).map { it.seconds })

        /**
         * The given delays, the last one repeating (Kotlin: `PollCadence(listOf(1.seconds, 5.seconds))`).
         *
         * @throws IllegalArgumentException when [delays] is empty or a delay is not positive
         */
        @JvmSynthetic
        public operator fun invoke(delays: List<Duration>): PollCadence = PollCadence(delays)

        /**
         * The given delays, the last one repeating, for Java.
         *
         * @throws IllegalArgumentException when [delays] is empty or a delay is not positive
         */
        @JvmStatic
        public fun of(delays: List<java.time.Duration>): PollCadence = PollCadence(delays.map { it.toKotlinDuration() })

        /** The same delay every time. */
        @JvmStatic
        public fun fixed(delay: java.time.Duration): PollCadence = PollCadence(listOf(delay.toMillis().milliseconds))

        /** The given delays in milliseconds, the last one repeating. */
        @JvmStatic
        public fun ofMillis(vararg millis: Long): PollCadence = PollCadence(millis.map { it.milliseconds })
    }
}
