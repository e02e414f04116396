@file:JvmName("OqtantResults")

package io.qonduit.oqtant

import io.qonduit.errors.QonduitException
import io.qonduit.job.JobResult
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.Output

/**
 * The typed result (every run, with outputs) a completed [OqtantBackend] job returned: the extras
 * of its one item.
 *
 * @throws QonduitException when this result did not come from Oqtant
 */
public fun JobResult.oqtantResult(): OqtantResult =
    items.singleOrNull()?.extras as? OqtantResult
        ?: throw QonduitException("this result is not an Oqtant job (device $device)")

/**
 * The Oqtant job (every run, with outputs) a completed [OqtantBackend] job returned.
 *
 * @throws QonduitException when this result did not come from Oqtant
 */
public fun JobResult.oqtantJob(): OqtantJob = oqtantResult().job

/** The outputs of the runs that have one, in run order. @throws QonduitException when this result did not come from Oqtant */
public fun JobResult.oqtantOutputs(): List<Output> = oqtantResult().outputs
