package io.qonduit.qpi

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.ErrorData
import io.qonduit.backend.ResultData
import io.qonduit.backend.SubmissionLookup
import io.qonduit.backend.TaskRef
import io.qonduit.backend.TaskReport
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.job.JobState
import io.qonduit.job.JavaBridge
import io.qonduit.job.PollCadence
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.Program
import io.qonduit.target.Target
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull
import java.util.concurrent.CompletableFuture

/**
 * One QPU of a QPI orchestrator as a Qonduit [Target] and backend (provider `"qpi"`): QPI's
 * `QPIBackend`.
 *
 * All programs of a run go in one QPI job, each program × binding one circuit result, so a job's
 * result has one item per program × binding. Named bindings are sent as QPI's positional
 * `parameter_values` in the order QPI's driver binds them (parameter names sorted). Items carry
 * counts per classical register in big-endian notation, per-shot memory when QPI returns it, and
 * [QpiExtras] (QPI's hex keys).
 *
 * Status mapping: `pending`/`queued` → QUEUED, `running` → RUNNING, `completed` → COMPLETED,
 * `failed` → FAILED (error from `results.error`), `cancelled` → CANCELLED.
 */
public class QpiBackend internal constructor(
    private val client: QpiClient,
    /** The QPU's name. */
    public val name: String,
    /** The QPU's qubit count, when known; circuits wider than it are rejected before sending. */
    public val numQubits: Int?,
    /** The QPU's record id, sent as `qpu_target` (QPI's relation to the QPU; QPI never runs a job without it). */
    public val qpuId: String,
) : Backend, Target {
    override val provider: String get() = PROVIDER

    override val device: String get() = name

    override val defaultCadence: PollCadence = PollCadence.ofMillis(100, 200, 500, 1000, 2000)

    /**
     * One QPI job running every item, not yet submitted.
     *
     * @throws io.qonduit.errors.ValidationException for bad bindings, shots, options or programs wider than the QPU
     */
    override fun create(items: List<RunItem>, options: RunOptions, tag: String?): Job {
        val input = JobInput(items, name, options, tag)
        QpiValidation.check(input, numQubits)
        return Job(this, input)
    }

    /** A job for one OpenQASM program with QPI's positional bindings (values in parameter-name order), not yet submitted. */
    @JvmOverloads
    public fun createJob(
        qasm: String,
        shots: Int = DEFAULT_SHOTS,
        parameterValues: List<List<Double>>? = null,
        measLevel: Int = 2,
        measReturn: String = "single",
        tag: String? = null,
    ): Job = createJob(listOf(QpiCircuit(qasm, parameterValues)), shots, measLevel, measReturn, tag)

    /** A job for several circuits written in QPI's own terms (one QPI job), not yet submitted. */
    @JvmOverloads
    public fun createJob(
        circuits: List<QpiCircuit>,
        shots: Int = DEFAULT_SHOTS,
        measLevel: Int = 2,
        measReturn: String = "single",
        tag: String? = null,
    ): Job {
        val input = QpiJobs.input(circuits, name, shots, measLevel, measReturn, tag)
        QpiValidation.check(input, numQubits)
        return Job(this, input)
    }

    /** One job per program, as a composite, not yet submitted. */
    @JvmOverloads
    public fun createJobs(programs: List<Program>, options: RunOptions = RunOptions.DEFAULT): CompositeJob =
        CompositeJob(programs.map { create(listOf(RunItem(it)), options) })

    /** Submits [qasm] and returns the submitted job (QPI's `backend.run(qasm=...)`). */
    @JvmOverloads
    public suspend fun run(qasm: String, shots: Int = DEFAULT_SHOTS, parameterValues: List<List<Double>>? = null): Job =
        createJob(qasm, shots, parameterValues).submit()

    /** Submits several circuits as one QPI job. */
    @JvmOverloads
    public suspend fun run(circuits: List<QpiCircuit>, shots: Int = DEFAULT_SHOTS): Job = createJob(circuits, shots).submit()

    /** [run] for Java. */
    public fun runAsync(qasm: String, shots: Int): CompletableFuture<Job> = JavaBridge.future { run(qasm, shots) }

    /** [run] of several circuits for Java. */
    public fun runAsync(circuits: List<QpiCircuit>, shots: Int): CompletableFuture<Job> = JavaBridge.future { run(circuits, shots) }

    @QonduitInternalApi
    override suspend fun submit(input: JobInput): String {
        QpiValidation.check(input, numQubits)
        return client.submit(input, qpuId)
    }

    /** Searches the caller's newest jobs for one with this input's payload, created since [sentAt]. */
    @QonduitInternalApi
    override suspend fun lookUpSubmission(input: JobInput, sentAt: java.time.Instant, candidate: String?, exclude: Set<String>): SubmissionLookup =
        QpiSubmissionLookup.lookUp(client, input, qpuId, sentAt, exclude)

    @QonduitInternalApi
    override suspend fun poll(task: TaskRef): TaskReport {
        val record = client.getJob(task.taskId)
        val state = stateOf(record.status)
        val results = record.results as? JsonObject
        return when (state) {
            JobState.COMPLETED -> {
                TaskReport(state, record.status, result = ResultData(QpiResults.decode(record.results, task.input, task.taskId)))
            }
            JobState.FAILED -> {
                val message = (results?.get("error") as? JsonPrimitive)?.contentOrNull ?: results?.get("error")?.toString() ?: "QPI job failed without an error message"
                TaskReport(state, record.status, error = ErrorData(message))
            }
            else -> TaskReport(state, record.status)
        }
    }

    @QonduitInternalApi
    override suspend fun cancel(task: TaskRef) {
        client.cancelJob(task.taskId)
    }

    override fun toString(): String = "QpiBackend($name, id=$qpuId, qubits=$numQubits)"

    public companion object {
        /** Provider name recorded in snapshots. */
        public const val PROVIDER: String = "qpi"

        /** Shots when none are given (QPI's default). */
        public const val DEFAULT_SHOTS: Int = 1024

        /** Unified state of a QPI status; null for a status QPI does not define. */
        @JvmStatic
        public fun stateOf(status: String): JobState? = when (status) {
            "pending", "queued" -> JobState.QUEUED
            "running" -> JobState.RUNNING
            "completed" -> JobState.COMPLETED
            "failed" -> JobState.FAILED
            "cancelled" -> JobState.CANCELLED
            else -> null
        }
    }
}
