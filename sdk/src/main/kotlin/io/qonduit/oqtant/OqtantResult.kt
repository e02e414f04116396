package io.qonduit.oqtant

import io.qonduit.job.ExtrasSerializer
import io.qonduit.job.ResultExtras
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.json.JsonObject
import io.qonduit.oqtant.model.Output

/**
 * What a completed Oqtant job returned, as typed values: the job with every run, each run's output
 * holding its images as primitive arrays ([io.qonduit.oqtant.model.Image.pixels]).
 *
 * Read it from a Qonduit [io.qonduit.job.JobResult] with [oqtantResult].
 *
 * @property job the job document, every run, with outputs
 */
public class OqtantResult(public val job: OqtantJob) : ResultExtras {
    /** The outputs of the runs that have one, in run order. */
    public val outputs: List<Output> get() = job.inputs.sortedBy { it.run ?: 0 }.mapNotNull { it.output }

    override fun equals(other: Any?): Boolean = other is OqtantResult && other.job == job

    override fun hashCode(): Int = job.hashCode()

    override fun toString(): String = "OqtantResult(${job.externalId}, ${job.inputs.size} runs, ${outputs.size} outputs)"

    internal companion object {
        /** Snapshots keep the job with images in the compact form (base64 of little-endian doubles). */
        val CODEC = ExtrasSerializer.Codec(
            OqtantBackend.PROVIDER, OqtantResult::class.java,
            encode = { JsonObject(mapOf("job" to OqtantJson.compact.encodeToJsonElement(OqtantJob.serializer(), it.job))) },
            decode = { OqtantResult(OqtantJson.compact.decodeFromJsonElement(OqtantJob.serializer(), it["job"] ?: JsonObject(emptyMap()))) },
        )
    }
}
