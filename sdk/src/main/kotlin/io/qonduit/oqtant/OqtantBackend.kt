package io.qonduit.oqtant

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.ErrorData
import io.qonduit.backend.ResultData
import io.qonduit.backend.SubmissionLookup
import io.qonduit.backend.TaskRef
import io.qonduit.backend.TaskReport
import io.qonduit.errors.ReplySource
import io.qonduit.errors.ValidationException
import io.qonduit.job.Diagnostics
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.job.JobState
import io.qonduit.job.PollCadence
import io.qonduit.job.ResultItem
import io.qonduit.job.RunOptions
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlin.time.toKotlinDuration

/**
 * Runs Oqtant jobs as Qonduit [Job]s (provider `"oqtant"`). A job's one program is an
 * [OqtantProgram] (the job document); its device is [DEVICE].
 *
 * Status mapping: PENDING → QUEUED, RUNNING → RUNNING, COMPLETE → COMPLETED, FAILED and INCOMPLETE →
 * FAILED, CANCELLED → CANCELLED. A completed job's [io.qonduit.job.JobResult] has no counts; it holds
 * the job with every run and its output, images packed compactly (read it with
 * [oqtantResult]/[oqtantJob]/[oqtantOutputs]).
 * Polls every [OqtantClient.pollInterval].
 */
public class OqtantBackend internal constructor(private val client: OqtantClient) : Backend {
    override val provider: String get() = PROVIDER

    override val defaultCadence: PollCadence = PollCadence(listOf(client.pollInterval.toKotlinDuration()))

    @QonduitInternalApi
    override suspend fun submit(input: JobInput): String = client.submitJob(decode(input)).jobId

    /**
     * Searches the caller's jobs submitted since [sentAt] (less a clock allowance) for one with this
     * job's name and runs; Oqtant has no idempotency key, so this is how a lost reply is resolved.
     */
    @QonduitInternalApi
    override suspend fun lookUpSubmission(input: JobInput, sentAt: java.time.Instant, candidate: String?, exclude: Set<String>): SubmissionLookup {
        val job = decode(input)
        val since = sentAt.minusSeconds(CLOCK_ALLOWANCE_SECONDS)
        val matches = client.searchJobs(OqtantSearch(name = job.name, submitStart = since)).filter { found ->
            val id = found.externalId
            id != null && id !in exclude && found.inputs.isNotEmpty() &&
                found.inputs.zip(job.inputs).all { (a, b) -> a.values == b.values }
        }
        // Search answers newest first; identical jobs are interchangeable: the oldest unclaimed is this one.
        return matches.lastOrNull()?.let { SubmissionLookup.Found(it.externalId!!) } ?: SubmissionLookup.Unknown(
            "no Oqtant job named '${job.name}' submitted since $sentAt matches it yet; " +
                "search with OqtantClient.searchJobs(OqtantSearch(name = \"${job.name}\", submitStart = $since))",
        )
    }

    @QonduitInternalApi
    override suspend fun poll(task: TaskRef): TaskReport = report(client.getJob(task.taskId)) { client.withAllRuns(it) }

    /** The report for [job] (run 1 as fetched); a completed job's result holds [allRuns] of it. */
    internal suspend fun report(job: OqtantJob, allRuns: suspend (OqtantJob) -> OqtantJob): TaskReport {
        val state = stateOf(job.status)
        return when (state) {
            JobState.COMPLETED -> TaskReport(state, job.status.name, result = resultOf(withEveryOutput(allRuns(job))))
            JobState.FAILED -> {
                val failed = job.failedInputs?.takeIf { it.isNotEmpty() }?.let { " (failed runs: ${it.joinToString()})" } ?: ""
                TaskReport(state, job.status.name, error = ErrorData("Oqtant job ${job.externalId} ended ${job.status}$failed"))
            }
            else -> TaskReport(state, job.status.name)
        }
    }

    /** [job] itself, once every run is seen to carry its output (what COMPLETE promises). */
    private fun withEveryOutput(job: OqtantJob): OqtantJob {
        val missing = job.inputs.indexOfFirst { it.output == null }
        if (missing >= 0) {
            ReplySource(PROVIDER, job.externalId).fail("inputs[$missing].output", "is missing: a COMPLETE job carries the output of every run")
        }
        return job
    }

    @QonduitInternalApi
    override suspend fun cancel(task: TaskRef) {
        client.cancelJob(task.taskId)
    }

    /** Submit, start and completion times as the service reports them. */
    @QonduitInternalApi
    override suspend fun diagnostics(task: TaskRef): Diagnostics {
        val job = client.getJob(task.taskId)
        return Diagnostics(
            timings = buildJsonObject {
                job.timeSubmit?.let { put("time_submit", it) }
                job.timeStart?.let { put("time_start", it) }
                job.timeComplete?.let { put("time_complete", it) }
            },
            metadata = buildJsonObject {
                put("job_type", job.jobType?.name)
                put("qpu_name", job.qpuName.name)
                put("input_count", job.inputCount)
            },
        )
    }

    /**
     * A job running [job] on this backend, not yet submitted.
     *
     * @throws ValidationException when the job breaks a limit
     */
    @JvmOverloads
    public fun createJob(job: OqtantJob, tag: String? = null): Job {
        job.validate()
        return Job(this, input(job, tag))
    }

    /**
     * A Qonduit [Job] following [job] (as just fetched or loaded), already in [job]'s state; when it is
     * complete, its result holds [allRuns] of it.
     */
    internal suspend fun attach(job: OqtantJob, allRuns: suspend (OqtantJob) -> OqtantJob = { client.withAllRuns(it) }): Job {
        val id = requireNotNull(job.externalId) { "job has no external id" }
        val input = input(withoutOutputs(job), null)
        return Job.attach(this, input, id).also { it.applyReport(id, input, report(job, allRuns)) }
    }

    override fun toString(): String = "OqtantBackend(${client.baseUrl})"

    /** Names and the status mapping. */
    public companion object {
        /** Provider name recorded in snapshots. */
        public const val PROVIDER: String = "oqtant"

        /** Allowance for the service's clock running behind ours when looking up a submission. */
        private const val CLOCK_ALLOWANCE_SECONDS: Long = 30

        /** The device of every Oqtant job (the service has one QPU). */
        public const val DEVICE: String = "oqtant"

        /** The unified state of an Oqtant status. */
        @JvmStatic
        public fun stateOf(status: JobStatus): JobState = when (status) {
            JobStatus.PENDING -> JobState.QUEUED
            JobStatus.RUNNING -> JobState.RUNNING
            JobStatus.COMPLETE -> JobState.COMPLETED
            JobStatus.FAILED, JobStatus.INCOMPLETE -> JobState.FAILED
            JobStatus.CANCELLED -> JobState.CANCELLED
        }

        /**
         * The job model's result of a finished job (every run, with outputs): the one place where an
         * Oqtant job becomes a [ResultData]. Its one item's extras are an [OqtantResult] holding the
         * images as primitive arrays; snapshots store them compactly (base64 of little-endian doubles).
         */
        internal fun resultOf(job: OqtantJob): ResultData =
            ResultData(listOf(ResultItem(0, null, OqtantProgram(withoutOutputs(job)), extras = OqtantResult(job))))

        /** [job] as a program to submit: its runs without outputs. */
        internal fun withoutOutputs(job: OqtantJob): OqtantJob = job.copy(inputs = job.inputs.map { it.copy(output = null) })

        internal fun input(job: OqtantJob, tag: String?): JobInput = JobInput(OqtantProgram(job), DEVICE, RunOptions.DEFAULT, tag)

        internal fun decode(input: JobInput): OqtantJob = (input.items.singleOrNull()?.program as? OqtantProgram)?.job
            ?: throw ValidationException("programs", input.programs.toString().take(80), "an Oqtant job runs exactly one Oqtant program")
    }
}
