package io.qonduit.backend

import io.qonduit.job.JobState
import io.qonduit.job.ResultItem
import java.time.Instant

/**
 * What a provider said about one task when polled.
 *
 * A report with state [JobState.COMPLETED] carries [result]; one with [JobState.FAILED] carries
 * [error]. A null [state] means the provider's status was not recognised (OQC's `UNKNOWN`): the job
 * keeps its previous state and polling goes on.
 */
public class TaskReport @JvmOverloads constructor(
    /** Unified state, or null when the provider's status is unknown. */
    public val state: JobState?,
    /** The provider's status string as received. */
    public val rawStatus: String,
    /** Queue position, when reported. */
    public val queuePosition: Int? = null,
    /** Estimated start of execution, when reported. */
    public val estimatedStart: Instant? = null,
    /** Informational message, when one came with the status. */
    public val message: String? = null,
    /** The result of a completed task. */
    public val result: ResultData? = null,
    /** The error of a failed task. */
    public val error: ErrorData? = null,
)

/**
 * The result of a completed task, decoded by the backend: one [ResultItem] per program × binding of
 * the task's input, in the order of [io.qonduit.job.JobInput.plan].
 */
public class ResultData(
    /** The result items. */
    public val items: List<ResultItem>,
)

/** The error of a failed task: the provider's [code] (when any) and [message]. */
public class ErrorData @JvmOverloads constructor(
    public val message: String,
    public val code: Int? = null,
)
