package io.qonduit.job

import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
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
        /**
         * OQC's back-off, as its async SDK polls a job (oqc-qcaas-sdk 0.1.24, `Job.wait`: exponential,
         * 0.2 s doubling up to 10 s): 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, then 10 s for ever. The default.
         *
         * The older `qcaas_client` waited 1, 2, 5, 8, 10, 15, then 30 s, so a task done in 150 ms was
         * seen only after a second; `PollCadence.ofMillis(1000, 2000, 5000, 8000, 10000, 15000, 30000)`
         * gives that schedule back.
         */
        @JvmField
        public val OQC: PollCadence = PollCadence(listOf(200, 400, 800, 1600, 3200, 6400, 10_000).map { it.milliseconds })

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
