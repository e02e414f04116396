package io.qonduit.oqtopus

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * A job record (`jobs.Job`) as `GET /jobs/{id}` and `GET /jobs` return it. Every field may be absent
 * (`GET /jobs?fields=` asks for some only; a registered job has only [jobId] and [status]).
 *
 * [jobInfo] holds, in the current API, presigned download URLs of zips ([OqtopusClient.jobResult]
 * fetches them); in the previous API the results themselves ([inlineJobInfo]).
 */
@Serializable
public class OqtopusJob internal constructor(
    /** Job id. */
    @SerialName("job_id") public val jobId: String? = null,
    /** Name given at submission. */
    public val name: String? = null,
    /** Description given at submission. */
    public val description: String? = null,
    /** `sampling`, `estimation`, `multi_manual` or `sse`. */
    @SerialName("job_type") public val jobType: String? = null,
    /** `registered`, `submitted`, `ready`, `running`, `cancelling`, `succeeded`, `failed` or `cancelled`. */
    public val status: String? = null,
    /** Device id. */
    @SerialName("device_id") public val deviceId: String? = null,
    /** Shots. */
    public val shots: Int? = null,
    /** `job_info` as received (Kotlin; Java: [jobInfoJson]). */
    @get:JvmSynthetic
    @SerialName("job_info") public val jobInfo: JsonObject? = null,
    /** `transpiler_info` (Kotlin; Java: [transpilerInfoJson]). */
    @get:JvmSynthetic
    @SerialName("transpiler_info") public val transpilerInfo: JsonObject? = null,
    /** `simulator_info` (Kotlin; Java: [simulatorInfoJson]). */
    @get:JvmSynthetic
    @SerialName("simulator_info") public val simulatorInfo: JsonObject? = null,
    /** `mitigation_info` (Kotlin; Java: [mitigationInfoJson]). */
    @get:JvmSynthetic
    @SerialName("mitigation_info") public val mitigationInfo: JsonObject? = null,
    /** Execution time in seconds. */
    @SerialName("execution_time") public val executionTime: Double? = null,
    /** Submission time (RFC 3339 text). */
    @SerialName("submitted_at") public val submittedAt: String? = null,
    /** When the engine picked the job up. */
    @SerialName("ready_at") public val readyAt: String? = null,
    /** When it started running. */
    @SerialName("running_at") public val runningAt: String? = null,
    /** When it ended. */
    @SerialName("ended_at") public val endedAt: String? = null,
) {
    /** [jobInfo] as JSON text. */
    public val jobInfoJson: String? get() = jobInfo?.toString()

    /** [transpilerInfo] as JSON text. */
    public val transpilerInfoJson: String? get() = transpilerInfo?.toString()

    /** [simulatorInfo] as JSON text. */
    public val simulatorInfoJson: String? get() = simulatorInfo?.toString()

    /** [mitigationInfo] as JSON text. */
    public val mitigationInfoJson: String? get() = mitigationInfo?.toString()

    /** `job_info.message`: why a job has no result, when the service says. */
    public val message: String? get() = (jobInfo?.get("message") as? JsonPrimitive)?.takeIf { it.isString }?.content

    /** The presigned download URL `job_info.[key]` (current API), or null when absent or not a URL. */
    public fun downloadUrl(key: String): String? =
        (jobInfo?.get(key) as? JsonPrimitive)?.takeIf { it.isString && key != "message" }?.content
            ?.takeIf { it.startsWith("http://") || it.startsWith("https://") }

    /** True when `job_info` holds results inline (the previous API) rather than download URLs. */
    public val inlineJobInfo: Boolean get() = jobInfo?.get("program") is kotlinx.serialization.json.JsonArray

    // URLs are presigned credentials of their own: never shown.
    override fun toString(): String = "OqtopusJob(jobId=$jobId, type=$jobType, status=$status, device=$deviceId)"
}

/** `GET /jobs/{id}/status`. */
@Serializable
public class OqtopusJobStatus internal constructor(
    /** Job id. */
    @SerialName("job_id") public val jobId: String,
    /** The status (see [OqtopusJob.status]). */
    public val status: String,
) {
    override fun toString(): String = "OqtopusJobStatus($jobId, $status)"
}

/** The presigned storage form of `POST /jobs`: POST [url] with every field of [fields], then the file. */
@Serializable
public class OqtopusPresignedUpload internal constructor(
    /** The storage URL. */
    public val url: String,
    /** The form fields, `key` among them; they carry the upload's signature. */
    public val fields: Map<String, String>,
) {
    override fun toString(): String = "OqtopusPresignedUpload(key=${fields["key"]})"
}

/** `POST /jobs` (current API): the registered job's id and where to upload its input. */
@Serializable
public class OqtopusRegisteredJob internal constructor(
    /** Job id. */
    @SerialName("job_id") public val jobId: String,
    /** Where to upload `input.zip`. */
    @SerialName("presigned_url") public val presignedUrl: OqtopusPresignedUpload,
) {
    override fun toString(): String = "OqtopusRegisteredJob($jobId)"
}

/** `{"message": ...}` answers (submit, cancel, delete). */
@Serializable
public class OqtopusMessage internal constructor(
    /** The service's message. */
    public val message: String? = null,
) {
    override fun toString(): String = "OqtopusMessage($message)"
}

/** The submitted job's `input.json` (`jobs.S3SubmitJobInfo`). */
@Serializable
internal class InputJson(
    val program: List<String>? = null,
    val operator: List<OqtopusOperator>? = null,
    @SerialName("sse_program") val sseProgram: String? = null,
)

/** One Pauli-string term of an estimation operator: `{"pauli": "X 0 Z 1", "coeff": 1.5}`. */
@Serializable
public class OqtopusOperator @JvmOverloads constructor(
    /** Pauli string: letters with qubit indices, e.g. `"Z 0 Z 1"`; `""` is the identity. */
    public val pauli: String,
    /** Real coefficient. */
    public val coeff: Double = 1.0,
) {
    override fun equals(other: Any?): Boolean = other is OqtopusOperator && pauli == other.pauli && coeff == other.coeff

    override fun hashCode(): Int = pauli.hashCode() * 31 + coeff.hashCode()

    override fun toString(): String = if (coeff == 1.0) pauli else "$coeff*($pauli)"
}

/** The wire form of the submit request (`jobs.SubmitJobRequest`); [jobInfo] only in the previous, inline API. */
@Serializable
internal class SubmitRequest(
    val name: String? = null,
    val description: String? = null,
    @SerialName("device_id") val deviceId: String,
    @SerialName("job_type") val jobType: String,
    @SerialName("job_info") val jobInfo: InputJson? = null,
    @SerialName("transpiler_info") val transpilerInfo: JsonObject? = null,
    @SerialName("simulator_info") val simulatorInfo: JsonObject? = null,
    @SerialName("mitigation_info") val mitigationInfo: JsonObject? = null,
    val shots: Int,
)

/** `POST /jobs` of the previous API: `{job_id}`. */
@Serializable
internal class InlineSubmitted(@SerialName("job_id") val jobId: String)

/** `GET /jobs/{id}/sselog` of the previous API: the log zip as base64. */
@Serializable
internal class SseLogWire(val file: String? = null, @SerialName("file_name") val fileName: String? = null)

/** Reads JSON values that may come as objects or as JSON text in a string (transpile stats, `device_info`). */
internal object JsonOrText {
    fun objectOf(element: JsonElement?): JsonObject? = when {
        element is JsonObject -> element
        element is JsonPrimitive && element.isString ->
            runCatching { kotlinx.serialization.json.Json.parseToJsonElement(element.content) as? JsonObject }.getOrNull()
        else -> null
    }
}
