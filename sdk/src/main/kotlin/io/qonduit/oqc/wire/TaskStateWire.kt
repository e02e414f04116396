package io.qonduit.oqc.wire

import io.qonduit.errors.ValidationException
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.longOrNull

/** OQC's `TaskStatus` values. */
public enum class OqcTaskStatus {
    /** Status not known (also used when the reply lacks one or names an unknown value). */
    UNKNOWN,

    /** Id allocated, not yet submitted. */
    CREATED,

    /** Queued. */
    SUBMITTED,

    /** Executing. */
    RUNNING,

    /** Finished with results. */
    COMPLETED,

    /** Finished with an error. */
    FAILED,

    /** Cancelled by the user. */
    CANCELLED,

    /** Expired before running. */
    EXPIRED,
    ;

    /** Lookup. */
    public companion object {
        /** The status named [text], or [UNKNOWN] for `null` or a value this SDK does not know. */
        @JvmStatic
        public fun fromWire(text: String?): OqcTaskStatus = entries.firstOrNull { it.name == text } ?: UNKNOWN
    }
}

/** Reply of `GET {qpu}/tasks/{id}/status`. */
@Serializable
public data class TaskStatusResponse(
    /** The status as sent; see [taskStatus]. */
    public val status: String? = null,
) {
    /** The typed status; [OqcTaskStatus.UNKNOWN] when absent, as the Python client defaults. */
    public val taskStatus: OqcTaskStatus get() = OqcTaskStatus.fromWire(status)
}

/**
 * Reply of `GET {qpu}/tasks/{id}/results`: `{"results": {creg: {bitstring: count}}}`. A reply without
 * `results` means the results are not ready yet.
 */
@Serializable
public class TaskResultsResponse internal constructor(
    /** Results per classical register, as received; `null` when not ready (Kotlin; Java: [resultsJson]). */
    @get:JvmSynthetic
    public val results: JsonObject? = null,
) {
    /** [results] as JSON text; `null` when not ready. */
    public val resultsJson: String? get() = results?.toString()

    override fun equals(other: Any?): Boolean = other is TaskResultsResponse && results == other.results

    override fun hashCode(): Int = results.hashCode()

    override fun toString(): String = "TaskResultsResponse(results=$results)"

    /** True once the reply carries results. */
    public val isReady: Boolean get() = results != null

    /**
     * Bitstring counts per classical register, e.g. `{"c": {"00": 52, "11": 48}}` (bitstrings in OQC's
     * big-endian order), or `null` when not ready.
     *
     * @throws ValidationException naming `results.<creg>` when a register does not hold counts (the
     *   config asked for raw or binary per-shot values instead of BinaryCount)
     */
    public fun counts(): Map<String, Map<String, Long>>? = results?.let { countsOf(it, "results") }
}

/** Error details of a failed task. */
@Serializable
public data class TaskError(
    /** Human-readable error. */
    @SerialName("error_message") public val errorMessage: String? = null,
    /** Error code chosen by the server. */
    @SerialName("error_code") public val errorCode: Int? = null,
)

/** Reply of `GET {qpu}/tasks/{id}/error`. */
@Serializable
public data class TaskErrorResponse(
    /** The error, or `null` when the task has none. */
    @SerialName("task_error") public val taskError: TaskError? = null,
)

/** Reply of `GET {qpu}/tasks/{id}/all_info`: status, results and error in one. */
@Serializable
public class TaskAllInfo internal constructor(
    /** The status as sent; see [taskStatus]. */
    public val status: String? = null,
    /** Results per register when completed (Kotlin; Java: [resultsJson]). */
    @get:JvmSynthetic
    public val results: JsonObject? = null,
    /** Error details when failed. */
    @SerialName("task_error") public val taskError: TaskError? = null,
) {
    /** [results] as JSON text; `null` without results. */
    public val resultsJson: String? get() = results?.toString()

    override fun equals(other: Any?): Boolean =
        other is TaskAllInfo && status == other.status && results == other.results && taskError == other.taskError

    override fun hashCode(): Int = listOf(status, results, taskError).hashCode()

    override fun toString(): String = "TaskAllInfo(status=$status, results=$results, taskError=$taskError)"

    /** The typed status; [OqcTaskStatus.UNKNOWN] when absent. */
    public val taskStatus: OqcTaskStatus get() = OqcTaskStatus.fromWire(status)

    /**
     * Bitstring counts per register, or `null` without results.
     *
     * @throws ValidationException naming `results.<creg>` when a register does not hold counts
     */
    public fun counts(): Map<String, Map<String, Long>>? = results?.let { countsOf(it, "results") }
}

internal fun countsOf(results: JsonObject, field: String): Map<String, Map<String, Long>> =
    countsOf(results, field) { at, value, limit -> throw ValidationException(at, value, limit) }

/**
 * The BinaryCount results per register, every count a whole number from 0 to [Long.MAX_VALUE] and
 * every key a bitstring; anything else goes to [refuse] with the field, the value as text and the rule.
 */
internal fun countsOf(
    results: JsonObject,
    field: String,
    refuse: (field: String, value: String, limit: String) -> Nothing,
): Map<String, Map<String, Long>> =
    results.mapValues { (creg, value) ->
        val obj = value as? JsonObject ?: refuse("$field.$creg", value.toString().take(80), "must map bitstrings to counts (BinaryCount results)")
        obj.mapValues { (bits, count) ->
            val n = (count as? JsonPrimitive)?.takeIf { !it.isString && count != JsonNull }?.longOrNull
            if (n == null || n < 0 || bits.isEmpty() || bits.any { it != '0' && it != '1' }) {
                refuse("$field.$creg.$bits", count.toString(), "must be a bitstring with a whole count from 0 to ${Long.MAX_VALUE}")
            }
            n
        }
    }

/** Reply of `GET {qpu}/tasks/{id}/timings`: `RECEIVER_*` / `SERVER_*` stage times. */
@Serializable
public data class TaskTimingsResponse(
    /** Stage name to time text, e.g. `"2023-10-17 11:24:32.937188+00:00"`. */
    public val timings: Map<String, String?> = emptyMap(),
) {
    /**
     * Every non-null timing as an instant.
     *
     * @throws ValidationException naming `timings.<stage>` for an unreadable time
     */
    public fun instants(): Map<String, java.time.Instant> =
        timings.filterValues { it != null }.mapValues { (k, v) -> OqcTime.parse(v!!, "timings.$k") }
}

/** Reply of `GET {qpu}/tasks/{id}/execution_metadata`: the metrics the config asked for. */
@Serializable
public class ExecutionMetadataResponse internal constructor(
    /** Metrics by snake_case name, as received (Kotlin; Java: [executionMetadataJson]). */
    @SerialName("execution_metadata") @get:JvmSynthetic
    public val executionMetadata: JsonObject = JsonObject(emptyMap()),
) {
    /** [executionMetadata] as JSON text. */
    public val executionMetadataJson: String get() = executionMetadata.toString()

    /** Any metric by name as JSON text, or `null`. */
    public fun getJson(name: String): String? = executionMetadata[name]?.toString()

    override fun equals(other: Any?): Boolean = other is ExecutionMetadataResponse && executionMetadata == other.executionMetadata

    override fun hashCode(): Int = executionMetadata.hashCode()

    override fun toString(): String = "ExecutionMetadataResponse(executionMetadata=$executionMetadata)"

    /** `optimized_circuit`, if returned. */
    public val optimizedCircuit: String?
        get() = (executionMetadata["optimized_circuit"] as? JsonPrimitive)?.takeIf { it.isString }?.content

    /** `optimized_instruction_count`, if returned. */
    public val optimizedInstructionCount: Long?
        get() = (executionMetadata["optimized_instruction_count"] as? JsonPrimitive)?.takeIf { !it.isString }?.longOrNull

    /** Any metric by name (Kotlin; Java: [getJson]). */
    @JvmSynthetic
    public operator fun get(name: String): JsonElement? = executionMetadata[name]
}
