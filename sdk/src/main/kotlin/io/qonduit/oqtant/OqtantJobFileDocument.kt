package io.qonduit.oqtant

import io.qonduit.oqtant.model.Input
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.JobOrigin
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.Output
import io.qonduit.oqtant.model.OutputValues
import io.qonduit.oqtant.model.QpuName
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * A job file's document with the keys in the order of the Python model (`OqtantJob.model_dump_json()`),
 * written by streaming (no JSON tree of the pixels). Response-only keys (`qpu`, `paid`,
 * `failed_inputs`) have no place here.
 */
@Serializable
internal class OqtantJobFileDocument(
    @SerialName("name") val name: String,
    @SerialName("origin") val origin: JobOrigin?,
    @SerialName("status") val status: JobStatus,
    @SerialName("display") val display: Boolean,
    @SerialName("time_start") val timeStart: String?,
    @SerialName("time_complete") val timeComplete: String?,
    @SerialName("qpu_name") val qpuName: QpuName,
    @SerialName("input_count") val inputCount: Int?,
    @SerialName("inputs") val inputs: List<FileInput>,
    @SerialName("external_id") val externalId: String?,
    @SerialName("time_submit") val timeSubmit: String?,
    @SerialName("job_type") val jobType: JobType?,
) {
    @Serializable
    class FileInput(
        @SerialName("job_id") val jobId: Int?,
        @SerialName("run") val run: Int?,
        @SerialName("values") val values: InputValues,
        @SerialName("output") val output: FileOutput?,
        @SerialName("notes") val notes: String?,
    )

    @Serializable
    class FileOutput(
        @SerialName("input_id") val inputId: Int?,
        @SerialName("values") val values: OutputValues,
    )

    companion object {
        fun of(job: OqtantJob): OqtantJobFileDocument = OqtantJobFileDocument(
            job.name, job.origin, job.status, job.display, job.timeStart, job.timeComplete, job.qpuName, job.inputCount,
            job.inputs.map(::input), job.externalId, job.timeSubmit, job.jobType,
        )

        private fun input(input: Input) = FileInput(input.jobId, input.run, input.values, input.output?.let(::output), input.notes)

        private fun output(output: Output) = FileOutput(output.inputId, output.values)
    }
}
