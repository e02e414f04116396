package io.qonduit.job

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.SubmissionInDoubtException
import io.qonduit.errors.QonduitException
import io.qonduit.backend.boundedMap
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.jdk9.asPublisher
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withTimeoutOrNull
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * Several [Job]s run together: batch-submitted where the backend can, polled concurrently with at
 * most [maxConcurrency] requests in flight, cancelled together.
 *
 * Each child keeps its own state, outputs and history; the composite's [outputs] are the children's
 * latest outputs in child order.
 */
public class CompositeJob @JvmOverloads constructor(
    jobs: List<Job>,
    /** At most this many provider requests at once when polling, submitting or cancelling. */
    public val maxConcurrency: Int = DEFAULT_MAX_CONCURRENCY,
) : JobLike {
    /** The children, in order. */
    public val jobs: List<Job> = jobs.toList()

    private val io = Mutex()

    init {
        require(maxConcurrency >= 1) { "maxConcurrency must be at least 1, was $maxConcurrency" }
    }

    /** Children whose latest run is in flight. */
    public val activeJobs: List<Job> get() = jobs.filter { it.isActive }

    /** Children whose latest run is terminal. */
    public val terminalJobs: List<Job> get() = jobs.filter { it.state.isTerminal }

    /** Children whose latest run completed. */
    public val completedJobs: List<Job> get() = jobs.filter { it.state == JobState.COMPLETED }

    /** Children whose latest run failed. */
    public val failedJobs: List<Job> get() = jobs.filter { it.state == JobState.FAILED }

    /** Children whose latest run was cancelled. */
    public val cancelledJobs: List<Job> get() = jobs.filter { it.state == JobState.CANCELLED }

    override val completed: Boolean get() = jobs.all { it.completed }

    override val outputs: JobOutputProxy get() = JobOutputProxy(jobs.flatMap { it.outputs.all() })

    override val history: JobOutputProxy get() = JobOutputProxy(jobs.flatMap { it.history.all() })

    /** Counts of children per state now. */
    public val currentProgress: Progress get() = Progress(jobs.groupingBy { it.state }.eachCount())

    /**
     * Counts of children per state, emitted on every change and completing once every child is
     * terminal. Derived from the children's state flows: it polls nothing itself.
     */
    public val progress: Flow<Progress>
        get() = if (jobs.isEmpty()) {
            flowOf(Progress(emptyMap()))
        } else {
            combine(jobs.map { it.states }) { states -> Progress(states.toList().groupingBy { it }.eachCount()) }
                .transformWhile { emit(it); !it.isDone }
        }

    /**
     * Submits every child not yet submitted: batch-submitted where the provider can do so safely
     * (OQC's pre-allocated ids), otherwise each child through its own [Job.submit]. Each provider id
     * is recorded the moment it is known, so a failure part-way keeps what was created and a retry
     * submits only the rest; a child whose submission is in doubt goes to
     * [JobState.UNKNOWN_SUBMISSION] and is looked up, not sent again, on the next call.
     *
     * @throws SubmissionUnknownException or the first other failure, after every child was tried
     */
    override suspend fun submit(timeout: Duration): CompositeJob {
        io.withLock { submitChildren(jobs.filter { it.taskId == null && !it.state.isTerminal }, Deadline.of(timeout))?.let { throw it } }
        return this
    }

    /**
     * Runs the children that have not completed: children in flight are only polled; fresh,
     * failed or cancelled ones are (re)submitted; completed children keep their results. Then polls
     * until all are terminal and returns their outputs. [timeout] bounds the whole call.
     */
    override suspend fun execute(timeout: Duration?): JobOutputProxy = execute(timeout, rerunAll = false)

    /**
     * [execute]; with [rerunAll], completed children run again too (their earlier outputs stay in
     * their history).
     */
    public suspend fun execute(timeout: Duration?, rerunAll: Boolean): JobOutputProxy {
        val deadline = Deadline.of(timeout)
        io.withLock {
            val toRun = jobs.filter { !it.isActive && (rerunAll || !it.completed) }
            toRun.filter { it.state.isTerminal }.forEach { it.reset() }
            // Children whose submission is in doubt are looked up while waiting; other failures end here.
            submitChildren(toRun, deadline)?.takeIf { it !is SubmissionUnknownException }?.let { throw it }
        }
        wait(deadline)
        return outputs
    }

    /** Polls every active child once, each through its own [Job.refresh], at most [maxConcurrency] at once. */
    override suspend fun refresh(): CompositeJob {
        boundedMap(activeJobs, maxConcurrency) { it.refresh() }
        return this
    }

    /**
     * Polls until every child is terminal, with the slowest of the children's cadences. [timeout]
     * bounds the whole wait, every poll included.
     *
     * @throws SubmissionUnknownException when a child's submission is in doubt and still cannot be found
     */
    override suspend fun wait(timeout: Duration?): CompositeJob = wait(Deadline.of(timeout))

    private suspend fun wait(deadline: Deadline): CompositeJob {
        val done = deadline.repeatUntil(slowestCadence()) {
            val doubtful = jobs.filter { it.state == JobState.UNKNOWN_SUBMISSION }
            if (doubtful.isNotEmpty()) boundedMap(doubtful, maxConcurrency) { it.reconcile() }
            boundedMap(activeJobs, maxConcurrency) { it.refreshWhileWaiting() }
            activeJobs.isEmpty()
        }
        if (!done) throw timedOut(deadline)
        jobs.firstNotNullOfOrNull { it.submissionInDoubt }?.let { throw it }
        return this
    }

    /**
     * A cold flow that polls the children with the slowest of their cadences and emits the
     * progress on every change, completing once every child is terminal: `composite.track().collect
     * { println(it) }` drives the whole composite. Cancelling the collector stops the polling.
     */
    public fun track(): Flow<Progress> = flow {
        val cadence = slowestCadence()
        var last = currentProgress
        emit(last)
        var attempt = 0
        while (!last.isDone) {
            delay(cadence.delay(attempt++))
            refresh()
            val now = currentProgress
            if (now != last) {
                emit(now)
                last = now
            }
        }
    }

    /** [track] as a [java.util.concurrent.Flow.Publisher]; cancelling the subscription stops polling. */
    public fun trackPublisher(): java.util.concurrent.Flow.Publisher<Progress> = track().asPublisher(Dispatchers.Default)

    private fun slowestCadence(): PollCadence = jobs.map { it.cadence }.maxByOrNull { it.delay(0) } ?: PollCadence.OQC

    private fun timedOut(deadline: Deadline): JobTimeoutException {
        val active = activeJobs
        return JobTimeoutException("waiting for", active.mapNotNull { it.taskId }, deadline.timeout!!, active.map { it.state })
    }

    /** Cancels every child in flight, concurrently. */
    override suspend fun cancel(): CompositeJob {
        boundedMap(activeJobs, maxConcurrency) { it.cancel() }
        return this
    }

    /** Cancels every child still in flight; children that finished meanwhile are left alone. */
    override suspend fun cancelIfActive(): CompositeJob {
        boundedMap(activeJobs, maxConcurrency) { it.cancelIfActive() }
        return this
    }

    override fun toSnapshot(): CompositeJobSnapshot = CompositeJobSnapshot(jobs = jobs.map { it.toSnapshot() }, maxConcurrency = maxConcurrency)

    // ---- Java bridges -------------------------------------------------------------------------

    /** [submit] for Java with the default timeout. */
    override fun submitAsync(): CompletableFuture<CompositeJob> = JavaBridge.future { submit() }

    /** [submit] for Java. */
    override fun submitAsync(timeout: java.time.Duration): CompletableFuture<CompositeJob> =
        JavaBridge.future { submit(timeout.toKotlinDuration()) }

    /** [execute] for Java with the default timeout. */
    override fun executeAsync(): CompletableFuture<JobOutputProxy> = JavaBridge.future { execute() }

    /** [execute] for Java; a null timeout waits for ever. */
    override fun executeAsync(timeout: java.time.Duration?): CompletableFuture<JobOutputProxy> =
        JavaBridge.future { execute(timeout.toKotlinOrNull()) }

    /** [execute] for Java, re-running completed children too when [rerunAll]; a null timeout waits for ever. */
    public fun executeAsync(timeout: java.time.Duration?, rerunAll: Boolean): CompletableFuture<JobOutputProxy> =
        JavaBridge.future { execute(timeout.toKotlinOrNull(), rerunAll) }

    /** [refresh] for Java. */
    override fun refreshAsync(): CompletableFuture<CompositeJob> = JavaBridge.future { refresh() }

    /** [wait] for Java, with the default 10 s timeout. */
    override fun waitAsync(): CompletableFuture<CompositeJob> = JavaBridge.future { wait() }

    /** [wait] for Java; a null timeout waits for ever. */
    override fun waitAsync(timeout: java.time.Duration?): CompletableFuture<CompositeJob> =
        JavaBridge.future { wait(timeout.toKotlinOrNull()) }

    /** [cancel] for Java. */
    override fun cancelAsync(): CompletableFuture<CompositeJob> = JavaBridge.future { cancel() }

    /** [cancelIfActive] for Java. */
    override fun cancelIfActiveAsync(): CompletableFuture<CompositeJob> = JavaBridge.future { cancelIfActive() }

    /** [progress] as a [java.util.concurrent.Flow.Publisher]. */
    public fun progressPublisher(): java.util.concurrent.Flow.Publisher<Progress> = progress.asPublisher(Dispatchers.Default)

    override fun toString(): String = "CompositeJob(${jobs.size} jobs, $currentProgress)"

    /**
     * Submits [children], recording every id as it comes; returns the first failure (the others
     * suppressed in it), a [SubmissionUnknownException] only when nothing else failed, or null.
     */
    @OptIn(QonduitInternalApi::class)
    private suspend fun submitChildren(children: List<Job>, deadline: Deadline): Throwable? {
        val failures = mutableListOf<Throwable>()
        for ((backend, group) in children.groupBy { it.backend }) {
            val batched = backend.submitsInBatches && group.size > 1
            try {
                if (batched) submitBatch(backend, group, deadline) else submitEach(group, deadline)
            } catch (e: QonduitException) {
                failures += e
            }
        }
        val first = failures.firstOrNull { it !is SubmissionUnknownException } ?: failures.firstOrNull() ?: return null
        failures.filter { it !== first }.forEach { first.addSuppressed(it) }
        return first
    }

    /** Each child through its own [Job.submit] (its own lock, its own lookup of a lost reply). */
    private suspend fun submitEach(group: List<Job>, deadline: Deadline) {
        // The others are tried even when one fails; the first non-doubt failure is reported.
        val failures = boundedMap(group, maxConcurrency) { job ->
            try {
                job.submit(deadline.bounded(Job.DEFAULT_SUBMIT_TIMEOUT))
                null
            } catch (e: QonduitException) {
                e
            } catch (e: IllegalStateException) {
                null // submitted meanwhile by someone else: nothing to do
            }
        }.filterNotNull()
        (failures.firstOrNull { it !is SubmissionUnknownException } ?: failures.firstOrNull())?.let { first ->
            failures.filter { it !== first }.forEach { first.addSuppressed(it) }
            throw first
        }
    }

    /**
     * One batch call for [group], holding every child's lock (in a global order, so two composites
     * sharing children cannot deadlock). Each id is recorded as soon as the provider reports it; on a
     * failure in doubt the children not yet recorded go to [JobState.UNKNOWN_SUBMISSION] with the
     * ids allocated for them.
     */
    @OptIn(QonduitInternalApi::class)
    private suspend fun submitBatch(backend: Backend, group: List<Job>, deadline: Deadline) {
        withLocks(group.sortedBy { it.lockOrder }) {
            val fresh = group.filter { it.isFresh }
            if (fresh.isEmpty()) return@withLocks
            val recorded = BooleanArray(fresh.size)
            val sentAt = java.time.Instant.now()
            val timeout = deadline.bounded(Job.DEFAULT_SUBMIT_TIMEOUT)
            try {
                withTimeoutOrNull(timeout) {
                    backend.submitAll(fresh.map { it.input }) { i, id ->
                        fresh[i].markSubmitted(id)
                        recorded[i] = true
                    }
                } ?: run {
                    fresh.forEachIndexed { i, job ->
                        if (!recorded[i]) job.markInDoubt(sentAt, null, JobTimeoutException("submitting", emptyList(), timeout, listOf(job.state)), "the provider may still be creating it")
                    }
                    throw fresh.first { it.state == JobState.UNKNOWN_SUBMISSION }.submissionInDoubt!!
                }
            } catch (e: SubmissionInDoubtException) {
                fresh.forEachIndexed { i, job ->
                    if (!recorded[i]) job.markInDoubt(sentAt, e.candidates.getOrNull(i)?.ifEmpty { null }, e.cause, "asking the provider about the ids it allocated")
                }
                throw fresh.first { it.state == JobState.UNKNOWN_SUBMISSION }.submissionInDoubt!!
            }
        }
    }

    /**
     * Runs [block] holding the locks of [jobs], taken in order. A loop, not one nested `withLock`
     * per child: nesting overflowed the stack (and copied the list once per child) for a batch of
     * 2 000 children (FanOutBench).
     */
    private suspend fun withLocks(jobs: List<Job>, block: suspend () -> Unit) {
        val held = ArrayList<Job>(jobs.size)
        try {
            for (job in jobs) {
                job.lock()
                held += job
            }
            block()
        } finally {
            held.asReversed().forEach { it.unlock() }
        }
    }

    public companion object {
        /** Default bound on concurrent provider requests. */
        public const val DEFAULT_MAX_CONCURRENCY: Int = 8

        /** Rebuilds a composite from [snapshot], each child attached to the backend [resolver] finds. */
        @JvmStatic
        public fun fromSnapshot(snapshot: CompositeJobSnapshot, resolver: BackendResolver): CompositeJob {
            SnapshotChecks.check(snapshot)
            return CompositeJob(snapshot.jobs.map { Job.fromSnapshot(it, resolver) }, snapshot.maxConcurrency)
        }

        /** Loads a composite saved with [save]. */
        @JvmStatic
        public fun load(path: Path, vararg backends: Backend): CompositeJob {
            val snapshot = Snapshots.read(path)
            if (snapshot !is CompositeJobSnapshot) throw SnapshotException("$path holds a single job snapshot; use Job.load")
            return fromSnapshot(snapshot, BackendResolver.of(*backends))
        }
    }
}
