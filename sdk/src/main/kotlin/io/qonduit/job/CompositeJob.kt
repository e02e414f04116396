package io.qonduit.job

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.TaskRef
import io.qonduit.backend.boundedMap
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.combine
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
import kotlin.time.TimeSource

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

    /** Batch-submits every child not yet submitted. */
    override suspend fun submit(timeout: Duration): CompositeJob {
        io.withLock { submitChildren(jobs.filter { it.taskId == null && !it.state.isTerminal }, timeout) }
        return this
    }

    /**
     * Runs every child: children in flight are only polled; fresh or terminal children are reset and
     * batch-submitted. Then polls until all are terminal and returns their outputs.
     *
     * @param timeout how long to wait for all children; null waits for ever
     */
    override suspend fun execute(timeout: Duration?): JobOutputProxy {
        io.withLock {
            val toRun = jobs.filter { !it.isActive }
            toRun.filter { it.state.isTerminal }.forEach { it.reset() }
            submitChildren(toRun, Job.DEFAULT_SUBMIT_TIMEOUT)
        }
        wait(timeout)
        return outputs
    }

    /** Polls every active child once, batching per backend. */
    @OptIn(QonduitInternalApi::class)
    override suspend fun refresh(): CompositeJob {
        // Read each child's task once: a child reset meanwhile is skipped, and a stale report is
        // dropped by applyReport.
        val polled = jobs.mapNotNull { job ->
            val status = job.status.value
            if (status.taskId == null || status.state.isTerminal) null else job to TaskRef(status.taskId, job.input)
        }
        for ((backend, group) in polled.groupBy { it.first.backend }) {
            val reports = backend.pollAll(group.map { it.second }, maxConcurrency)
            group.forEachIndexed { i, (job, ref) -> job.applyReport(ref.taskId, ref.input, reports[i]) }
        }
        return this
    }

    /** Polls until every child is terminal, with the slowest of the children's cadences. */
    override suspend fun wait(timeout: Duration?): CompositeJob {
        val started = TimeSource.Monotonic.markNow()
        val cadence = jobs.map { it.cadence }.maxByOrNull { it.delay(0) } ?: PollCadence.OQC
        var attempt = 0
        while (true) {
            refresh()
            val active = activeJobs
            if (active.isEmpty()) return this
            var pause = cadence.delay(attempt++)
            if (timeout != null) {
                val left = timeout - started.elapsedNow()
                if (!left.isPositive()) {
                    throw JobTimeoutException("waiting for", active.mapNotNull { it.taskId }, timeout, active.map { it.state })
                }
                pause = minOf(pause, left)
            }
            delay(pause)
        }
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

    @OptIn(QonduitInternalApi::class)
    private suspend fun submitChildren(children: List<Job>, timeout: Duration) {
        for ((backend, group) in children.groupBy { it.backend }) {
            val ids = withTimeoutOrNull(timeout) { backend.submitAll(group.map { it.input }) }
                ?: throw JobTimeoutException("submitting", emptyList(), timeout, group.map { it.state })
            check(ids.size == group.size) { "backend ${backend.provider} returned ${ids.size} ids for ${group.size} tasks" }
            group.zip(ids).forEach { (job, id) -> job.markSubmitted(id) }
        }
    }

    public companion object {
        /** Default bound on concurrent provider requests. */
        public const val DEFAULT_MAX_CONCURRENCY: Int = 8

        /** Rebuilds a composite from [snapshot], each child attached to the backend [resolver] finds. */
        @JvmStatic
        public fun fromSnapshot(snapshot: CompositeJobSnapshot, resolver: BackendResolver): CompositeJob =
            CompositeJob(snapshot.jobs.map { Job.fromSnapshot(it, resolver) }, snapshot.maxConcurrency)

        /** Loads a composite saved with [save]. */
        @JvmStatic
        public fun load(path: Path, vararg backends: Backend): CompositeJob {
            val snapshot = Snapshots.read(path)
            if (snapshot !is CompositeJobSnapshot) throw SnapshotException("$path holds a single job snapshot; use Job.load")
            return fromSnapshot(snapshot, BackendResolver.of(*backends))
        }
    }
}
