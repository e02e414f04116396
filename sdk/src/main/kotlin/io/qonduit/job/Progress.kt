package io.qonduit.job

/** How many children of a composite job are in each state. */
public class Progress(counts: Map<JobState, Int>) {
    private val counts: Map<JobState, Int> = JobState.entries.associateWith { counts[it] ?: 0 }

    /** Number of children in [state]. */
    public fun count(state: JobState): Int = counts.getValue(state)

    /** Counts per state, every state present. */
    public fun counts(): Map<JobState, Int> = counts

    /** Number of children. */
    public val total: Int get() = counts.values.sum()

    /** Number of children in a terminal state. */
    public val done: Int get() = counts.filterKeys { it.isTerminal }.values.sum()

    /** True when every child is terminal. */
    public val isDone: Boolean get() = done == total

    override fun equals(other: Any?): Boolean = other is Progress && other.counts == counts

    override fun hashCode(): Int = counts.hashCode()

    override fun toString(): String =
        "$done/$total done (" + counts.filterValues { it > 0 }.entries.joinToString { "${it.key}=${it.value}" } + ")"
}
