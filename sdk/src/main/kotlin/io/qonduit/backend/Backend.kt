package io.qonduit.backend

import io.qonduit.QonduitInternalApi
import io.qonduit.job.Diagnostics
import io.qonduit.job.JobInput
import io.qonduit.job.PollCadence
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.sync.withPermit
import java.time.Instant

/** A submitted task: the provider's id and what was submitted. */
public class TaskRef(
    /** The provider's task id. */
    public val taskId: String,
    /** What was submitted. */
    public val input: JobInput,
)

/**
 * The small interface a provider implements so that its tasks become [io.qonduit.job.Job]s.
 *
 * Only [submit], [poll] and [cancel] are required. Providers that can do better override the batch
 * operations: [submitAll] (OQC submits many tasks in one call), [pollAll] (batch status), [cancelAll].
 * Implementations must be safe for concurrent use.
 *
 * The task operations ([submit], [submitAll], [poll], [pollAll], [cancel], [cancelAll],
 * [diagnostics]) are a service-provider interface, not user API: Qonduit's own providers implement
 * them and only [io.qonduit.job.Job] and [io.qonduit.job.CompositeJob] call them, which keep a job's
 * state machine, timeouts and snapshots consistent around every call. They are therefore marked
 * [QonduitInternalApi]: they stay out of the API dump and the Java-parity rules (a Java user runs
 * tasks through `Job`/`CompositeJob` and their `…Async` twins, never through these suspend calls),
 * and they may change with the job model. A user holds a `Backend` only to hand it to a job, a
 * snapshot loader or a target; [provider] and [defaultCadence] are public for that.
 */
public interface Backend {
    /**
     * Stable name of the provider (`"local"`, `"qpi"`, `"oqc"`, ...). Snapshots record it so that a
     * saved job is reattached to a backend of the same provider.
     */
    public val provider: String

    /** How often jobs on this backend are polled by default. */
    public val defaultCadence: PollCadence get() = PollCadence.OQC

    /** Submits one task and returns the provider's task id. */
    @QonduitInternalApi
    public suspend fun submit(input: JobInput): String

    /**
     * True when [submitAll] sends many tasks in one call that is safe to repeat (OQC's pre-allocated
     * task ids); a composite then batch-submits here. Otherwise it submits each child on its own.
     */
    @QonduitInternalApi
    public val submitsInBatches: Boolean get() = false

    /**
     * Submits several tasks, in one call where the provider can, and reports each provider id to
     * [submitted] (index in [inputs], id) the moment it is known, so that a batch failing part-way
     * loses nothing it created. The default submits one after another.
     *
     * @throws SubmissionInDoubtException when the tasks may exist although the call failed
     */
    @QonduitInternalApi
    public suspend fun submitAll(inputs: List<JobInput>, submitted: (index: Int, taskId: String) -> Unit) {
        inputs.forEachIndexed { i, input -> submitted(i, submit(input)) }
    }

    /**
     * Looks for the task that a submission of [input], sent at [sentAt] but never answered, may have
     * created. [candidate] is the id the provider allocated for it beforehand, when it does (OQC);
     * [exclude] are ids that belong to other jobs. The default cannot look.
     */
    @QonduitInternalApi
    public suspend fun lookUpSubmission(input: JobInput, sentAt: Instant, candidate: String?, exclude: Set<String>): SubmissionLookup =
        SubmissionLookup.Unknown("$provider offers no way to find it: look for a task created since then in the provider's own job list")

    /** Asks the provider for the task's status, and for its result or error once terminal. */
    @QonduitInternalApi
    public suspend fun poll(task: TaskRef): TaskReport

    /**
     * Polls several tasks; reports come back in the order of [tasks]. The default polls them
     * concurrently, at most [maxConcurrency] at once; providers with a batch status call override it.
     */
    @QonduitInternalApi
    public suspend fun pollAll(tasks: List<TaskRef>, maxConcurrency: Int): List<TaskReport> =
        boundedMap(tasks, maxConcurrency) { poll(it) }

    /** Asks the provider to cancel the task. */
    @QonduitInternalApi
    public suspend fun cancel(task: TaskRef)

    /** Cancels several tasks; the default cancels them concurrently, at most [maxConcurrency] at once. */
    @QonduitInternalApi
    public suspend fun cancelAll(tasks: List<TaskRef>, maxConcurrency: Int) {
        boundedMap(tasks, maxConcurrency) { cancel(it) }
    }

    /** Timings, metrics and metadata of a finished task; the default has none. */
    @QonduitInternalApi
    public suspend fun diagnostics(task: TaskRef): Diagnostics = Diagnostics()
}

/** What a provider found when asked about a submission whose reply never came. */
public sealed class SubmissionLookup {
    /** The submission created the task [taskId]. */
    public class Found(
        /** The provider's task id. */
        public val taskId: String,
    ) : SubmissionLookup()

    /** The submission provably created nothing: sending it again is safe. */
    public object NotCreated : SubmissionLookup()

    /** The provider cannot tell (yet); [lookup] says how a person can check. */
    public class Unknown(
        /** How to look for the task at the provider. */
        public val lookup: String,
    ) : SubmissionLookup()
}

/**
 * A submission failed in a way that leaves its tasks in doubt: the request may have been acted on.
 * [candidates] are the ids the provider allocated for the tasks beforehand (by index of the inputs),
 * when it does.
 */
public class SubmissionInDoubtException(
    /** Pre-allocated ids by input index (an empty string for an input without one), or empty. */
    public val candidates: List<String>,
    cause: Throwable,
) : io.qonduit.errors.QonduitException("submission in doubt: ${cause.message}", cause)

/** Runs [block] on every item concurrently, at most [limit] at a time, keeping the order of results. */
internal suspend fun <T, R> boundedMap(items: List<T>, limit: Int, block: suspend (T) -> R): List<R> {
    require(limit >= 1) { "maxConcurrency must be at least 1, was $limit" }
    val permits = Semaphore(limit)
    return coroutineScope { items.map { async { permits.withPermit { block(it) } } }.awaitAll() }
}
