package io.qonduit.job

import io.qonduit.errors.QonduitException
import kotlin.time.Duration

/** A job finished with an error (see [Job.raiseForStatus] and [JobOutputProxy.raiseForError]). */
public class JobFailedException(
    /** The provider's task id. */
    public val taskId: String?,
    /** The device the job ran on. */
    public val device: String?,
    /** The provider's error code, when given. */
    public val code: Int?,
    /** The provider's error message. */
    public val details: String?,
) : QonduitException(
    "job ${taskId ?: "(not submitted)"} on ${device ?: "?"} failed" +
        (if (code != null) " with code $code" else "") + (if (details != null) ": $details" else ""),
)

/**
 * Submitting or waiting ran out of time. A job that was submitted goes on at the provider: call
 * `wait` or `execute` again to resume, or `cancel` it.
 */
public class JobTimeoutException(
    /** What timed out: `"submitting"` or `"waiting for"`. */
    public val operation: String,
    /** The task ids still in flight (empty when submission timed out). */
    public val taskIds: List<String>,
    /** The time allowed. */
    public val timeoutMillis: Long,
    /** The states of the jobs still in flight when time ran out. */
    public val lastStates: List<JobState>,
) : QonduitException(
    "timed out after $timeoutMillis ms $operation " +
        (if (taskIds.isEmpty()) "the job" else "${taskIds.size} job(s) ${taskIds.take(5)}" + (if (taskIds.size > 5) "…" else "")) +
        " (last states ${lastStates.distinct()})" + (if (taskIds.isEmpty()) "" else "; they go on at the provider"),
)

internal fun JobTimeoutException(operation: String, taskIds: List<String>, timeout: Duration, lastStates: List<JobState>): JobTimeoutException =
    JobTimeoutException(operation, taskIds, timeout.inWholeMilliseconds, lastStates)
