package io.qonduit.qibo

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.ErrorData
import io.qonduit.backend.ProgramTexts
import io.qonduit.backend.ResultData
import io.qonduit.backend.SubmissionLookup
import io.qonduit.backend.TaskRef
import io.qonduit.backend.TaskReport
import io.qonduit.errors.ValidationException
import io.qonduit.errors.Validator
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.job.JobLike
import io.qonduit.job.JobState
import io.qonduit.job.PlannedRun
import io.qonduit.job.PollCadence
import io.qonduit.job.ResultItem
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.Bindings
import io.qonduit.program.NativeProgram
import io.qonduit.target.Target
import io.qonduit.transport.HttpTransport
import kotlinx.serialization.json.JsonObject
import java.time.Instant
import java.util.concurrent.ConcurrentHashMap

/**
 * One Qibo device (partition) as a Qonduit [Target] and backend (provider `"qibo"`); get it from
 * [QiboClient.target].
 *
 * Programs: circuits and OpenQASM (written as qibo's circuit JSON by [QiboCircuitJson]) and qibo
 * circuit JSON as given ([NativeProgram] of format [QIBO_JSON]). Each program × binding is one
 * Qibo job, so a run of several becomes a [CompositeJob] in order. Shots are `nshots` (none given:
 * null, the server's default, as in qibo-client); [QiboOptions] set project and verbatim.
 *
 * Statuses (case-insensitive): `queueing`/`pending` → QUEUED, `running`/`postprocessing` →
 * RUNNING, `success` → COMPLETED, `error` → FAILED; any other string keeps the job polling. The
 * job's status carries the queue position and, from the seconds to start, the estimated start.
 * A finished job's archive is extracted into the client's results folder; on success the result
 * items carry counts per classical register (qibo's frequencies mapped onto the circuit's
 * registers, big-endian; qibo JSON programs get one register [NATIVE_REGISTER] keyed as qibo keys
 * them) and [QiboResult] extras; on error the message quotes the extracted logs.
 *
 * A lost reply to `POST /api/jobs/`: the endpoint is not idempotent and takes no client key, so the
 * job is never posted again blindly. The job is in doubt, and [lookUpSubmission] searches the
 * caller's jobs created since then for one with the same circuit, shots and device; only a single
 * match is taken as the submission's. Qibo has no cancel: cancelling deletes the job.
 */
public class QiboTarget internal constructor(
    private val client: QiboClient,
    /** The partition name. */
    override val device: String,
    /** The project and verbatim flag used when a run's options give none. */
    public val options: QiboOptions,
) : Backend, Target {
    override val provider: String get() = PROVIDER

    override val defaultCadence: PollCadence = PollCadence.fixed(client.pollInterval)

    private val deleted: MutableSet<String> = ConcurrentHashMap.newKeySet()

    /**
     * The job(s) running [items] with [options], not yet submitted.
     *
     * @throws ValidationException for options of another provider, programs qibo's JSON cannot say, bad bindings or shots
     */
    override fun create(items: List<RunItem>, options: RunOptions, tag: String?): JobLike {
        optionsOf(options)
        val whole = JobInput(items, device, options, tag)
        val v = Validator()
        whole.checkBindings(v)
        v.throwIfAny()
        val perJob = options.toBuilder().bindings(Bindings.NONE).build()
        val children = whole.plan().map { run ->
            val bindings = if (run.binding.isEmpty()) Bindings.NONE else Bindings.of(run.binding)
            JobInput(listOf(RunItem(run.program, run.item.shots, bindings)), device, perJob, tag).also { wire(it) }
        }.map { Job(this, it) }
        return children.singleOrNull() ?: CompositeJob(children)
    }

    /** One job for [item], not yet submitted. */
    internal fun createJob(item: RunItem): Job = create(listOf(item), RunOptions.builder().provider(options).build(), null) as Job

    /** What is posted for [input]: the circuit JSON, and for circuits where each measured column lands. */
    internal class Wire(val circuit: JsonObject, val layout: QiboCircuitJson.Layout?, val nshots: Int?)

    internal fun wire(input: JobInput): Wire {
        val run = input.plan().single()
        val nshots = run.item.shots ?: input.options.shots
        if (nshots != null && nshots < 1) throw ValidationException("shots", nshots, "must be at least 1")
        val program = run.program
        if (program is NativeProgram) {
            if (run.binding.isNotEmpty()) throw ValidationException("bindings", run.binding, "qibo circuit JSON takes no bindings")
            return Wire(nativeCircuit(program, "programs[${run.programIndex}]"), null, nshots)
        }
        val circuit = ProgramTexts.circuit(program, "programs[${run.programIndex}]", PROVIDER).let {
            try {
                it.bind(run.binding)
            } catch (e: IllegalArgumentException) {
                throw ValidationException("programs[${run.programIndex}]", run.binding, e.message ?: "cannot bind")
            }
        }
        val layout = QiboCircuitJson.layout(circuit, "programs[${run.programIndex}]")
        return Wire(layout.json, layout, nshots)
    }

    @QonduitInternalApi
    override suspend fun submit(input: JobInput): String {
        val wire = wire(input)
        val opts = optionsOf(input.options) ?: options
        return client.postCircuit(wire.circuit, device, opts.project, wire.nshots, opts.verbatim)
    }

    @QonduitInternalApi
    override suspend fun lookUpSubmission(input: JobInput, sentAt: Instant, candidate: String?, exclude: Set<String>): SubmissionLookup =
        QiboSubmissionLookup.lookUp(client, wire(input), device, sentAt, exclude)

    @QonduitInternalApi
    override suspend fun poll(task: TaskRef): TaskReport {
        if (task.taskId in deleted) return TaskReport(JobState.CANCELLED, "deleted")
        val info = client.getJob(task.taskId)
        val status = info.status
        val estimatedStart = info.secondsToJobStart?.let { Instant.now().plusMillis((it * 1000).toLong()) }
        return when (status?.state) {
            JobState.COMPLETED -> {
                val outcome = client.download(task.taskId, status)
                val result = outcome.result ?: throw NpyFormatException("job ${task.taskId} succeeded but its archive has no ${QiboJobResult.RESULTS_FILE}")
                TaskReport(JobState.COMPLETED, info.rawStatus, result = ResultData(listOf(itemOf(task, result, info))))
            }
            JobState.FAILED -> {
                val outcome = client.download(task.taskId, status)
                TaskReport(JobState.FAILED, info.rawStatus, error = ErrorData(errorMessage(task.taskId, outcome)))
            }
            null -> TaskReport(null, info.rawStatus, info.queuePosition, estimatedStart)
            else -> TaskReport(status.state, info.rawStatus, info.queuePosition, estimatedStart)
        }
    }

    /** Qibo has no cancel endpoint: the job is deleted (`DELETE /api/jobs/{pid}/`), which stops it wherever it is. */
    @QonduitInternalApi
    override suspend fun cancel(task: TaskRef) {
        client.deleteJob(task.taskId)
        deleted += task.taskId
    }

    private fun itemOf(task: TaskRef, result: QiboResult, info: QiboJobInfo): ResultItem {
        val run: PlannedRun = task.input.plan().single()
        val frequencies = result.frequencies.ifEmpty { info.frequencies.orEmpty() }
        val counts = wire(task.input).layout?.let { registers(frequencies, it) } ?: if (frequencies.isEmpty()) emptyMap() else mapOf(NATIVE_REGISTER to frequencies)
        return ResultItem(run, shots = result.nshots ?: info.nshots, counts = counts, extras = result)
    }

    /** qibo's keys (measured columns in order) as counts per classical register, bit 0 leftmost; unmeasured bits read 0. */
    private fun registers(frequencies: Map<String, Long>, layout: QiboCircuitJson.Layout): Map<String, Map<String, Long>> {
        val out = LinkedHashMap<String, MutableMap<String, Long>>()
        for ((creg, size) in layout.registerSizes) {
            if (layout.columns.none { it.first == creg }) continue
            val counts = LinkedHashMap<String, Long>()
            for ((key, n) in frequencies) {
                val bits = CharArray(size) { '0' }
                layout.columns.forEachIndexed { col, (reg, bit) -> if (reg == creg && col < key.length) bits[bit] = key[col] }
                val label = String(bits)
                counts[label] = (counts[label] ?: 0L) + n
            }
            out[creg] = counts.entries.sortedBy { it.key }.associateTo(LinkedHashMap()) { it.key to it.value }
        }
        return out
    }

    private fun errorMessage(pid: String, outcome: QiboJobResult): String {
        val logs = outcome.logs.entries.filter { it.value.isNotBlank() }.joinToString("\n") { (name, text) -> "--- $name ---\n${text.trimEnd().takeLast(MAX_LOG_CHARS)}" }
        return "Qibo job $pid ended in error; logs extracted to ${outcome.folder}" + if (logs.isEmpty()) "" else "\n$logs"
    }

    private fun optionsOf(options: RunOptions): QiboOptions? = options.providerOptions<QiboOptions>(PROVIDER)

    override fun toString(): String = "QiboTarget($device, project=${options.project})"

    public companion object {
        /** Provider name recorded in snapshots. */
        public const val PROVIDER: String = "qibo"

        /** The [NativeProgram] format of qibo circuit JSON (`Circuit.raw`). */
        public const val QIBO_JSON: String = "qibo-json"

        /** The register of counts for qibo JSON programs (keys as qibo's frequencies). */
        public const val NATIVE_REGISTER: String = "qibo"

        private const val MAX_LOG_CHARS = 4000

        /** Unified state of a Qibo status (case-insensitive); null for a string Qibo does not define. */
        @JvmStatic
        public fun stateOf(status: String): JobState? = QiboJobStatus.of(status)?.state

        internal fun nativeCircuit(program: NativeProgram, field: String): JsonObject {
            if (program.format != QIBO_JSON) throw ValidationException(field, program.format, "qibo runs circuits, OpenQASM and \"$QIBO_JSON\" programs")
            val json = runCatching { HttpTransport.json.parseToJsonElement(program.text) }.getOrNull() as? JsonObject
                ?: throw ValidationException(field, program.text.take(80), "must be qibo circuit JSON: a JSON object")
            if ("queue" !in json || "nqubits" !in json) throw ValidationException(field, program.text.take(80), "qibo circuit JSON has 'queue' and 'nqubits'")
            return json
        }
    }
}
