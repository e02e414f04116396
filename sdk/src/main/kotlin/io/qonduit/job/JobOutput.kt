package io.qonduit.job

import io.qonduit.errors.ValidationException
import java.time.Instant

/**
 * The output of one finished run of a job: a [JobResult] or a [JobError]. Immutable; each run of a job
 * appends one to the job's history.
 */
public sealed class JobOutput(
    /** The provider's task id of the run. */
    public val taskId: String?,
    /** What was run. */
    public val input: JobInput,
    /** When the output was received. */
    public val received: Instant,
    /** Timings, metrics and metadata, when the job fetches diagnostics. */
    public val diagnostics: Diagnostics?,
) {
    /** The device the run went to. */
    public val device: String get() = input.device

    /** The programs that ran. */
    public val programs: List<io.qonduit.program.Program> get() = input.programs
}

/**
 * A successful run: one [ResultItem] per program × binding, in submission order.
 *
 * @property items the result items
 */
public class JobResult(
    taskId: String?,
    input: JobInput,
    received: Instant,
    diagnostics: Diagnostics?,
    public val items: List<ResultItem>,
) : JobOutput(taskId, input, received, diagnostics) {
    /** The only item. @throws AmbiguousResultException when there are several (or none) */
    public val item: ResultItem get() = items.singleOrNull() ?: throw AmbiguousResultException(items.size)

    /** Classical registers of the only item. @throws AmbiguousResultException when there are several */
    public val registers: Set<String> get() = item.registers

    /**
     * Counts of one classical register of the only item.
     *
     * @throws AmbiguousResultException when the result has several items
     * @throws UnknownRegisterException when the register is not in the result
     */
    public fun counts(creg: String): Map<String, Long> = item.counts(creg)

    /** This result's items as a counts table, one row per item; see [JobOutputProxy.countsTable]. */
    @JvmOverloads
    public fun countsTable(creg: String, endianness: Endianness = Endianness.BIG): CountsTable =
        CountsTable.of(listOf(this), creg, endianness)

    override fun toString(): String = "JobResult(task=$taskId, device=$device, items=$items)"
}

/**
 * A failed run.
 *
 * @property code the provider's error code, when it gives one
 * @property message the provider's error message
 */
public class JobError(
    taskId: String?,
    input: JobInput,
    received: Instant,
    diagnostics: Diagnostics?,
    public val code: Int?,
    public val message: String,
) : JobOutput(taskId, input, received, diagnostics) {
    /** The error as an exception, for [JobOutputProxy.raiseForError] and [Job.raiseForStatus]. */
    public fun toException(): JobFailedException = JobFailedException(taskId, device, code, message)

    override fun toString(): String = "JobError(task=$taskId, device=$device, code=$code, message=$message)"
}

/** A classical register was asked for that no result has; names the ones that exist. */
public class UnknownRegisterException(
    /** The register asked for. */
    public val register: String,
    /** The registers that exist. */
    public val available: Set<String>,
) : NoSuchElementException("no classical register '$register' in the results; available: ${available.sorted()}")

internal fun requireBitPattern(pattern: String, width: Int) {
    if (pattern.isEmpty() || pattern.any { it != '0' && it != '1' && it != '*' }) {
        throw ValidationException("pattern", pattern, "must be a non-empty string of '0', '1' and '*'")
    }
    if (pattern.length != width) {
        throw ValidationException("pattern", pattern, "must be exactly $width characters long, as the bitstrings are")
    }
}
