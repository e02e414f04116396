package io.qonduit.oqc.wire

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import java.time.Instant

/** Body of `POST {qpu}/monitoring/qpu_wait_time`. */
@Serializable
public data class QpuWaitTimeRequest(
    /** QPU ids asked about. */
    public val targets: List<String>,
)

/** Reply of `POST {qpu}/monitoring/qpu_wait_time`. */
@Serializable
public data class QpuWaitTimeResponse(
    /** One entry per requested QPU. */
    @SerialName("qpu_wait_times") public val qpuWaitTimes: List<QpuWaitTime> = emptyList(),
)

/**
 * Queue state of one QPU. Times arrive either as ISO with `Z` or as `YYYY-MM-DD HH:MM:SS[.ffffff]`;
 * the `*Instant()` accessors read both.
 */
@Serializable
public data class QpuWaitTime(
    /** QPU id. */
    @SerialName("qpu_id") public val qpuId: String? = null,
    /** Tasks queued ahead. */
    @SerialName("tasks_in_queue") public val tasksInQueue: Int? = null,
    /** When the QPU is expected to take new work (text as sent). */
    @SerialName("estimated_availability_time") public val estimatedAvailabilityTime: String? = null,
    /** When the estimate was made (text as sent). */
    public val timestamp: String? = null,
    /** Execution windows. */
    public val windows: List<QpuWindow> = emptyList(),
    /** Mean processing time per task, when given. */
    @SerialName("average_processing_seconds") public val averageProcessingSeconds: Double? = null,
) {
    /**
     * [estimatedAvailabilityTime] as an instant, or `null`.
     *
     * @throws io.qonduit.errors.ValidationException naming the field when unreadable
     */
    public fun estimatedAvailabilityInstant(): Instant? =
        estimatedAvailabilityTime?.let { OqcTime.parse(it, "qpu_wait_times.estimated_availability_time") }

    /**
     * [timestamp] as an instant, or `null`.
     *
     * @throws io.qonduit.errors.ValidationException naming the field when unreadable
     */
    public fun timestampInstant(): Instant? = timestamp?.let { OqcTime.parse(it, "qpu_wait_times.timestamp") }
}

/** One execution window of a QPU. */
@Serializable
public data class QpuWindow(
    /** Start (text as sent). */
    @SerialName("start_time") public val startTime: String? = null,
    /** End (text as sent). */
    @SerialName("end_time") public val endTime: String? = null,
    /** `CURRENT`, `NEXT` or `FUTURE`. */
    @SerialName("window_description") public val windowDescription: String? = null,
) {
    /**
     * [startTime] as an instant, or `null`.
     *
     * @throws io.qonduit.errors.ValidationException naming `windows.start_time` when unreadable
     */
    public fun startInstant(): Instant? = startTime?.let { OqcTime.parse(it, "windows.start_time") }

    /**
     * [endTime] as an instant, or `null`.
     *
     * @throws io.qonduit.errors.ValidationException naming `windows.end_time` when unreadable
     */
    public fun endInstant(): Instant? = endTime?.let { OqcTime.parse(it, "windows.end_time") }
}

/** Reply of `GET {qpu}/windows/next`; `{}` means no window is scheduled. */
@Serializable
public data class NextWindowResponse(
    /** The next window, or `null` when none is scheduled. */
    @SerialName("next_window") public val nextWindow: NextWindow? = null,
)

/** The next execution window. */
@Serializable
public data class NextWindow(
    /** Start, formatted `%Y-%m-%dT%H:%M:%SZ`. */
    public val starting: String,
) {
    /**
     * [starting] as an instant.
     *
     * @throws io.qonduit.errors.ValidationException naming `next_window.starting` when unreadable
     */
    public fun startingInstant(): Instant = OqcTime.parse(starting, "next_window.starting")
}

/**
 * Body of `POST /windows/one-off-window` (admin accounts): a dedicated window on one QPU. Times are
 * sent as given; [of] builds one from instants.
 */
@Serializable
public data class OneOffWindowRequest(
    /** QPU id. */
    @SerialName("qpu_id") public val qpuId: String,
    /** Window start. */
    @SerialName("start_time") public val startTime: String,
    /** Window end. */
    @SerialName("end_time") public val endTime: String,
    /** Lease type. */
    @SerialName("lease_type") public val leaseType: String,
    /** Lease holder. */
    @SerialName("lease_holder_name") public val leaseHolderName: String,
    /** Duration in hours. */
    @SerialName("duration_hours") public val durationHours: Double,
    /** Window name. */
    @SerialName("window_name") public val windowName: String,
    /** Window start as the server's scheduler expects it. */
    @SerialName("window_start") public val windowStart: String,
) {
    /** Factories. */
    public companion object {
        /**
         * A window on [qpuId] from [start] to [end] (whole seconds, UTC, `%Y-%m-%dT%H:%M:%SZ`);
         * `duration_hours` and `window_start` follow from them.
         *
         * @throws io.qonduit.errors.ValidationException naming `qpuId` when blank or `end` when not after [start]
         */
        @JvmStatic
        public fun of(qpuId: String, start: Instant, end: Instant, leaseType: String, leaseHolderName: String, windowName: String): OneOffWindowRequest {
            if (qpuId.isBlank()) throw io.qonduit.errors.ValidationException("qpuId", qpuId, "must name a QPU")
            val from = start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            val to = end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            if (!to.isAfter(from)) throw io.qonduit.errors.ValidationException("end", end, "must be after start $start")
            val startText = WINDOW_TIME.format(from.atOffset(java.time.ZoneOffset.UTC))
            val hours = java.time.Duration.between(from, to).seconds / SECONDS_PER_HOUR
            return OneOffWindowRequest(qpuId, startText, WINDOW_TIME.format(to.atOffset(java.time.ZoneOffset.UTC)), leaseType, leaseHolderName, hours, windowName, startText)
        }
    }
}

private val WINDOW_TIME: java.time.format.DateTimeFormatter = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
private const val SECONDS_PER_HOUR = 3600.0
