@file:JvmName("OqtantResults")

package io.qonduit.oqtant

import io.qonduit.errors.QonduitException
import io.qonduit.job.JobResult
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.Output
import kotlinx.serialization.SerializationException

/**
 * The typed result (every run, with outputs) a completed [OqtantBackend] job returned. Decoded from
 * the compact form [OqtantBackend] stores, so each call gives fresh arrays.
 *
 * @throws QonduitException when this result did not come from Oqtant
 */
public fun JobResult.oqtantResult(): OqtantResult = try {
    OqtantResult(OqtantJson.compact.decodeFromJsonElement(OqtantJob.serializer(), data))
} catch (e: SerializationException) {
    throw QonduitException("this result is not an Oqtant job (device $device): ${e.message?.lineSequence()?.first()}", e)
} catch (e: IllegalArgumentException) {
    throw QonduitException("this result is not an Oqtant job (device $device): ${e.message?.lineSequence()?.first()}", e)
}

/**
 * The Oqtant job (every run, with outputs) a completed [OqtantBackend] job returned.
 *
 * @throws QonduitException when this result did not come from Oqtant
 */
public fun JobResult.oqtantJob(): OqtantJob = oqtantResult().job

/** The outputs of the runs that have one, in run order. @throws QonduitException when this result did not come from Oqtant */
public fun JobResult.oqtantOutputs(): List<Output> = oqtantResult().outputs
