package io.qonduit.job

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.TaskReport
import io.qonduit.backend.TaskRef
import io.qonduit.backend.SubmissionInDoubtException
import io.qonduit.backend.SubmissionLookup
import io.qonduit.errors.ApiException
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.QonduitException
import io.qonduit.transport.UnreadableReplyException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.jdk9.asPublisher
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withTimeoutOrNull
import io.qonduit.program.Program
import kotlinx.serialization.json.JsonObject
import java.nio.file.Path
import java.time.Instant
import java.util.concurrent.CompletableFuture
import kotlin.time.Duration
import kotlin.time.toKotlinDuration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource

/**
 * A mutable handle on one program run on one provider, in the style of OQC's async SDK.
 *
 * A job holds its inputs, the provider's task id once submitted, the latest status, the output of
 * the latest run ([outputs]) and of every run ([history]). Running it again after it finished
 * ([execute]) starts a fresh run and keeps the earlier outputs in [history].
 *
 * Safe for concurrent use: operations that talk to the provider are serialised per job, reads never
 * block, and [status]/[states] can be collected from anywhere.
 *
 * ```
 * val job = Job(LocalBackend(), JobInput(bell, "statevector"))
 * val counts = job.execute(timeout = 30.seconds).raiseForError().resultList().single().counts("c")
 * ```
 *
 * @param backend the provider the job runs on
 * @param input what to run
 * @param fetchDiagnostics fetch timings, metrics and metadata whenever a run reaches a terminal state
 *   (failures to fetch them are ignored, so the result is never affected)
 * @param cadence poll delays; null uses the backend's default
 */
public class Job @JvmOverloads constructor(
    /** The provider this job runs on. */
    public val backend: Backend,
    input: JobInput,
    /** Whether diagnostics are fetched on terminal states. */
    public val fetchDiagnostics: Boolean = false,
    cadence: PollCadence? = null,
) : JobLike {
    /** Poll delays used by [wait] and [track]. */
    public val cadence: PollCadence = cadence ?: backend.defaultCadence

    private val guard = Any()
    private val io = Mutex()
    private var currentInput: JobInput = input
    private var currentOutput: JobOutput? = null
    private val pastOutputs = mutableListOf<JobOutput>()
    private val statusFlow = MutableStateFlow(JobStatus(JobState.CREATED))
    private var doubtful: DoubtfulSubmission? = null
    private val unreadablePollsInARow = java.util.concurrent.atomic.AtomicInteger()

    /** Lock order for operations that hold several jobs' locks (a composite's batch submission). */
    internal val lockOrder: Long = LOCK_ORDER.incrementAndGet()
    private val stateFlow = MutableStateFlow(JobState.CREATED)

    /** What the job runs (changes only through [reconfigure]). */
    public val input: JobInput get() = synchronized(guard) { currentInput }

    /** The programs, in order. */
    public val programs: List<Program> get() = input.programs

    /** The target device. */
    public val device: String get() = input.device

    /** How the job runs: shots, seed, bindings, provider settings. */
    public val options: RunOptions get() = input.options

    /** The user's label. */
    public val tag: String? get() = input.tag

    /** Everything known about the current run; collect it to follow the job live. */
    public val status: StateFlow<JobStatus> = statusFlow.asStateFlow()

    /** The unified state of the current run, as a flow. */
    public val states: StateFlow<JobState> = stateFlow.asStateFlow()

    /** The provider's task id of the current run, or null before submission. */
    public val taskId: String? get() = statusFlow.value.taskId

    /** The unified state of the current run. */
    public val state: JobState get() = statusFlow.value.state

    /** The provider's status string of the current run. */
    public val rawStatus: String? get() = statusFlow.value.rawStatus

    /** Queue position, when the provider reports it. */
    public val queuePosition: Int? get() = statusFlow.value.queuePosition

    /** Estimated start, when the provider reports it. */
    public val estimatedStart: Instant? get() = statusFlow.value.estimatedStart

    /** The result of the current run, when it completed. */
    public val result: JobResult? get() = synchronized(guard) { currentOutput as? JobResult }

    /** The error of the current run, when it failed. */
    public val error: JobError? get() = synchronized(guard) { currentOutput as? JobError }

    /** True when submitted and not yet terminal. */
    public val isActive: Boolean get() = statusFlow.value.let { it.taskId != null && !it.state.isTerminal }

    override val completed: Boolean get() = state == JobState.COMPLETED

    /** The output of the current run (empty until it finishes). */
    override val outputs: JobOutputProxy get() = synchronized(guard) { JobOutputProxy(listOfNotNull(currentOutput)) }

    /** Every output of every run, oldest first. */
    override val history: JobOutputProxy get() = synchronized(guard) { JobOutputProxy(pastOutputs.toList()) }

    /** Diagnostics of the current run, when fetched. */
    public val diagnostics: Diagnostics? get() = synchronized(guard) { currentOutput?.diagnostics }

    /** Timing breakdown of the current run, when fetched (Kotlin; Java: [timingsJson]). */
    @get:JvmSynthetic
    public val timings: JsonObject? get() = diagnostics?.timings

    /** Metrics of the current run, when fetched (Kotlin; Java: [metricsJson]). */
    @get:JvmSynthetic
    public val metrics: JsonObject? get() = diagnostics?.metrics

    /** Metadata of the current run, when fetched (Kotlin; Java: [metadataJson]). */
    @get:JvmSynthetic
    public val metadata: JsonObject? get() = diagnostics?.metadata

    /** [timings] as JSON text, when fetched. */
    public val timingsJson: String? get() = diagnostics?.timingsJson

    /** [metrics] as JSON text, when fetched. */
    public val metricsJson: String? get() = diagnostics?.metricsJson

    /** [metadata] as JSON text, when fetched. */
    public val metadataJson: String? get() = diagnostics?.metadataJson

    /**
     * Submits the job. The request is cancelled when [timeout] runs out.
     *
     * A submission whose reply never comes (a dropped connection, the timeout) is never sent again
     * blindly: the provider is asked whether it created the task; if it cannot tell, the job goes to
     * [JobState.UNKNOWN_SUBMISSION] and a [SubmissionUnknownException] says what may exist and how
     * to look it up. Submitting such a job again first looks again ([reconcile]).
     *
     * @throws IllegalStateException when already submitted (use [execute] to run again)
     * @throws SubmissionUnknownException when the submission's outcome is unknown
     */
    override suspend fun submit(timeout: Duration): Job {
        io.withLock { submitLocked(timeout) }
        return this
    }

    override suspend fun execute(timeout: Duration?): JobOutputProxy {
        val deadline = Deadline.of(timeout)
        val seen = statusFlow.value
        io.withLock {
            val now = statusFlow.value
            // Decide on the state the caller saw: a run that was in flight when execute was called, or
            // that a concurrent caller started meanwhile, is joined rather than run again.
            val needsRun = seen.taskId == null || seen.state.isTerminal
            val startedMeanwhile = now.taskId != null && now.taskId != seen.taskId
            if (needsRun && !startedMeanwhile) {
                if (now.state.isTerminal) reset()
                submitLocked(deadline.bounded(DEFAULT_SUBMIT_TIMEOUT))
            }
        }
        wait(deadline)
        return outputs
    }

    override suspend fun refresh(): Job {
        io.withLock { refreshLocked() }
        return this
    }

    /**
     * Polls until the current run is terminal. [timeout] bounds the whole wait, every poll included:
     * a stalled provider cannot hold the call past it.
     *
     * @throws JobTimeoutException when [timeout] (null = never) runs out
     * @throws SubmissionUnknownException when the job's submission is in doubt and still cannot be found
     */
    override suspend fun wait(timeout: Duration?): Job = wait(Deadline.of(timeout))

    private suspend fun wait(deadline: Deadline): Job {
        val done = deadline.repeatUntil(cadence) {
            if (statusFlow.value.state == JobState.UNKNOWN_SUBMISSION) {
                reconcile()
                doubtful?.let { throw it.exception() }
            }
            refreshWhileWaiting()
            val now = statusFlow.value
            if (!now.state.isTerminal) checkNotNull(now.taskId) { "job was never submitted: call submit() or execute()" }
            now.state.isTerminal
        }
        if (!done) throw timedOut(deadline)
        return this
    }

    /**
     * [refresh] for a waiting loop (this job's or a composite's): a garbled answer to a status poll
     * (a GET, safe to repeat) is no news, asked again at the next tick; only a provider that keeps
     * answering garbage, [MAX_UNREADABLE_POLLS_IN_A_ROW] times in a row, fails the wait with it.
     */
    internal suspend fun refreshWhileWaiting() {
        try {
            refresh()
            unreadablePollsInARow.set(0)
        } catch (e: UnreadableReplyException) {
            if (unreadablePollsInARow.incrementAndGet() > MAX_UNREADABLE_POLLS_IN_A_ROW) {
                unreadablePollsInARow.set(0)
                throw e
            }
        }
    }

    private fun timedOut(deadline: Deadline): JobTimeoutException {
        val now = statusFlow.value
        return JobTimeoutException("waiting for", listOfNotNull(now.taskId), deadline.timeout!!, listOf(now.state))
    }

    /**
     * For a job in [JobState.UNKNOWN_SUBMISSION]: asks the provider again whether the submission
     * created a task. Found, the job follows that task; provably not created, the job is CREATED
     * again and may be submitted; still unknown, nothing changes. Other jobs are left alone.
     */
    public suspend fun reconcile(): Job {
        io.withLock { reconcileLocked() }
        return this
    }

    /**
     * For a job in [JobState.UNKNOWN_SUBMISSION]: forgets the submission in doubt so that the job
     * can be submitted again — the caller's decision that nothing was created, or that a duplicate
     * is acceptable. History is kept.
     *
     * @throws IllegalStateException when the job is not in [JobState.UNKNOWN_SUBMISSION]
     */
    public suspend fun discardSubmission(): Job {
        io.withLock {
            check(statusFlow.value.state == JobState.UNKNOWN_SUBMISSION) { "job is ${statusFlow.value.state}, not UNKNOWN_SUBMISSION" }
            synchronized(guard) {
                doubtful = null
                publish(JobStatus(JobState.CREATED))
            }
        }
        return this
    }

    /** [reconcile] for Java. */
    public fun reconcileAsync(): CompletableFuture<Job> = JavaBridge.future { reconcile() }

    /** [discardSubmission] for Java. */
    public fun discardSubmissionAsync(): CompletableFuture<Job> = JavaBridge.future { discardSubmission() }

    /** The submission in doubt, when the job is in [JobState.UNKNOWN_SUBMISSION]: what may exist and how to look. */
    public val submissionInDoubt: SubmissionUnknownException? get() = synchronized(guard) { doubtful?.exception() }

    /**
     * Cancels the current run at the provider, then polls once to learn the resulting state.
     *
     * @throws IllegalStateException when the job was never submitted or is already terminal
     */
    @OptIn(QonduitInternalApi::class)
    override suspend fun cancel(): Job {
        io.withLock {
            val now = statusFlow.value
            val id = checkNotNull(now.taskId) { "job was never submitted; nothing to cancel" }
            check(!now.state.isTerminal) { "job $id is already ${now.state}" }
            backend.cancel(TaskRef(id, input))
            refreshLocked()
        }
        return this
    }

    /** Cancels the current run if it is in flight; does nothing for fresh or terminal jobs. */
    @OptIn(QonduitInternalApi::class)
    override suspend fun cancelIfActive(): Job {
        io.withLock {
            val now = statusFlow.value
            val id = now.taskId
            if (id == null || now.state.isTerminal) return this
            try {
                backend.cancel(TaskRef(id, input))
            } catch (e: ApiException) {
                // The run may have finished between our last poll and the cancel request.
                refreshLocked()
                if (state.isTerminal) return this
                throw e
            }
            refreshLocked()
        }
        return this
    }

    /**
     * Prepares the job for a fresh run: takes the inputs of [memento] (an earlier output) when given,
     * applies the overrides, clears the task id and sets the state to [JobState.CREATED]. History is
     * kept. A run still in flight is abandoned, not cancelled.
     *
     * @param programs new programs; program `i` keeps the shots and bindings of item `i`, if any
     */
    @JvmSynthetic
    public suspend fun reconfigure(
        memento: JobOutput? = null,
        programs: List<Program>? = null,
        device: String? = null,
        options: RunOptions? = null,
        tag: String? = null,
    ): Job {
        // Under the job's lock: a submission in progress finishes with the inputs it started with.
        io.withLock { reconfigureLocked(memento, programs, device, options, tag) }
        return this
    }

    /** [reconfigure] for Java; every argument may be null (keep the current value). */
    @JvmOverloads
    public fun reconfigureAsync(
        memento: JobOutput? = null,
        programs: List<Program>? = null,
        device: String? = null,
        options: RunOptions? = null,
        tag: String? = null,
    ): CompletableFuture<Job> = JavaBridge.future { reconfigure(memento, programs, device, options, tag) }

    private fun reconfigureLocked(memento: JobOutput?, programs: List<Program>?, device: String?, options: RunOptions?, tag: String?) {
        synchronized(guard) {
            check(statusFlow.value.state != JobState.UNKNOWN_SUBMISSION) {
                "the job's last submission is in doubt: reconcile() or discardSubmission() before reconfiguring"
            }
            val base = memento?.input ?: currentInput
            val items = programs?.mapIndexed { i, p -> base.items.getOrNull(i)?.let { RunItem(p, it.shots, it.bindings) } ?: RunItem(p) }
            currentInput = base.with(items, device, options, tag)
            currentOutput = null
            publish(JobStatus(JobState.CREATED))
        }
    }

    /** Throws a [JobFailedException] when the current run failed; returns this job otherwise. */
    public fun raiseForStatus(): Job {
        if (state == JobState.FAILED) {
            throw error?.toException() ?: JobFailedException(taskId, device, null, rawStatus)
        }
        return this
    }

    /**
     * A cold flow that polls the provider with [cadence] and emits each new status until the job is
     * terminal. For a job not yet submitted it first waits for the submission. Cancelling the
     * collector stops the polling.
     */
    public fun track(cadence: PollCadence = this.cadence): Flow<JobStatus> = flow {
        var last = statusFlow.first { it.taskId != null || it.state.isTerminal }
        emit(last)
        var attempt = 0
        while (!last.state.isTerminal) {
            delay(cadence.delay(attempt++))
            refresh()
            val now = statusFlow.value
            if (now != last) {
                emit(now)
                last = now
            }
        }
    }

    override fun toSnapshot(): JobSnapshot = synchronized(guard) {
        val now = statusFlow.value
        JobSnapshot(
            provider = backend.provider,
            input = currentInput,
            taskId = now.taskId,
            state = now.state,
            rawStatus = now.rawStatus,
            fetchDiagnostics = fetchDiagnostics,
            cadenceMillis = cadence.delays().map { it.inWholeMilliseconds },
            submissionInDoubt = doubtful?.let { DoubtfulSubmissionSnapshot(it.sentAt.toString(), it.candidate, it.lookup) },
            output = currentOutput?.takeIf { it !== pastOutputs.lastOrNull() }?.let { OutputSnapshot.of(it) },
            outputIsLatest = currentOutput != null && currentOutput === pastOutputs.lastOrNull(),
            history = pastOutputs.map { OutputSnapshot.of(it) },
        )
    }

    // ---- Java bridges -------------------------------------------------------------------------

    /** [submit] for Java, with the default 30 s timeout. */
    override fun submitAsync(): CompletableFuture<Job> = JavaBridge.future { submit() }

    /** [submit] for Java. */
    override fun submitAsync(timeout: java.time.Duration): CompletableFuture<Job> =
        JavaBridge.future { submit(timeout.toKotlinDuration()) }

    /** [execute] for Java, with the default 10 s timeout. */
    override fun executeAsync(): CompletableFuture<JobOutputProxy> = JavaBridge.future { execute() }

    /** [execute] for Java; a null timeout waits for ever. */
    override fun executeAsync(timeout: java.time.Duration?): CompletableFuture<JobOutputProxy> =
        JavaBridge.future { execute(timeout.toKotlinOrNull()) }

    /** [refresh] for Java. */
    override fun refreshAsync(): CompletableFuture<Job> = JavaBridge.future { refresh() }

    /** [wait] for Java, with the default 10 s timeout. */
    override fun waitAsync(): CompletableFuture<Job> = JavaBridge.future { wait() }

    /** [wait] for Java; a null timeout waits for ever. */
    override fun waitAsync(timeout: java.time.Duration?): CompletableFuture<Job> =
        JavaBridge.future { wait(timeout.toKotlinOrNull()) }

    /** [cancel] for Java. */
    override fun cancelAsync(): CompletableFuture<Job> = JavaBridge.future { cancel() }

    /** [cancelIfActive] for Java. */
    override fun cancelIfActiveAsync(): CompletableFuture<Job> = JavaBridge.future { cancelIfActive() }

    /**
     * [status] as a [java.util.concurrent.Flow.Publisher]: the current status, each change (state,
     * queue position, ...), completing after a terminal one. It only observes: nothing polls unless
     * the job is waited for, tracked or refreshed.
     */
    public fun statusPublisher(): java.util.concurrent.Flow.Publisher<JobStatus> =
        status.transformWhile { emit(it); !it.state.isTerminal }.asPublisher(Dispatchers.Default)

    /** The states of this job as a [java.util.concurrent.Flow.Publisher]: the current one, each change, completing after a terminal state. */
    public fun statesPublisher(): java.util.concurrent.Flow.Publisher<JobState> =
        states.transformWhile { emit(it); !it.isTerminal }.asPublisher(Dispatchers.Default)

    /** [track] as a [java.util.concurrent.Flow.Publisher]; cancelling the subscription stops polling. */
    public fun trackPublisher(): java.util.concurrent.Flow.Publisher<JobStatus> = track().asPublisher(Dispatchers.Default)

    override fun toString(): String = "Job(provider=${backend.provider}, device=$device, status=${statusFlow.value})"

    // ---- internals ----------------------------------------------------------------------------

    @OptIn(QonduitInternalApi::class)
    private suspend fun submitLocked(timeout: Duration) {
        if (statusFlow.value.state == JobState.UNKNOWN_SUBMISSION) {
            reconcileLocked()
            doubtful?.let { throw it.exception() }
            if (statusFlow.value.taskId != null) return // the submission in doubt had created the task
        }
        val now = statusFlow.value
        check(now.taskId == null) { "job already submitted as task ${now.taskId}; call execute() to run it again, or reconfigure() first" }
        val submitted = input
        val sentAt = Instant.now()
        val started = TimeSource.Monotonic.markNow()
        val id = try {
            withTimeoutOrNull(timeout) { backend.submit(submitted) }
        } catch (e: ConnectionException) {
            if (!e.requestMayHaveArrived) throw e // provably never sent: nothing to look for
            // The reply was lost: the provider may have acted. Look, with the time left.
            settleInDoubt(sentAt, null, e, timeout - started.elapsedNow())
            return
        } catch (e: SubmissionInDoubtException) {
            settleInDoubt(sentAt, e.candidates.firstOrNull(), e.cause ?: e, timeout - started.elapsedNow())
            return
        } catch (e: UnreadableReplyException) {
            // The server accepted the submission but its answer (the id) is unreadable: look it up.
            settleInDoubt(sentAt, null, e, timeout - started.elapsedNow())
            return
        }
        if (id == null) {
            // The request was cancelled at the deadline, but the provider may still act on it: no
            // time is left to look now, so the job records the doubt for reconcile().
            markInDoubt(sentAt, null, JobTimeoutException("submitting", emptyList(), timeout, listOf(now.state)), "the provider may still be creating it")
            throw doubtful!!.exception()
        }
        markSubmitted(id)
    }

    /** Looks up a submission in doubt within [timeLeft]; unless found or provably absent, records the doubt and throws. */
    private suspend fun settleInDoubt(sentAt: Instant, candidate: String?, cause: Throwable, timeLeft: Duration) {
        markInDoubt(sentAt, candidate, cause, "looking it up")
        if (timeLeft.isPositive()) withTimeoutOrNull(timeLeft) { reconcileLocked() }
        doubtful?.let { throw it.exception() }
        if (statusFlow.value.taskId == null) {
            throw cause as? QonduitException ?: QonduitException("submission failed: ${cause.message}", cause) // provably not created
        }
    }

    /** Records a submission whose outcome is unknown: the job goes to [JobState.UNKNOWN_SUBMISSION]. */
    internal fun markInDoubt(sentAt: Instant, candidate: String?, cause: Throwable?, lookup: String) {
        synchronized(guard) { recordDoubt(DoubtfulSubmission(backend.provider, input.device, sentAt, candidate, lookup, cause)) }
    }

    /** Sets the submission in doubt and publishes [JobState.UNKNOWN_SUBMISSION] with how to look it up (holding [guard]). */
    private fun recordDoubt(doubt: DoubtfulSubmission) {
        doubtful = doubt
        publish(JobStatus(JobState.UNKNOWN_SUBMISSION, message = doubt.lookup))
    }

    @OptIn(QonduitInternalApi::class)
    private suspend fun reconcileLocked() {
        val pending = synchronized(guard) { doubtful } ?: return
        val exclude = synchronized(guard) { pastOutputs.mapNotNullTo(HashSet()) { it.taskId } } + ClaimedTasks.of(backend.provider)
        val lookup = try {
            backend.lookUpSubmission(input, pending.sentAt, pending.candidate, exclude)
        } catch (e: QonduitException) {
            SubmissionLookup.Unknown("looking it up failed (${e.message}); try reconcile() again")
        }
        synchronized(guard) {
            if (doubtful !== pending) return
            when (lookup) {
                is SubmissionLookup.Found -> if (ClaimedTasks.claim(backend.provider, lookup.taskId)) {
                    doubtful = null
                    publish(JobStatus(JobState.QUEUED, lookup.taskId))
                } else {
                    // Another job of this process took that task first (same program): look again later.
                    recordDoubt(pending.copy(lookup = "task ${lookup.taskId} matched but another job follows it; looking again"))
                }
                SubmissionLookup.NotCreated -> {
                    doubtful = null
                    publish(JobStatus(JobState.CREATED))
                }
                is SubmissionLookup.Unknown -> recordDoubt(pending.copy(lookup = lookup.lookup))
            }
        }
    }

    /** Records that the current inputs were accepted as task [id] (also used by batch submission). */
    internal fun markSubmitted(id: String) {
        synchronized(guard) {
            ClaimedTasks.claim(backend.provider, id)
            publish(JobStatus(JobState.QUEUED, id))
        }
    }

    /** Takes this job's lock (a composite's batch submission holds its children's); pair with [unlock]. */
    internal suspend fun lock(): Unit = io.lock()

    /** Releases the lock taken by [lock]. */
    internal fun unlock(): Unit = io.unlock()

    /** Whether the job has never been submitted (and no submission is in doubt). */
    internal val isFresh: Boolean get() = statusFlow.value.let { it.taskId == null && it.state == JobState.CREATED }

    /** Clears the current run so that it can be submitted again; history stays. */
    internal fun reset() {
        synchronized(guard) {
            if (statusFlow.value.state == JobState.UNKNOWN_SUBMISSION) return // never forget a submission in doubt
            currentOutput = null
            publish(JobStatus(JobState.CREATED))
        }
    }

    @OptIn(QonduitInternalApi::class)
    private suspend fun refreshLocked() {
        val now = statusFlow.value
        val id = now.taskId ?: return
        if (now.state.isTerminal) return
        val submitted = input
        applyReport(id, submitted, backend.poll(TaskRef(id, submitted)))
    }

    /**
     * Applies what the provider said about task [id]. Stale reports (the job was reset or already
     * terminal meanwhile) are dropped, so concurrent pollers cannot record an output twice.
     */
    internal suspend fun applyReport(id: String, submitted: JobInput, report: TaskReport) {
        val before = statusFlow.value
        if (before.taskId != id || before.state.isTerminal) return
        var state = report.state ?: before.state
        if (state == JobState.COMPLETED && report.result == null) state = before.state // result not there yet
        val output = if (state.isTerminal) outputFor(id, submitted, state, report) else null
        synchronized(guard) {
            val current = statusFlow.value
            if (current.taskId != id || current.state.isTerminal) return
            if (output != null) {
                currentOutput = output
                pastOutputs += output
            }
            publish(JobStatus(state, id, report.rawStatus, report.queuePosition, report.estimatedStart, report.message))
        }
    }

    private suspend fun outputFor(id: String, submitted: JobInput, state: JobState, report: TaskReport): JobOutput? {
        if (state == JobState.CANCELLED) return null
        val diagnostics = if (fetchDiagnostics) fetchDiagnosticsQuietly(TaskRef(id, submitted)) else null
        val received = Instant.now()
        return if (state == JobState.COMPLETED) {
            val result = report.result!!
            JobResult(id, submitted, received, diagnostics, result.items)
        } else {
            val error = report.error
            JobError(id, submitted, received, diagnostics, error?.code, error?.message ?: "failed (provider status ${report.rawStatus})")
        }
    }

    @OptIn(QonduitInternalApi::class)
    private suspend fun fetchDiagnosticsQuietly(task: TaskRef): Diagnostics? = try {
        backend.diagnostics(task)
    } catch (e: CancellationException) {
        throw e
    } catch (e: Exception) {
        null // diagnostics never affect the result (OQC's documented behaviour)
    }

    private fun publish(status: JobStatus) {
        statusFlow.value = status
        stateFlow.value = status.state
    }

    public companion object {
        internal val DEFAULT_SUBMIT_TIMEOUT: Duration = 30.seconds
        private val LOCK_ORDER = java.util.concurrent.atomic.AtomicLong()

        /** A handle on a task that already exists at the provider (e.g. a job id the user kept). */
        internal fun attach(backend: Backend, input: JobInput, taskId: String): Job =
            Job(backend, input).also { it.markSubmitted(taskId) }

        /** Rebuilds a job from [snapshot], attached to the backend [resolver] finds for its provider. */
        @JvmStatic
        public fun fromSnapshot(snapshot: JobSnapshot, resolver: BackendResolver): Job {
            SnapshotChecks.check(snapshot)
            val backend = Snapshots.backend(resolver, snapshot.provider)
            val cadence = snapshot.cadenceMillis.takeIf { it.isNotEmpty() }?.let { ms -> PollCadence(ms.map { it.milliseconds }) }
            val job = Job(backend, snapshot.input, snapshot.fetchDiagnostics, cadence)
            synchronized(job.guard) {
                job.pastOutputs += snapshot.history.map { it.restore() }
                job.currentOutput = if (snapshot.outputIsLatest) {
                    job.pastOutputs.last() // SnapshotChecks: the history is not empty
                } else {
                    snapshot.output?.let { saved ->
                        job.pastOutputs.lastOrNull { it.taskId == saved.taskId && it.received == saved.received } ?: saved.restore()
                    }
                }
                job.doubtful = snapshot.submissionInDoubt?.let {
                    DoubtfulSubmission(backend.provider, snapshot.input.device, Instant.parse(it.sentAt), it.candidate, it.lookup, null)
                }
                snapshot.taskId?.let { ClaimedTasks.claim(backend.provider, it) }
                job.publish(JobStatus(snapshot.state, snapshot.taskId, snapshot.rawStatus))
            }
            return job
        }

        /** Rebuilds a job from [snapshot] on [backend]. */
        @JvmStatic
        public fun fromSnapshot(snapshot: JobSnapshot, backend: Backend): Job = fromSnapshot(snapshot, BackendResolver.of(backend))

        /** Loads a job saved with [save]. @throws SnapshotException when the file holds a composite */
        @JvmStatic
        public fun load(path: Path, backend: Backend): Job {
            val snapshot = Snapshots.read(path)
            if (snapshot !is JobSnapshot) throw SnapshotException("$path holds a composite job snapshot; use CompositeJob.load")
            return fromSnapshot(snapshot, backend)
        }
    }
}

/** Garbled status answers in a row that a job's wait polls past before failing with the last one. */
private const val MAX_UNREADABLE_POLLS_IN_A_ROW = 3
