package io.qonduit.local

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
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException
import io.qonduit.simulator.StateVectorSimulator
import io.qonduit.target.Target
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
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
 * backend's [seed]) makes counts reproducible. A program that does not parse makes the job FAILED
 * with the line and column of the error, as a cloud provider would.
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

    override val provider: String get() = PROVIDER

    override val device: String get() = DEVICE

    override val defaultCadence: PollCadence = PollCadence.ofMillis(10, 20, 50, 100, 200)

    override suspend fun submit(input: JobInput): String {
        check(input)
        val id = UUID.randomUUID().toString()
        val task = LocalTask(id)
        tasks[id] = task
        task.run = scope.launch { execute(task, input) }
        return id
    }

    override suspend fun poll(task: TaskRef): TaskReport {
        val local = tasks[task.taskId] ?: return TaskReport(
            JobState.FAILED, "UNKNOWN_TASK",
            error = ErrorData("task ${task.taskId} is not known to this local backend (local tasks live only as long as the process that ran them)"),
        )
        return local.report()
    }

    override suspend fun cancel(task: TaskRef) {
        val local = tasks[task.taskId] ?: throw IllegalStateException("task ${task.taskId} is not known to this local backend")
        if (local.cancel()) local.run?.cancel()
    }

    override suspend fun diagnostics(task: TaskRef): Diagnostics = tasks[task.taskId]?.diagnostics() ?: Diagnostics()

    /**
     * One local job running every item, not yet submitted.
     *
     * @throws io.qonduit.errors.ValidationException for bad shots or bindings
     */
    override fun create(items: List<RunItem>, options: RunOptions, tag: String?): Job =
        Job(this, JobInput(items, DEVICE, options, tag).also { check(it) })

    /** A job for [program] on this backend, not yet submitted. */
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

    /** Stops every running task. Jobs polled afterwards report their last state. */
    override fun close() {
        scope.cancel()
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
            if (item.program !is Circuit && item.program !is OpenQasmProgram) {
                v.fail("programs[$i]", item.program.toString(), "the local simulator runs OpenQASM programs and circuits")
            }
        }
        v.throwIfAny()
    }

    private suspend fun execute(task: LocalTask, input: JobInput) {
        delay(queuedFor)
        if (!task.start()) return
        val startedAt = System.nanoTime()
        val seed = input.options.seed ?: seeds.getAndIncrement()
        val outcome = try {
            val simulator = StateVectorSimulator(seed)
            Result.success(ResultData(input.plan().map { run -> simulate(simulator, run, input.options) }))
        } catch (e: QasmException) {
            Result.failure(e)
        } catch (e: IllegalArgumentException) {
            Result.failure(e)
        }
        val elapsed = (System.nanoTime() - startedAt).let { it / 1_000_000 }.milliseconds
        if (elapsed < runningFor) delay(runningFor - elapsed)
        task.finish(outcome, elapsed)
    }

    private fun simulate(simulator: StateVectorSimulator, run: PlannedRun, options: RunOptions): ResultItem {
        val shots = run.item.shotsUnder(options, DEFAULT_SHOTS)
        val circuit = when (val program = run.program) {
            is Circuit -> program
            is OpenQasmProgram -> OpenQasm.parse(program.text) // a syntax error fails the job, as on a cloud
            else -> throw IllegalArgumentException("programs[${run.programIndex}]: the local simulator runs OpenQASM programs and circuits, not $program")
        }
        val simulation = simulator.run(circuit, shots, run.binding)
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
    }
}
