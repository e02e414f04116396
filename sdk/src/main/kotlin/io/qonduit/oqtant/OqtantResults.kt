@file:JvmName("OqtantResults")

package io.qonduit.oqtant

import io.qonduit.errors.QonduitException
import io.qonduit.job.JobResult
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.Output
import kotlinx.serialization.SerializationException

/**
 * The Oqtant job (every run, with outputs) a completed [OqtantBackend] job returned.
 *
 * @throws QonduitException when this result did not come from Oqtant
 */
public fun JobResult.oqtantJob(): OqtantJob = try {
    OqtantJson.format.decodeFromJsonElement(OqtantJob.serializer(), data)
} catch (e: SerializationException) {
    throw QonduitException("this result is not an Oqtant job (device $device): ${e.message?.lineSequence()?.first()}", e)
} catch (e: IllegalArgumentException) {
    throw QonduitException("this result is not an Oqtant job (device $device): ${e.message?.lineSequence()?.first()}", e)
}

/** The outputs of the runs that have one, in run order. @throws QonduitException when this result did not come from Oqtant */
public fun JobResult.oqtantOutputs(): List<Output> = oqtantJob().inputs.sortedBy { it.run ?: 0 }.mapNotNull { it.output }
