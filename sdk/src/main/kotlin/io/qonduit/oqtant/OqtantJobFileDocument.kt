package io.qonduit.oqtant

import io.qonduit.oqtant.model.Input
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.JobOrigin
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.Output
import io.qonduit.oqtant.model.OutputValues
import io.qonduit.oqtant.model.PydanticNumbers
import io.qonduit.oqtant.model.Qpu
import io.qonduit.oqtant.model.QpuName
import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json

/**
 * A job as the Python client's `OqtantJob.model_dump_json()` writes it, byte for byte: keys in the
 * pydantic field order (JobBase fields, then `external_id`, `time_submit`, and the computed `job_type`
 * last), compact separators, non-ASCII characters unescaped, floats spelled by [PydanticNumbers]. It
 * also applies what the Python model does on the way in: `run` of a run without one becomes its
 * 1-based position (`input_run_populate`), `job_type` is recomputed, and a UUID is written lowercase.
 * Written by streaming (no JSON tree of the pixels).
 */
@OptIn(ExperimentalSerializationApi::class)
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
    @EncodeDefault(EncodeDefault.Mode.NEVER) @SerialName("qpu") val qpu: Qpu? = null,
    @EncodeDefault(EncodeDefault.Mode.NEVER) @SerialName("paid") val paid: Boolean? = null,
    @EncodeDefault(EncodeDefault.Mode.NEVER) @SerialName("failed_inputs") val failedInputs: List<Int>? = null,
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
        /**
         * [job]'s document; with [responseKeys] the response-only keys (`qpu`, `paid`, `failed_inputs`)
         * are appended when present, which the Python model (and so a job file) drops.
         */
        fun of(job: OqtantJob, responseKeys: Boolean): OqtantJobFileDocument = OqtantJobFileDocument(
            job.name, job.origin, job.status, job.display, job.timeStart, job.timeComplete, job.qpuName, job.inputCount,
            job.inputs.mapIndexed(::input), job.externalId?.let(::canonicalUuid), job.timeSubmit, job.jobType,
            job.qpu.takeIf { responseKeys }, job.paid.takeIf { responseKeys }, job.failedInputs.takeIf { responseKeys },
        )

        /** [job] as text, see the class comment. */
        fun encode(job: OqtantJob, responseKeys: Boolean): String =
            PydanticNumbers.respell(json.encodeToString(serializer(), of(job, responseKeys)))

        /** Lets a NaN or infinite pixel through, for [PydanticNumbers.respell] to write as pydantic does (`null`). */
        private val json = Json(OqtantJson.format) { allowSpecialFloatingPointValues = true }

        private fun input(index: Int, input: Input) = FileInput(
            input.jobId, input.run?.takeIf { it != 0 } ?: (index + 1), input.values, input.output?.let(::output), input.notes,
        )

        private fun output(output: Output) = FileOutput(output.inputId, output.values)

        /**
         * pydantic parses `external_id` as a UUID (hyphenated, 32 plain hex digits, braced or `urn:uuid:`)
         * and writes it hyphenated and lowercase; anything else is kept as it is.
         */
        private fun canonicalUuid(id: String): String {
            val bare = id.removePrefix("urn:uuid:").removeSurrounding("{", "}")
            val hex = when {
                HYPHENATED.matches(bare) -> bare.replace("-", "")
                SIMPLE.matches(bare) && bare == id -> bare
                else -> return id
            }.lowercase()
            return "${hex.substring(0, 8)}-${hex.substring(8, 12)}-${hex.substring(12, 16)}-${hex.substring(16, 20)}-${hex.substring(20)}"
        }

        private val HYPHENATED = Regex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
        private val SIMPLE = Regex("[0-9a-fA-F]{32}")
    }
}
