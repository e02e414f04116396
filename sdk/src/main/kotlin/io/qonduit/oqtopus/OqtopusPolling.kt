package io.qonduit.oqtopus

import io.qonduit.errors.ValidationException
import io.qonduit.job.Job
import io.qonduit.job.JobOutputProxy
import io.qonduit.job.JobStatus
import io.qonduit.job.JavaBridge
import io.qonduit.job.JobTimeoutException
import io.qonduit.job.PollCadence
import kotlinx.coroutines.withTimeoutOrNull
import java.time.Duration
import java.util.concurrent.CompletableFuture
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toKotlinDuration

/** Receives each new status of a job being waited for (oqtopus-client's status callback). */
public fun interface OqtopusStatusListener {
    /** Called with each status change, in order. */
    public fun onStatus(status: JobStatus)
}

/**
 * The waiting knobs of oqtopus-client's `wait_for_job`, expressed through [Job.track]: the first
 * poll after [interval], each next wait multiplied by [backoff] and capped at [maxInterval], the
 * whole wait bounded by [timeout] (null: none), every status change reported to [listener].
 */
public class OqtopusPolling @JvmOverloads constructor(
    /** The first wait (the Python client's `interval`, 1 s). */
    public val interval: Duration = Duration.ofSeconds(1),
    /** Factor applied to each next wait (`interval_backoff`, 1.0: fixed). */
    public val backoff: Double = 1.0,
    /** The longest wait (`max_interval`), or null for no cap. */
    public val maxInterval: Duration? = null,
    /** The longest whole wait (`timeout`, 300 s), or null to wait for ever. */
    public val timeout: Duration? = Duration.ofSeconds(300),
    /** Status callback, or null. */
    public val listener: OqtopusStatusListener? = null,
) {
    init {
        val v = io.qonduit.errors.Validator()
        v.check(!interval.isZero && !interval.isNegative, "interval", interval, "must be positive")
        v.check(backoff.isFinite() && backoff >= 1.0, "backoff", backoff, "must be at least 1.0")
        maxInterval?.let { v.check(!it.isZero && !it.isNegative, "maxInterval", it, "must be positive") }
        timeout?.let { v.check(!it.isZero && !it.isNegative, "timeout", it, "must be positive") }
        v.throwIfAny()
    }

    /** The waits as a [PollCadence]: geometric from [interval], capped, the last one repeating. */
    public fun cadence(): PollCadence {
        val cap = maxInterval?.toMillis() ?: Long.MAX_VALUE
        val delays = mutableListOf<Long>()
        var next = interval.toMillis().toDouble()
        while (delays.size < MAX_STEPS) {
            val ms = minOf(next.toLong().coerceAtLeast(1), cap)
            delays += ms
            if (ms == cap || backoff == 1.0) break
            next *= backoff
        }
        return PollCadence(delays.map { it.milliseconds })
    }

    /**
     * Waits for [job] (submitting it first when it is not yet), reporting every status to
     * [listener], and returns its outputs.
     *
     * @throws JobTimeoutException when [timeout] runs out
     */
    public suspend fun await(job: Job): JobOutputProxy {
        if (job.taskId == null) job.submit()
        val done = withTimeoutOrNull(timeout?.toKotlinDuration() ?: kotlin.time.Duration.INFINITE) {
            job.track(cadence()).collect { listener?.onStatus(it) }
            true
        }
        if (done == null) throw JobTimeoutException("waiting for", listOfNotNull(job.taskId), timeout!!.toKotlinDuration(), listOf(job.state))
        return job.outputs
    }

    /** [await] for Java. */
    public fun awaitAsync(job: Job): CompletableFuture<JobOutputProxy> = JavaBridge.future { await(job) }

    /** A copy reporting to [listener]. */
    public fun withListener(listener: OqtopusStatusListener?): OqtopusPolling = OqtopusPolling(interval, backoff, maxInterval, timeout, listener)

    override fun toString(): String = "OqtopusPolling(interval=$interval, backoff=$backoff, max=$maxInterval, timeout=$timeout)"

    public companion object {
        private const val MAX_STEPS = 64

        /** The Python client's defaults: every second, up to 300 s. */
        @JvmField
        public val DEFAULT: OqtopusPolling = OqtopusPolling()

        /** Validation of a wait's parameters, shared with the batch run. */
        internal fun checkConcurrency(field: String, value: Int) {
            if (value < 1) throw ValidationException(field, value, "must be at least 1")
        }
    }
}
