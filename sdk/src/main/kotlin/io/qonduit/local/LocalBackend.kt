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
import io.qonduit.simulator.OpenQasm
import io.qonduit.simulator.QasmException
import io.qonduit.simulator.StateVectorSimulator
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull
import kotlinx.serialization.json.put
import java.time.Instant
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toKotlinDuration

/**
 * The embedded default: runs OpenQASM programs in this process on the state-vector simulator, through
 * the same lifecycle as a cloud provider (queued → running → completed), so tracking code is
 * exercised without an account.
 *
 * Job config keys: `shots` (1..[MAX_SHOTS], default 1024), `parameters` (object of name → number,
 * bound to QASM 3 `input`s and `{{name}}` placeholders), `seed` (for reproducible counts).
 * A program that does not parse makes the job FAILED with the line and column of the error, as a
 * cloud provider would.
 */
public class LocalBackend @JvmOverloads constructor(
    /** Seed for jobs that set none; null draws a fresh seed per job. */
    private val seed: Long? = null,
    /** Time a job spends queued before it starts. */
    queuedDelay: java.time.Duration = java.time.Duration.ofMillis(20),
    /** Minimum time a job spends running (simulation may take longer). */
    runningDelay: java.time.Duration = java.time.Duration.ofMillis(20),
) : Backend, AutoCloseable {
    private val queuedFor: Duration = queuedDelay.toKotlinDuration()
    private val runningFor: Duration = runningDelay.toKotlinDuration()
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default + CoroutineName("qonduit-local"))
    private val tasks = ConcurrentHashMap<String, LocalTask>()
    private val seeds = AtomicLong(seed ?: System.nanoTime())

    override val provider: String get() = PROVIDER

    override val defaultCadence: PollCadence = PollCadence.ofMillis(10, 20, 50, 100, 200)

    override suspend fun submit(input: JobInput): String {
        val settings = LocalSettings.of(input)
        val id = UUID.randomUUID().toString()
        val task = LocalTask(id)
        tasks[id] = task
        task.run = scope.launch { execute(task, input, settings) }
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

    /** A job for [program] on this backend, not yet submitted. */
    @JvmOverloads
    public fun createJob(
        program: String,
        shots: Int = DEFAULT_SHOTS,
        parameters: Map<String, Double> = emptyMap(),
        tag: String? = null,
        fetchDiagnostics: Boolean = false,
    ): Job = Job(this, JobInput(program, DEVICE, settingsJson(shots, parameters), tag), fetchDiagnostics)

    /** One job per program, as a composite, not yet submitted. */
    @JvmOverloads
    public fun createJobs(programs: List<String>, shots: Int = DEFAULT_SHOTS, fetchDiagnostics: Boolean = false): CompositeJob =
        CompositeJob(programs.map { createJob(it, shots, fetchDiagnostics = fetchDiagnostics) })

    /** Stops every running task. Jobs polled afterwards report their last state. */
    override fun close() {
        scope.cancel()
    }

    override fun toString(): String = "LocalBackend(seed=$seed, tasks=${tasks.size})"

    private suspend fun execute(task: LocalTask, input: JobInput, settings: LocalSettings) {
        delay(queuedFor)
        if (!task.start()) return
        val startedAt = System.nanoTime()
        val outcome = try {
            val circuit = OpenQasm.parse(input.program, settings.parameters)
            val simulation = StateVectorSimulator(settings.seed ?: seeds.getAndIncrement()).run(circuit, settings.shots)
            val data = buildJsonObject {
                put("shots", simulation.shots)
                put("num_qubits", circuit.numQubits)
                put("num_clbits", circuit.numClbits)
            }
            Result.success(ResultData(simulation.counts, data))
        } catch (e: QasmException) {
            Result.failure(e)
        }
        val elapsed = (System.nanoTime() - startedAt).let { it / 1_000_000 }.milliseconds
        if (elapsed < runningFor) delay(runningFor - elapsed)
        task.finish(outcome, elapsed)
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

        internal fun settingsJson(shots: Int, parameters: Map<String, Double>): JsonObject = buildJsonObject {
            put("shots", shots)
            if (parameters.isNotEmpty()) put("parameters", JsonObject(parameters.mapValues { JsonPrimitive(it.value) }))
        }
    }
}

/** The settings of one local job, read from its config. */
internal class LocalSettings(val shots: Int, val parameters: Map<String, Double>, val seed: Long?) {
    companion object {
        fun of(input: JobInput): LocalSettings {
            val v = Validator()
            v.check(input.device == LocalBackend.DEVICE, "device", input.device, "the local backend has one device, \"${LocalBackend.DEVICE}\"")
            val shotsValue = input.config["shots"]?.jsonPrimitive
            val shots = shotsValue?.intOrNull ?: LocalBackend.DEFAULT_SHOTS
            v.check(shotsValue == null || shotsValue.intOrNull != null, "config.shots", shotsValue, "must be an integer")
            v.check(shots in 1..LocalBackend.MAX_SHOTS, "config.shots", shots, "must be in 1..${LocalBackend.MAX_SHOTS}")
            val parameters = input.config["parameters"]?.let { element ->
                runCatching { element.jsonObject }.getOrNull()?.mapValues { (name, value) ->
                    val number = runCatching { value.jsonPrimitive.doubleOrNull }.getOrNull()
                    v.check(number != null, "config.parameters.$name", value, "must be a number")
                    number ?: 0.0
                } ?: run { v.fail("config.parameters", element, "must be an object of name to number"); emptyMap() }
            } ?: emptyMap()
            val seed = input.config["seed"]?.jsonPrimitive?.longOrNull
            v.throwIfAny()
            return LocalSettings(shots, parameters, seed)
        }
    }
}

/** One task's lifecycle; every transition is atomic, and cancellation wins over completion. */
internal class LocalTask(private val id: String) {
    private var state = JobState.QUEUED
    private var result: ResultData? = null
    private var error: ErrorData? = null
    private val queuedAt = Instant.now()
    private var startedAt: Instant? = null
    private var finishedAt: Instant? = null
    private var simulationMillis: Long? = null
    var run: kotlinx.coroutines.Job? = null

    @Synchronized
    fun start(): Boolean {
        if (state != JobState.QUEUED) return false
        state = JobState.RUNNING
        startedAt = Instant.now()
        return true
    }

    @Synchronized
    fun finish(outcome: Result<ResultData>, elapsed: Duration) {
        if (state.isTerminal) return
        finishedAt = Instant.now()
        simulationMillis = elapsed.inWholeMilliseconds
        outcome.onSuccess { result = it; state = JobState.COMPLETED }
            .onFailure { error = ErrorData(it.message ?: it.toString()); state = JobState.FAILED }
    }

    @Synchronized
    fun cancel(): Boolean {
        if (state.isTerminal) return false
        state = JobState.CANCELLED
        finishedAt = Instant.now()
        return true
    }

    @Synchronized
    fun report(): TaskReport = TaskReport(state, state.name, result = result, error = error)

    @Synchronized
    fun diagnostics(): Diagnostics = Diagnostics(
        timings = buildJsonObject {
            put("QUEUED", queuedAt.toString())
            startedAt?.let { put("STARTED", it.toString()) }
            finishedAt?.let { put("FINISHED", it.toString()) }
        },
        metrics = buildJsonObject { simulationMillis?.let { put("simulation_ms", it) } },
        metadata = buildJsonObject {
            put("id", id)
            put("backend", LocalBackend.PROVIDER)
        },
    )
}
