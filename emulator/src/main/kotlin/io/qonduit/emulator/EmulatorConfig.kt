package io.qonduit.emulator

import java.time.Duration

/**
 * Settings for an [Emulator]: where it listens, how its simulators are seeded and how long
 * emulated jobs stay in each state.
 *
 * @property port TCP port to listen on; `0` picks a free ephemeral port.
 * @property host interface to bind; loopback by default so nothing is exposed to the network.
 * @property seed seed for the simulators' random number generators, or `null` for a random seed.
 *   With a seed, each job's shots are reproducible (job *n* uses `seed + n`).
 * @property queuedDelay how long a submitted job stays queued (`pending`) before it starts running (Qibo:
 *   how long a job is `queueing`, waits at least in `pending`, and is `postprocessing`).
 * @property runningDelay how long a job stays `running` before its results are produced.
 * @property oqtantRunningDelay how long an Oqtant job stays `RUNNING`, or `null` for [runningDelay]. The
 *   real service runs a job for 14–21 s, and the Python client's `track_jobs` only ends once it has
 *   seen a job `RUNNING` in one of its 2 s polls; the conformance suite sets 2.5 s.
 * @property oqtantMatter the model behind Oqtant outputs: [OqtantMatter.ANALYTIC] (fast, the default)
 *   or [OqtantMatter.GROSS_PITAEVSKII] (the matter simulator). Either way the job stays `RUNNING` at
 *   least [oqtantRunningDelay].
 */
public class EmulatorConfig @JvmOverloads constructor(
    public val port: Int = 0,
    public val host: String = DEFAULT_HOST,
    public val seed: Long? = null,
    public val queuedDelay: Duration = DEFAULT_QUEUED_DELAY,
    public val runningDelay: Duration = DEFAULT_RUNNING_DELAY,
    public val oqtantRunningDelay: Duration? = null,
    public val oqtantMatter: OqtantMatter = OqtantMatter.ANALYTIC,
) {
    init {
        require(port in 0..MAX_PORT) { "port must be between 0 and $MAX_PORT, was $port" }
        require(host.isNotBlank()) { "host must not be blank" }
        require(!queuedDelay.isNegative) { "queuedDelay must not be negative, was $queuedDelay" }
        require(!runningDelay.isNegative) { "runningDelay must not be negative, was $runningDelay" }
        require(oqtantRunningDelay?.isNegative != true) { "oqtantRunningDelay must not be negative, was $oqtantRunningDelay" }
    }

    /** A builder pre-filled with this configuration's values. */
    public fun toBuilder(): Builder =
        Builder().port(port).host(host).seed(seed).queuedDelay(queuedDelay).runningDelay(runningDelay)
            .oqtantRunningDelay(oqtantRunningDelay).oqtantMatter(oqtantMatter)

    override fun toString(): String =
        "EmulatorConfig(port=$port, host=$host, seed=$seed, queuedDelay=$queuedDelay, runningDelay=$runningDelay, oqtantRunningDelay=$oqtantRunningDelay, oqtantMatter=$oqtantMatter)"

    /** Java-friendly builder for [EmulatorConfig]; every setter returns the builder. */
    public class Builder {
        private var port: Int = 0
        private var host: String = DEFAULT_HOST
        private var seed: Long? = null
        private var queuedDelay: Duration = DEFAULT_QUEUED_DELAY
        private var runningDelay: Duration = DEFAULT_RUNNING_DELAY
        private var oqtantRunningDelay: Duration? = null
        private var oqtantMatter: OqtantMatter = OqtantMatter.ANALYTIC

        /** Sets [EmulatorConfig.port]. */
        public fun port(port: Int): Builder = apply { this.port = port }

        /** Sets [EmulatorConfig.host]. */
        public fun host(host: String): Builder = apply { this.host = host }

        /** Sets [EmulatorConfig.seed]; `null` means unseeded. */
        public fun seed(seed: Long?): Builder = apply { this.seed = seed }

        /** Sets [EmulatorConfig.queuedDelay]. */
        public fun queuedDelay(delay: Duration): Builder = apply { this.queuedDelay = delay }

        /** Sets [EmulatorConfig.runningDelay]. */
        public fun runningDelay(delay: Duration): Builder = apply { this.runningDelay = delay }

        /** Sets [EmulatorConfig.oqtantRunningDelay]; `null` means [runningDelay]. */
        public fun oqtantRunningDelay(delay: Duration?): Builder = apply { this.oqtantRunningDelay = delay }

        /** Sets [EmulatorConfig.oqtantMatter]. */
        public fun oqtantMatter(model: OqtantMatter): Builder = apply { this.oqtantMatter = model }

        /** Builds the configuration; throws [IllegalArgumentException] naming any invalid field. */
        public fun build(): EmulatorConfig = EmulatorConfig(port, host, seed, queuedDelay, runningDelay, oqtantRunningDelay, oqtantMatter)
    }

    /** Defaults and the [builder] factory. */
    public companion object {
        /** Loopback address the emulator binds by default. */
        public const val DEFAULT_HOST: String = "127.0.0.1"

        /** Default time a job spends `pending`. */
        @JvmField
        public val DEFAULT_QUEUED_DELAY: Duration = Duration.ofMillis(50)

        /** Default time a job spends `running`. */
        @JvmField
        public val DEFAULT_RUNNING_DELAY: Duration = Duration.ofMillis(100)

        private const val MAX_PORT = 65535

        /** A new builder with default values. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}
