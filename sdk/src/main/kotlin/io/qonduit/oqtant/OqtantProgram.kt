package io.qonduit.oqtant

import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.program.Program

/** An Oqtant experiment as a [Program]: the job document to submit (its runs, without outputs). */
public class OqtantProgram(
    /** The job document. */
    public val job: OqtantJob,
) : Program {
    override val parameterNames: List<String> get() = emptyList()

    override fun equals(other: Any?): Boolean = other is OqtantProgram && other.job == job

    override fun hashCode(): Int = job.hashCode()

    override fun toString(): String = "OqtantProgram(${job.name}, ${job.inputs.size} run(s))"
}
