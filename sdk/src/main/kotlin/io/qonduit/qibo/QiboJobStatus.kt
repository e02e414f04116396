package io.qonduit.qibo

import io.qonduit.job.JobState

/** qibo-client's `QiboJobStatus`: the six statuses of a Qibo job, and their unified [state]. */
public enum class QiboJobStatus(
    /** The unified state: queueing/pending → QUEUED, running/postprocessing → RUNNING, success → COMPLETED, error → FAILED. */
    public val state: JobState,
) {
    /** In the queue waiting for resources. */
    QUEUEING(JobState.QUEUED),

    /** Pending execution. */
    PENDING(JobState.QUEUED),

    /** Running. */
    RUNNING(JobState.RUNNING),

    /** Results being generated. */
    POSTPROCESSING(JobState.RUNNING),

    /** Finished; `results.npy` holds the result. */
    SUCCESS(JobState.COMPLETED),

    /** Failed; the archive holds the logs. */
    ERROR(JobState.FAILED),
    ;

    /** True for [SUCCESS] and [ERROR], after which the archive is downloaded. */
    public val isTerminal: Boolean get() = this == SUCCESS || this == ERROR

    public companion object {
        /** The status the server's string names, matched case-insensitively; null for any other string (polling goes on). */
        @JvmStatic
        public fun of(status: String?): QiboJobStatus? = status?.trim()?.uppercase()?.let { s -> entries.firstOrNull { it.name == s } }
    }
}
