package io.qonduit.job

/**
 * The unified lifecycle of a job on any provider.
 *
 * Each provider's own status string is kept beside it as [JobStatus.rawStatus]; the mapping from
 * provider strings to these states lives in each provider's backend.
 */
public enum class JobState {
    /** Built locally, or registered with the provider but not yet queued. */
    CREATED,

    /** Accepted by the provider and waiting for a device. */
    QUEUED,

    /** Executing on the device (or being post-processed). */
    RUNNING,

    /** Finished with a result. */
    COMPLETED,

    /** Finished with an error. */
    FAILED,

    /** Cancelled by the user or the provider. */
    CANCELLED,

    /**
     * A submission was sent but its reply never came (a dropped connection, a timeout), and the
     * provider could not tell whether it created the task. Nothing is sent again blindly: see
     * [Job.reconcile] and [Job.discardSubmission].
     */
    UNKNOWN_SUBMISSION,
    ;

    /** True for [COMPLETED], [FAILED] and [CANCELLED]: no further change will come from the provider. */
    public val isTerminal: Boolean get() = this == COMPLETED || this == FAILED || this == CANCELLED
}
