package io.qonduit.job

import java.time.Instant

/**
 * Everything known about a job's progress at one moment: the unified [state], the provider's own
 * [rawStatus], and the queue information when the provider reports it.
 */
public class JobStatus @JvmOverloads constructor(
    /** Unified state. */
    public val state: JobState,
    /** The provider's task id, or null before submission. */
    public val taskId: String? = null,
    /** The provider's status string as received (`"pending"`, `"SUBMITTED"`, ...), null before submission. */
    public val rawStatus: String? = null,
    /** Position in the provider's queue, when reported. */
    public val queuePosition: Int? = null,
    /** Estimated start of execution, when reported. */
    public val estimatedStart: Instant? = null,
    /** An informational message from the provider, when one came with the status. */
    public val message: String? = null,
) {
    override fun equals(other: Any?): Boolean =
        other is JobStatus && state == other.state && taskId == other.taskId && rawStatus == other.rawStatus &&
            queuePosition == other.queuePosition && estimatedStart == other.estimatedStart && message == other.message

    override fun hashCode(): Int = listOf(state, taskId, rawStatus, queuePosition, estimatedStart, message).hashCode()

    override fun toString(): String = buildString {
        append(state)
        if (rawStatus != null) append(" (").append(rawStatus).append(')')
        if (taskId != null) append(" task=").append(taskId)
        if (queuePosition != null) append(" queue=").append(queuePosition)
        if (estimatedStart != null) append(" eta=").append(estimatedStart)
        if (message != null) append(" message=").append(message)
    }
}
