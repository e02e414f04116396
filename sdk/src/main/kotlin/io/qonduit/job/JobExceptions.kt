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

/**
 * A submission may have created a task at the provider, but Qonduit cannot tell: its reply was lost
 * or it timed out, and looking it up found nothing (yet). The job is in
 * [JobState.UNKNOWN_SUBMISSION]; nothing is sent again until [Job.reconcile] finds the task or the
 * caller decides with [Job.discardSubmission] that nothing was created.
 *
 * @property provider the provider the submission went to
 * @property device the device it named
 * @property sentAt when it was sent: a task, if any, was created at or after this moment
 * @property lookup how to look for the task at the provider
 */
public class SubmissionUnknownException(
    public val provider: String,
    public val device: String,
    public val sentAt: java.time.Instant,
    public val lookup: String,
    cause: Throwable?,
) : io.qonduit.errors.QonduitException(
    "a submission to $provider ($device) sent at $sentAt may have created a task, but its reply never came " +
        "(${cause?.message ?: "no reply"}); $lookup. Call reconcile() to look again, or discardSubmission() to allow a new one.",
    cause,
)
