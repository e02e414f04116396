package io.qonduit.bench.soak

import io.qonduit.job.Job
import io.qonduit.job.JobState

/** One logical submission: a child job and how to tell whether its result is right. */
internal class Logical(val job: Job, val scenario: String, val isRight: (Job) -> Boolean)

/**
 * One provider's figures after the soak. [serverIds] are the ids of the runs the server holds for
 * this soak (for OQC: tasks submitted with a program; ids only allocated are [allocatedOnly]).
 */
internal class ProviderTally(
    val provider: String,
    logical: List<Logical>,
    val serverIds: Set<String>,
    val allocatedOnly: Int,
    /** What is known about one server id (e.g. when it was created), for the report. */
    val describe: (String) -> String = { "" },
) {
    val logicalCount: Int = logical.size
    private val followed: Set<String> = logical.mapNotNull { it.job.taskId }.toSet()
    private val everFollowed: Set<String> = followed + logical.flatMap { l -> l.job.history.all().mapNotNull { it.taskId } }

    /** Server runs beyond one per logical submission. */
    val duplicates: Int = (serverIds.size - logicalCount).coerceAtLeast(0)

    /** Server runs no client job follows now. */
    val orphans: Set<String> = serverIds - followed

    /** Of [orphans], those a client job followed earlier (e.g. a failed run that was re-run). */
    val orphansOnceFollowed: Int = orphans.count { it in everFollowed }

    /** Client jobs whose id the server does not know, or that have no id. */
    val withoutServerRun: List<Logical> = logical.filter { it.job.taskId == null || it.job.taskId !in serverIds }

    /** Two or more client jobs following the same server run. */
    val sharedIds: Int = logical.mapNotNull { it.job.taskId }.let { it.size - it.toSet().size }

    val states: Map<JobState, Int> = logical.groupingBy { it.job.state }.eachCount()

    /** Completed jobs whose counts are not the expected bitstring × shots (or, for Oqtant, not their own job). */
    val wrong: List<Logical> = logical.filter { it.job.state == JobState.COMPLETED && !runCatching { it.isRight(it.job) }.getOrDefault(false) }

    val unknown: Int = states[JobState.UNKNOWN_SUBMISSION] ?: 0
}
