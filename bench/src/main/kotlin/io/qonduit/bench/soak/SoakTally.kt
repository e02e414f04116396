package io.qonduit.bench.soak

import io.qonduit.job.Job
import io.qonduit.job.JobState

/** One logical submission: a child job and how to tell whether its result is right. */
internal class Logical(val job: Job, val scenario: String, val isRight: (Job) -> Boolean)

/**
 * What the soak keeps of a [Logical] once its composite is done: ids, state and the verdict on its
 * result, not the job handle or the result (holding 10 000 of those is the soak's footprint, not
 * the SDK's). [shown] is the result as text, kept only when it is wrong, for the report.
 */
internal class Verdict(
    val taskId: String?,
    val everTaskIds: List<String>,
    val state: JobState,
    val right: Boolean,
    val scenario: String,
    val inDoubt: String?,
    val shown: String?,
) {
    companion object {
        fun of(logical: Logical): Verdict {
            val job = logical.job
            val state = job.state
            val right = state == JobState.COMPLETED && runCatching { logical.isRight(job) }.getOrDefault(false)
            val wrongShown = if (state == JobState.COMPLETED && !right) runCatching { job.result?.item?.counts.toString() }.getOrNull() else null
            return Verdict(job.taskId, job.history.all().mapNotNull { it.taskId }.distinct(), state, right, logical.scenario, job.submissionInDoubt?.message, wrongShown)
        }
    }
}

/**
 * One provider's figures after the soak. [serverIds] are the ids of the runs the server holds for
 * this soak (for OQC: tasks submitted with a program; ids only allocated are [allocatedOnly]).
 */
internal class ProviderTally(
    val provider: String,
    verdicts: List<Verdict>,
    val serverIds: Set<String>,
    val allocatedOnly: Int,
    /** What is known about one server id (e.g. when it was created), for the report. */
    val describe: (String) -> String = { "" },
) {
    val logicalCount: Int = verdicts.size
    private val followed: Set<String> = verdicts.mapNotNull { it.taskId }.toSet()
    private val everFollowed: Set<String> = followed + verdicts.flatMap { it.everTaskIds }

    /** Server runs beyond one per logical submission. */
    val duplicates: Int = (serverIds.size - logicalCount).coerceAtLeast(0)

    /** Server runs no client job follows now. */
    val orphans: Set<String> = serverIds - followed

    /** Of [orphans], those a client job followed earlier (e.g. a failed run that was re-run). */
    val orphansOnceFollowed: Int = orphans.count { it in everFollowed }

    /** Client jobs whose id the server does not know, or that have no id. */
    val withoutServerRun: List<Verdict> = verdicts.filter { it.taskId == null || it.taskId !in serverIds }

    /** Two or more client jobs following the same server run. */
    val sharedIds: Int = verdicts.mapNotNull { it.taskId }.let { it.size - it.toSet().size }

    val states: Map<JobState, Int> = verdicts.groupingBy { it.state }.eachCount()

    /** Completed jobs whose counts are not the expected bitstring × shots (or, for Oqtant, not their own job). */
    val wrong: List<Verdict> = verdicts.filter { it.state == JobState.COMPLETED && !it.right }

    val unknown: Int = states[JobState.UNKNOWN_SUBMISSION] ?: 0
}
