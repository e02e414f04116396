package io.qonduit.oqtant.model

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.intOrNull

/**
 * Answer to `GET {U}/job_limits` (bert_schemas `JobLimit`).
 *
 * @property dailyLimit jobs allowed per day
 * @property dailyRemaining jobs left today
 * @property standardCredits standard credits left, or null
 * @property priorityCredits priority credits left, or null
 */
@Serializable
public data class JobLimits @JvmOverloads constructor(
    @SerialName("daily_limit") public val dailyLimit: Int,
    @SerialName("daily_remaining") public val dailyRemaining: Int,
    @SerialName("standard_credits") public val standardCredits: Int? = null,
    @SerialName("priority_credits") public val priorityCredits: Int? = null,
)

/**
 * Answer to `POST {U}/jobs` (bert_schemas `JobCreateResponse`). Only the client decodes it, so it
 * has no public constructor; it is not a data class because its wire-typed [estTime] must stay out
 * of Java signatures (`copy`, `component3`).
 *
 * @property jobId the new job's external UUID
 * @property queuePosition position in the queue
 * @property estTime estimated time, a number or a text as the service sends it (Kotlin; Java:
 *   [estTimeNumber], [estTimeText])
 */
@Serializable
public class JobCreateResponse internal constructor(
    @SerialName("job_id") public val jobId: String,
    @SerialName("queue_position") public val queuePosition: Int,
    @SerialName("est_time") @get:JvmSynthetic public val estTime: JsonPrimitive,
) {
    /** [estTime] when it is a whole number, else null. */
    public val estTimeNumber: Int? get() = if (estTime.isString) null else estTime.intOrNull

    /** [estTime] as text (numbers rendered as digits). */
    public val estTimeText: String get() = estTime.content

    override fun equals(other: Any?): Boolean =
        other is JobCreateResponse && jobId == other.jobId && queuePosition == other.queuePosition && estTime == other.estTime

    override fun hashCode(): Int = listOf(jobId, queuePosition, estTime).hashCode()

    override fun toString(): String = "JobCreateResponse(jobId=$jobId, queuePosition=$queuePosition, estTime=$estTime)"
}

/**
 * Raw camera images of a run (bert_schemas `RawImagesResponse`).
 *
 * @property imageType which camera application took them
 * @property absolute the absorption/fluorescence image
 * @property background the background image, or null
 * @property jobExternalId the job's UUID
 * @property run the run number
 */
@Serializable
public data class RawImages @JvmOverloads constructor(
    @SerialName("image_type") public val imageType: ImageAppId,
    @SerialName("absolute") public val absolute: Image,
    @SerialName("background") public val background: Image? = null,
    @SerialName("job_external_id") public val jobExternalId: String? = null,
    @SerialName("run") public val run: Int? = null,
)
