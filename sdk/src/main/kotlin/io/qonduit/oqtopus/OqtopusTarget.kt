package io.qonduit.oqtopus

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.ErrorData
import io.qonduit.backend.ProgramTexts
import io.qonduit.backend.SubmissionInDoubtException
import io.qonduit.backend.SubmissionLookup
import io.qonduit.backend.ResultData
import io.qonduit.backend.TaskRef
import io.qonduit.backend.TaskReport
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.QonduitException
import io.qonduit.transport.UnreadableReplyException
import io.qonduit.errors.ValidationException
import io.qonduit.job.CompositeJob
import io.qonduit.job.ExpectationValue
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.job.JobLike
import io.qonduit.job.JobState
import io.qonduit.job.PollCadence
import io.qonduit.job.ResultItem
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.Bindings
import io.qonduit.program.NativeProgram
import io.qonduit.qpi.QpiCounts
import io.qonduit.target.Target
import java.nio.file.Path
import java.time.Instant

/**
 * One OQTOPUS device as a Qonduit [Target] and backend (provider `"oqtopus"`); get it from
 * [OqtopusClient.target].
 *
 * The job type comes from [OqtopusOptions] in the run options: sampling (the default) and
 * estimation run one program per OQTOPUS job, so a run of several programs or bindings becomes a
 * [CompositeJob] of jobs in order; multi-manual puts every program × binding in one job, and its
 * `divided_counts` become one result item per program. SSE scripts run with [createSse].
 *
 * Result items carry counts per classical register in Qonduit's big-endian notation (OQTOPUS keys
 * have classical bit 0 rightmost), expectation values (`exp_value` ± `stds`) for estimation, and
 * [OqtopusExtras]. Status mapping: `registered` → CREATED, `submitted`/`ready` → QUEUED,
 * `running`/`cancelling` → RUNNING, `succeeded` → COMPLETED, `failed` → FAILED, `cancelled` → CANCELLED.
 */
public class OqtopusTarget internal constructor(
    private val client: OqtopusClient,
    /** The device id. */
    override val device: String,
    /** How jobs of this target are waited for. */
    public val polling: OqtopusPolling,
) : Backend, Target {
    override val provider: String get() = PROVIDER

    override val defaultCadence: PollCadence = polling.cadence()

    /**
     * The job(s) running [items] with [options], not yet submitted.
     *
     * @throws ValidationException for options of another provider, programs that are not OpenQASM
     *   or circuits, bad bindings or shots
     */
    override fun create(items: List<RunItem>, options: RunOptions, tag: String?): JobLike {
        val opts = optionsOf(options)
        val whole = JobInput(items, device, options, tag)
        if (opts.effectiveJobType == OqtopusJobType.MULTI_MANUAL) {
            specOf(whole)
            return Job(this, whole)
        }
        val perJob = options.toBuilder().bindings(Bindings.NONE).build()
        val children = whole.plan().map { run ->
            val bindings = if (run.binding.isEmpty()) Bindings.NONE else Bindings.of(run.binding)
            JobInput(listOf(RunItem(run.program, run.item.shots, bindings)), device, perJob, tag).also { specOf(it) }
        }.map { Job(this, it) }
        return children.singleOrNull() ?: CompositeJob(children)
    }

    /** An SSE job running the Python [script], not yet submitted. */
    @JvmOverloads
    public fun createSse(script: String, shots: Int = 1, tag: String? = null): Job {
        OqtopusJobSpec.sse(device, script, shots)
        return Job(this, JobInput(listOf(RunItem(NativeProgram(SSE_FORMAT, script), shots)), device, RunOptions.DEFAULT, tag))
    }

    /** An SSE job running the Python file [path] (checked as [OqtopusJobSpec.sseFile] checks it), not yet submitted. */
    @JvmOverloads
    public fun createSseFile(path: Path, shots: Int = 1, maxFileBytes: Long = OqtopusJobSpec.MAX_SSE_FILE_BYTES): Job =
        createSse(OqtopusJobSpec.sseFile(device, path, shots, maxFileBytes).sseProgram!!, shots)

    /** The OQTOPUS job spec [input] is sent as. @throws ValidationException when it cannot be */
    public fun specOf(input: JobInput): OqtopusJobSpec {
        val first = input.items.first().program
        if (first is NativeProgram && first.format == SSE_FORMAT) {
            return OqtopusJobSpec.sse(device, first.text, input.items.first().shotsUnder(input.options, 1))
        }
        val opts = optionsOf(input.options)
        val v = io.qonduit.errors.Validator()
        input.checkBindings(v)
        v.throwIfAny()
        val plan = input.plan()
        val programs = plan.map { ProgramTexts.openQasm(it.program, 3, "programs[${it.programIndex}]", PROVIDER, it.binding) }
        val shots = input.items.map { it.shotsUnder(input.options, OqtopusJobSpec.DEFAULT_SHOTS) }.distinct()
        if (shots.size > 1) throw ValidationException("programs.shots", shots, "one OQTOPUS job runs every program with the same shots")
        val spec = when (opts.effectiveJobType) {
            OqtopusJobType.MULTI_MANUAL -> OqtopusJobSpec.multiManual(device, programs, shots.single())
            OqtopusJobType.ESTIMATION -> OqtopusJobSpec.estimation(device, single(programs), opts.operators, shots.single())
            else -> OqtopusJobSpec.sampling(device, single(programs), shots.single())
        }
        return spec.named(opts.name ?: input.tag, opts.description).withInfo(opts.transpilerInfo, opts.simulatorInfo, opts.mitigationInfo)
    }

    /**
     * In the current API a job runs only once `POST /jobs/{id}/submit` arrives: a lost reply while
     * registering or uploading leaves at most a registered job that never runs, so it is a plain
     * failure (a retry registers another); a lost reply to the submit itself is in doubt, with the
     * job id to look up ([lookUpSubmission]). The previous API's single `POST /jobs` has no id to look up.
     */
    @QonduitInternalApi
    override suspend fun submit(input: JobInput): String {
        val spec = specOf(input)
        if (client.flow == OqtopusApiFlow.INLINE) return client.submitJob(spec)
        val registered = try {
            client.registerWithInput(spec)
        } catch (e: QonduitException) {
            if (e !is ConnectionException && e !is UnreadableReplyException) throw e
            throw QonduitException("registering the OQTOPUS job or uploading its input failed before it was submitted (nothing will run): ${e.message}", e)
        }
        try {
            client.submitRegistered(registered.jobId, spec)
        } catch (e: ConnectionException) {
            if (!e.requestMayHaveArrived) throw e
            throw SubmissionInDoubtException(listOf(registered.jobId), e)
        } catch (e: UnreadableReplyException) {
            throw SubmissionInDoubtException(listOf(registered.jobId), e)
        }
        return registered.jobId
    }

    /** A submit in doubt: the registered job's status tells whether the submit arrived (`registered` means not). */
    @QonduitInternalApi
    override suspend fun lookUpSubmission(input: JobInput, sentAt: Instant, candidate: String?, exclude: Set<String>): SubmissionLookup {
        if (candidate == null) return super.lookUpSubmission(input, sentAt, null, exclude)
        val status = try {
            client.getJobStatus(candidate).status
        } catch (e: OqtopusApiException) {
            if (e.statusCode == NOT_FOUND) return SubmissionLookup.NotCreated
            throw e
        }
        return if (status == REGISTERED) SubmissionLookup.NotCreated else SubmissionLookup.Found(candidate)
    }

    @QonduitInternalApi
    override suspend fun poll(task: TaskRef): TaskReport {
        val status = client.getJobStatus(task.taskId).status
        return when (val state = stateOf(status)) {
            JobState.COMPLETED -> {
                val job = client.getJob(task.taskId)
                TaskReport(state, status, result = ResultData(itemsOf(task, job)))
            }
            JobState.FAILED -> {
                val message = client.getJob(task.taskId).message ?: "OQTOPUS job ${task.taskId} failed without a message"
                TaskReport(state, status, error = ErrorData(message))
            }
            else -> TaskReport(state, status)
        }
    }

    @QonduitInternalApi
    override suspend fun cancel(task: TaskRef) {
        client.cancelJob(task.taskId)
    }

    private suspend fun itemsOf(task: TaskRef, job: OqtopusJob): List<ResultItem> {
        val plan = task.input.plan()
        val first = plan.first()
        if (first.program is NativeProgram) {
            // SSE: what the script did is in its log; a result, when the script left one, is read too.
            val result = if (job.downloadUrl("result") != null || job.inlineJobInfo) runCatching { client.resultOf(job) }.getOrNull() else null
            return listOf(ResultItem(first, extras = result?.let { extrasOf(job, it, it.counts) }))
        }
        val result = client.resultOf(job)
        val opts = optionsOf(task.input.options)
        return when (opts.effectiveJobType) {
            OqtopusJobType.ESTIMATION -> {
                val value = result.expValue ?: throw io.qonduit.errors.QonduitException("estimation job ${job.jobId} has no exp_value")
                val observable = opts.operators.joinToString(" + ")
                listOf(ResultItem(first, shots = job.shots, expectationValues = listOf(ExpectationValue(observable, value, result.stds)), extras = extrasOf(job, result, result.counts)))
            }
            OqtopusJobType.MULTI_MANUAL -> plan.mapIndexed { i, run ->
                val counts = result.dividedCounts?.get(i)
                    ?: throw io.qonduit.errors.QonduitException("multi-manual job ${job.jobId} has no divided_counts for program $i")
                ResultItem(run, shots = job.shots, counts = registers(run.program, counts), extras = extrasOf(job, result, counts))
            }
            else -> listOf(ResultItem(first, shots = job.shots, counts = registers(first.program, result.counts), extras = extrasOf(job, result, result.counts)))
        }
    }

    private fun registers(program: io.qonduit.program.Program, counts: Map<String, Long>): Map<String, Map<String, Long>> =
        QpiCounts.toRegisters(counts, QpiCounts.registersOf(program, QpiCounts.width(counts)))

    private fun extrasOf(job: OqtopusJob, result: OqtopusResult, counts: Map<String, Long>): OqtopusExtras =
        OqtopusExtras(job.jobId.orEmpty(), counts, result.transpile?.transpiledProgram, result.transpile?.virtualPhysicalMapping.orEmpty(), result.transpile?.statsJson)

    private fun single(programs: List<String>): String =
        programs.singleOrNull() ?: throw ValidationException("programs", programs.size, "a sampling or estimation job runs exactly one program")

    private fun optionsOf(options: RunOptions): OqtopusOptions = options.providerOptions<OqtopusOptions>(PROVIDER) ?: OqtopusOptions()

    override fun toString(): String = "OqtopusTarget($device)"

    public companion object {
        /** Provider name recorded in snapshots. */
        public const val PROVIDER: String = "oqtopus"

        /** The [NativeProgram] format of SSE scripts. */
        public const val SSE_FORMAT: String = "oqtopus-sse-python"

        /** Unified state of an OQTOPUS status; null for a status OQTOPUS does not define. */
        @JvmStatic
        public fun stateOf(status: String): JobState? = when (status) {
            REGISTERED -> JobState.CREATED
            "submitted", "ready" -> JobState.QUEUED
            "running", "cancelling" -> JobState.RUNNING
            "succeeded" -> JobState.COMPLETED
            "failed" -> JobState.FAILED
            "cancelled" -> JobState.CANCELLED
            else -> null
        }

        private const val REGISTERED = "registered"
        private const val NOT_FOUND = 404
    }
}
