package io.qonduit.local

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.ErrorData
import io.qonduit.backend.ResultData
import io.qonduit.backend.TaskRef
import io.qonduit.backend.TaskReport
import io.qonduit.errors.Validator
import io.qonduit.job.CompositeJob
import io.qonduit.job.Diagnostics
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.job.JobState
import io.qonduit.job.PollCadence
import io.qonduit.job.PlannedRun
import io.qonduit.job.ResultItem
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.Bindings
import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program
import io.qonduit.backend.ProgramTexts
import io.qonduit.circuit.Circuit
import io.qonduit.circuit.QasmException
import io.qonduit.simulator.StateVectorSimulator
import io.qonduit.target.Target
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.job
import java.util.function.BooleanSupplier
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toKotlinDuration

/**
 * The embedded default: runs programs in this process on the state-vector simulator, through the
 * same lifecycle as a cloud provider (queued → running → completed), so tracking code is exercised
 * without an account. A [Target] with one device, [DEVICE].
 *
 * One task runs every item of its input: each program × binding is one result item, with counts per
 * classical register. Shots: 1..[MAX_SHOTS], default [DEFAULT_SHOTS]; [RunOptions.seed] (or the
 * backend's [seed]) makes counts reproducible. Programs wider than [MAX_QUBITS] are refused when the
 * job is created or submitted.
 *
 * Every failure is terminal: a program that does not parse makes the job FAILED with the line and
 * column of the error, as a cloud provider would, and so does anything else the simulation throws
 * (out of memory, stack overflow, …), with its message. [cancel] stops a running simulation within
 * one operation or shot. After [close], submitting throws and unfinished tasks report CANCELLED.
 */
public class LocalBackend @JvmOverloads constructor(
    /** Seed for jobs that set none; null draws a fresh seed per job. */
    private val seed: Long? = null,
    /** Time a job spends queued before it starts. */
    queuedDelay: java.time.Duration = java.time.Duration.ofMillis(20),
    /** Minimum time a job spends running (simulation may take longer). */
    runningDelay: java.time.Duration = java.time.Duration.ofMillis(20),
) : Backend, Target, AutoCloseable {
    private val queuedFor: Duration = queuedDelay.toKotlinDuration()
    private val runningFor: Duration = runningDelay.toKotlinDuration()
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default + CoroutineName("qonduit-local"))
    private val tasks = ConcurrentHashMap<String, LocalTask>()
    private val seeds = AtomicLong(seed ?: System.nanoTime())

    @Volatile
    private var closed = false

    override val provider: String get() = PROVIDER

    override val device: String get() = DEVICE

    override val defaultCadence: PollCadence = PollCadence.ofMillis(10, 20, 50, 100, 200)

    /**
     * Starts a task running [input] and returns its id.
     *
     * @throws IllegalStateException after [close]
     * @throws io.qonduit.errors.ValidationException for bad shots, bindings or programs wider than [MAX_QUBITS]
     */
    @QonduitInternalApi
    override suspend fun submit(input: JobInput): String {
        check(!closed) { CLOSED }
        check(input)
        val id = UUID.randomUUID().toString()
        val task = LocalTask(id)
        tasks[id] = task
        val run = scope.launch { execute(task, input) }
        task.run = run
        // A task whose coroutine ends without a terminal state (a close() racing this submit) is not left QUEUED.
        run.invokeOnCompletion { cause -> if (cause != null) task.cancel(CLOSED_BEFORE_FINISH) }
        return id
    }

    @QonduitInternalApi
    override suspend fun poll(task: TaskRef): TaskReport {
        val local = tasks[task.taskId] ?: return TaskReport(
            JobState.FAILED, "UNKNOWN_TASK",
            error = ErrorData("task ${task.taskId} is not known to this local backend (local tasks live only as long as the process that ran them)"),
        )
        return local.report()
    }

    /** Marks the task CANCELLED and stops its simulation at the next operation or shot (the CPU work ends, not only the label). */
    @QonduitInternalApi
    override suspend fun cancel(task: TaskRef) {
        val local = tasks[task.taskId] ?: throw IllegalStateException("task ${task.taskId} is not known to this local backend")
        if (local.cancel()) local.run?.cancel()
    }

    /**
     * Whether the simulation of [taskId] is still executing (its coroutine has not returned). Unlike
     * the task's state, which cancel() sets at once, this shows whether the CPU work has really ended.
     */
    internal fun isSimulating(taskId: String): Boolean = tasks[taskId]?.run?.isCompleted == false

    @QonduitInternalApi
    override suspend fun diagnostics(task: TaskRef): Diagnostics = tasks[task.taskId]?.diagnostics() ?: Diagnostics()

    /**
     * One local job running every item, not yet submitted.
     *
     * @throws io.qonduit.errors.ValidationException for bad shots, bindings or programs wider than [MAX_QUBITS]
     */
    override fun create(items: List<RunItem>, options: RunOptions, tag: String?): Job =
        Job(this, JobInput(items, DEVICE, options, tag).also { check(it) })

    /**
     * A job for [program] on this backend, not yet submitted.
     *
     * @throws io.qonduit.errors.ValidationException for bad shots, bindings or programs wider than [MAX_QUBITS]
     */
    @JvmOverloads
    public fun createJob(
        program: Program,
        shots: Int = DEFAULT_SHOTS,
        bindings: Bindings = Bindings.NONE,
        tag: String? = null,
        fetchDiagnostics: Boolean = false,
    ): Job {
        val input = JobInput(listOf(RunItem(program, bindings = bindings)), DEVICE, RunOptions.shots(shots), tag).also { check(it) }
        return Job(this, input, fetchDiagnostics)
    }

    /** One job per program, as a composite, not yet submitted. */
    @JvmOverloads
    public fun createJobs(programs: List<Program>, shots: Int = DEFAULT_SHOTS, fetchDiagnostics: Boolean = false): CompositeJob =
        CompositeJob(programs.map { createJob(it, shots, fetchDiagnostics = fetchDiagnostics) })

    /**
     * Stops every task: running simulations stop at their next check, and tasks not finished yet report
     * CANCELLED (with the message [CLOSED_BEFORE_FINISH]) — the user stopped them, the programs did not
     * fail. Finished tasks keep their state; submitting afterwards throws [IllegalStateException].
     */
    override fun close() {
        closed = true
        scope.cancel()
        tasks.values.forEach { it.cancel(CLOSED_BEFORE_FINISH) }
    }

    override fun toString(): String = "LocalBackend(seed=$seed, tasks=${tasks.size})"

    private fun check(input: JobInput) {
        val v = Validator()
        v.check(input.device == DEVICE, "device", input.device, "the local backend has one device, \"$DEVICE\"")
        input.checkBindings(v)
        input.items.forEachIndexed { i, item ->
            val shots = item.shotsUnder(input.options, DEFAULT_SHOTS)
            v.check(shots in 1..MAX_SHOTS, if (item.shots != null) "programs[$i].shots" else "options.shots", shots, "must be in 1..$MAX_SHOTS")
        }
        input.options.provider?.let { v.fail("options.provider", it.provider, "the local backend takes no provider options") }
        if (input.options.raw.isNotEmpty()) v.fail("options.raw", input.options.raw.keys, "the local backend takes no raw settings")
        input.items.forEachIndexed { i, item ->
            when (val program = item.program) {
                is Circuit, is OpenQasmProgram -> widthOf(program)?.let { qubits ->
                    v.check(qubits <= MAX_QUBITS, "programs[$i].qubits", qubits, "the local simulator runs at most $MAX_QUBITS qubits")
                }
                else -> v.fail("programs[$i]", program.toString(), "the local simulator runs OpenQASM programs and circuits")
            }
        }
        v.throwIfAny()
    }

    /** Qubits of [program]; null for OpenQASM text that does not parse, which fails the job with the position instead. */
    private fun widthOf(program: Program): Int? = ProgramTexts.circuitOrNull(program)?.numQubits

    /**
     * Runs the task to a terminal state. Anything the simulation throws becomes FAILED with its message
     * (Errors included: they are recorded, not rethrown into the scope); only this coroutine's own
     * cancellation propagates, and the task is CANCELLED already by then.
     */
    private suspend fun execute(task: LocalTask, input: JobInput) {
        delay(queuedFor)
        if (!task.start()) return
        val startedAt = System.nanoTime()
        val job = currentCoroutineContext().job
        val stop = BooleanSupplier { !job.isActive }
        val seed = input.options.seed ?: seeds.getAndIncrement()
        var failure: String? = null
        var current: PlannedRun? = null
        var width: Int? = null
        val data = try {
            val simulator = StateVectorSimulator(seed)
            ResultData(input.plan().map { run ->
                current = run
                width = null
                val circuit = circuitOf(run)
                width = circuit.numQubits
                simulate(simulator, run, circuit, input.options, stop)
            })
        } catch (e: Throwable) {
            if (e is CancellationException && !job.isActive) throw e
            failure = describe(e, current, width)
            null
        }
        val elapsed = (System.nanoTime() - startedAt).let { it / 1_000_000 }.milliseconds
        if (elapsed < runningFor) delay(runningFor - elapsed)
        if (data != null) task.complete(data, elapsed) else task.fail(failure!!, elapsed)
    }

    /**
     * Parse and argument errors speak for themselves (line and column, the unbound parameter); anything
     * else names the program it stopped and what it was.
     */
    private fun describe(e: Throwable, run: PlannedRun?, qubits: Int?): String {
        if (e is QasmException || e is IllegalArgumentException) return e.message ?: e.toString()
        val where = run?.let { "programs[${it.programIndex}]: " } ?: ""
        if (e !is OutOfMemoryError) return "${where}the simulation failed: $e"
        val need = qubits?.let { "; its state vector of $it qubits needs ${(16L shl it) shr 20} MiB" } ?: ""
        return "${where}the simulation ran out of memory (${e.message})$need"
    }

    private fun circuitOf(run: PlannedRun): Circuit = when (val program = run.program) {
        is Circuit -> program
        is OpenQasmProgram -> program.toCircuit() // a syntax error fails the job, as on a cloud
        else -> throw IllegalArgumentException("programs[${run.programIndex}]: the local simulator runs OpenQASM programs and circuits, not $program")
    }

    private fun simulate(simulator: StateVectorSimulator, run: PlannedRun, circuit: Circuit, options: RunOptions, stop: BooleanSupplier): ResultItem {
        val shots = run.item.shotsUnder(options, DEFAULT_SHOTS)
        val simulation = simulator.run(circuit, shots, run.binding, stop)
        return ResultItem(run, shots, simulation.counts.mapValues { (_, c) -> c.mapValues { it.value.toLong() } })
    }

    public companion object {
        /** Provider name recorded in snapshots. */
        public const val PROVIDER: String = "local"

        /** The one device of this backend. */
        public const val DEVICE: String = "statevector"

        /** Shots when none are given. */
        public const val DEFAULT_SHOTS: Int = 1024

        /** Most shots one job may ask for. */
        public const val MAX_SHOTS: Int = 10_000_000

        /** Widest program accepted: the simulator's [StateVectorSimulator.MAX_QUBITS]. */
        public const val MAX_QUBITS: Int = StateVectorSimulator.MAX_QUBITS

        /** Status message of a task that [close] stopped before it finished. */
        public const val CLOSED_BEFORE_FINISH: String = "the LocalBackend was closed before this task finished"

        private const val CLOSED = "this LocalBackend is closed"
    }
}
