package io.qonduit.oqtant

import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.Output

/**
 * What a completed Oqtant job returned, as typed values: the job with every run, each run's output
 * holding its images as primitive arrays ([io.qonduit.oqtant.model.Image.pixels]).
 *
 * Read it from a Qonduit [io.qonduit.job.JobResult] with [oqtantResult].
 *
 * @property job the job document, every run, with outputs
 */
public class OqtantResult(public val job: OqtantJob) {
    /** The outputs of the runs that have one, in run order. */
    public val outputs: List<Output> get() = job.inputs.sortedBy { it.run ?: 0 }.mapNotNull { it.output }

    override fun equals(other: Any?): Boolean = other is OqtantResult && other.job == job

    override fun hashCode(): Int = job.hashCode()

    override fun toString(): String = "OqtantResult(${job.externalId}, ${job.inputs.size} runs, ${outputs.size} outputs)"
}
