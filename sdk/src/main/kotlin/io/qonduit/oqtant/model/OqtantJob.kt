package io.qonduit.oqtant.model

import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import java.time.Instant

/**
 * An Oqtant job: the envelope the service stores and the Python client saves to `.txt` files.
 *
 * Reads every shape the service produces (templates, `GET /jobs/{id}` bodies, saved job files) and
 * writes them back with the same keys. Build a new job with [OqtantJob.of] or the constructor,
 * check it with [validate], and send [toSubmission].
 *
 * @property name 1..50 characters
 * @property inputs the runs, 1..30
 * @property origin where it was submitted from (null for local simulator results)
 * @property status lifecycle status
 * @property display whether the web app lists the job
 * @property timeStart ISO-8601 start time as received, or null
 * @property timeComplete ISO-8601 completion time as received, or null
 * @property qpuName QPU name (`UNDEFINED` even for hardware runs)
 * @property inputCount total number of runs of the job (a single-run fetch still reports the total)
 * @property externalId the job's UUID, or null before submission
 * @property timeSubmit ISO-8601 submit time as received, or null
 * @property qpu the QPU record of a `JobResponse`; written only when present
 * @property paid whether the job was paid for; written only when present
 * @property failedInputs runs that failed; written only when present
 */
@OptIn(ExperimentalSerializationApi::class)
@Serializable
public data class OqtantJob @JvmOverloads constructor(
    @SerialName("name") public val name: String,
    @SerialName("inputs") public val inputs: List<Input>,
    @SerialName("origin") public val origin: JobOrigin? = null,
    @SerialName("status") public val status: JobStatus = JobStatus.PENDING,
    @SerialName("display") public val display: Boolean = true,
    @SerialName("time_start") public val timeStart: String? = null,
    @SerialName("time_complete") public val timeComplete: String? = null,
    @SerialName("qpu_name") public val qpuName: QpuName = QpuName.UNDEFINED,
    @SerialName("input_count") public val inputCount: Int? = null,
    @SerialName("external_id") public val externalId: String? = null,
    @SerialName("time_submit") public val timeSubmit: String? = null,
    @EncodeDefault(EncodeDefault.Mode.NEVER) @SerialName("qpu") public val qpu: Qpu? = null,
    @EncodeDefault(EncodeDefault.Mode.NEVER) @SerialName("paid") public val paid: Boolean? = null,
    @EncodeDefault(EncodeDefault.Mode.NEVER) @SerialName("failed_inputs") public val failedInputs: List<Int>? = null,
) {
    /** The values of the first run (Python `OqtantJob.input`), or null when there are no runs. */
    public val input: InputValues? get() = inputs.firstOrNull()?.values

    /** The run number of the first input (Python `OqtantJob.run`). */
    public val run: Int? get() = inputs.firstOrNull()?.run

    /** `end_time_ms` of the first run (Python `OqtantJob.lifetime`). */
    public val lifetimeMs: Double? get() = input?.endTimeMs

    /**
     * `job_type`: always computed from `inputs[0]` (see [InputValues.jobType]), as bert_schemas' computed
     * field is, so a job whose inputs are edited (or `copy`'d) never carries a stale type. A `job_type`
     * key in a decoded document is ignored, as the Python model ignores it; files, [OqtantJson.encodeJob]
     * and [toSubmission] all write this value. Null only when there are no runs.
     */
    public val jobType: JobType? get() = input?.jobType

    /** [timeSubmit] parsed, or null when absent. */
    public val timeSubmitInstant: Instant? get() = timeSubmit?.let(Instant::parse)

    /** [timeStart] parsed, or null when absent. */
    public val timeStartInstant: Instant? get() = timeStart?.let(Instant::parse)

    /** [timeComplete] parsed, or null when absent. */
    public val timeCompleteInstant: Instant? get() = timeComplete?.let(Instant::parse)

    /** Throws a [io.qonduit.errors.ValidationException] listing every broken limit; see [OqtantValidation]. */
    public fun validate(): Unit = OqtantValidation.validate(this)

    /**
     * The body of `POST {U}/jobs`: validates this job, then sends the computed `job_type`,
     * `input_count = inputs.size`, and each input with `run` filled with its 1-based position when
     * unset, and `job_id`/`output` cleared (the service assigns them).
     *
     * @throws io.qonduit.errors.ValidationException if the job breaks any limit
     */
    public fun toSubmission(): JobSubmission {
        validate()
        val runs = inputs.mapIndexed { i, input ->
            input.copy(jobId = null, run = input.run?.takeIf { it > 0 } ?: (i + 1), output = null)
        }
        return JobSubmission(name, inputs[0].values.jobType, inputs.size, runs)
    }

    /** Factories. */
    public companion object {
        /** A new job named [name] with one run per entry of [runs], numbered from 1. */
        @JvmStatic
        public fun of(name: String, vararg runs: InputValues): OqtantJob = of(name, runs.toList())

        /** A new job named [name] with one run per entry of [runs], numbered from 1. */
        @JvmStatic
        public fun of(name: String, runs: List<InputValues>): OqtantJob =
            OqtantJob(name, runs.mapIndexed { i, values -> Input(values, run = i + 1) })
    }
}

/**
 * One run of a job.
 *
 * @property values the experiment
 * @property notes free text, at most 500 characters
 * @property run 1-based run number (filled on submission when null)
 * @property jobId internal numeric id the service assigns
 * @property output the result, once the run completed
 */
@Serializable
public data class Input @JvmOverloads constructor(
    @SerialName("values") public val values: InputValues,
    @SerialName("notes") public val notes: String? = null,
    @SerialName("run") public val run: Int? = null,
    @SerialName("job_id") public val jobId: Int? = null,
    @SerialName("output") public val output: Output? = null,
)

/**
 * The QPU record of a job response.
 *
 * @property name QPU name
 * @property status QPU status
 */
@Serializable
public data class Qpu(
    @SerialName("name") public val name: QpuName,
    @SerialName("status") public val status: QpuStatus,
)

/**
 * Body of `POST {U}/jobs`; build it with [OqtantJob.toSubmission].
 *
 * @property name job name
 * @property jobType the computed job type
 * @property inputCount number of runs
 * @property inputs the runs
 */
@Serializable
public data class JobSubmission(
    @SerialName("name") public val name: String,
    @SerialName("job_type") public val jobType: JobType,
    @SerialName("input_count") public val inputCount: Int,
    @SerialName("inputs") public val inputs: List<Input>,
)
