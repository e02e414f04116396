@file:JvmName("OqtantResults")

package io.qonduit.oqtant

import io.qonduit.errors.QonduitException
import io.qonduit.job.ExtrasSerializer
import io.qonduit.job.JobResult
import io.qonduit.job.ResultExtras
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.Output
import kotlinx.serialization.json.JsonObject

/**
 * The extras of a completed Oqtant job's result item: the job document with every run and its
 * output, decoded into the typed model.
 */
public class OqtantResult(
    /** The finished job, every run with its output. */
    public val job: OqtantJob,
) : ResultExtras {
    /** The outputs of the runs that have one, in run order. */
    public val outputs: List<Output> get() = job.inputs.sortedBy { it.run ?: 0 }.mapNotNull { it.output }

    override fun equals(other: Any?): Boolean = other is OqtantResult && other.job == job

    override fun hashCode(): Int = job.hashCode()

    override fun toString(): String = "OqtantResult(${job.externalId}, ${job.inputs.size} run(s))"

    internal companion object {
        val CODEC = ExtrasSerializer.Codec(
            OqtantBackend.PROVIDER, OqtantResult::class.java,
            encode = { JsonObject(mapOf("job" to OqtantJson.format.encodeToJsonElement(OqtantJob.serializer(), it.job))) },
            decode = { OqtantResult(OqtantJson.format.decodeFromJsonElement(OqtantJob.serializer(), it["job"] ?: JsonObject(emptyMap()))) },
        )
    }
}

/**
 * The Oqtant job (every run, with outputs) a completed [OqtantBackend] job returned.
 *
 * @throws QonduitException when this result did not come from Oqtant
 */
public fun JobResult.oqtantJob(): OqtantJob =
    (items.singleOrNull()?.extras as? OqtantResult)?.job
        ?: throw QonduitException("this result is not an Oqtant job (device $device)")

/** The outputs of the runs that have one, in run order. @throws QonduitException when this result did not come from Oqtant */
public fun JobResult.oqtantOutputs(): List<Output> = oqtantJob().inputs.sortedBy { it.run ?: 0 }.mapNotNull { it.output }
