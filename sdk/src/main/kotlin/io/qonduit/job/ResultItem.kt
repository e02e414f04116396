package io.qonduit.job

import io.qonduit.program.Program

/**
 * Typed provider-specific data of a result item that is not counts (QPI's hex keys, an Oqtant
 * output with its images, ...). Each provider documents its own class.
 */
public interface ResultExtras

/**
 * The expectation value of one observable, when the provider computes it.
 *
 * @property observable the observable as the provider names it (e.g. a sum of Pauli strings)
 * @property value the expectation value
 * @property std its standard deviation, when reported
 */
public class ExpectationValue @JvmOverloads constructor(
    public val observable: String,
    public val value: Double,
    public val std: Double? = null,
) {
    override fun equals(other: Any?): Boolean =
        other is ExpectationValue && observable == other.observable && value == other.value && std == other.std

    override fun hashCode(): Int = listOf(observable, value, std).hashCode()

    override fun toString(): String = "<$observable> = $value" + (std?.let { " ± $it" } ?: "")
}

/**
 * The result of one program × binding of a job.
 *
 * @property programIndex index of the program in the job's [JobInput.items]
 * @property bindingIndex index of the binding in that program's bindings; null when it ran unbound
 * @property program the program that ran
 * @property binding the parameter values it ran with (empty when unbound)
 * @property shots the shots it ran, when known
 * @property counts measurement counts per classical register, 64-bit; keys are bitstrings in OQC's
 *   big-endian notation (character `i` is bit `i` of the register, `c[0]` leftmost). Empty for
 *   programs without counts (Oqtant images).
 * @property memory per-shot bitstrings per classical register, when the provider returns them
 * @property expectationValues expectation values, when the provider computes them
 * @property extras the provider's typed extras, or null
 */
public class ResultItem @JvmOverloads constructor(
    public val programIndex: Int,
    public val bindingIndex: Int?,
    public val program: Program,
    public val binding: Map<String, Double> = emptyMap(),
    public val shots: Int? = null,
    public val counts: Map<String, Map<String, Long>> = emptyMap(),
    public val memory: Map<String, List<String>>? = null,
    public val expectationValues: List<ExpectationValue> = emptyList(),
    public val extras: ResultExtras? = null,
) {
    /** The item of [run] with the given data. */
    @JvmOverloads
    public constructor(
        run: PlannedRun,
        shots: Int? = null,
        counts: Map<String, Map<String, Long>> = emptyMap(),
        memory: Map<String, List<String>>? = null,
        expectationValues: List<ExpectationValue> = emptyList(),
        extras: ResultExtras? = null,
    ) : this(run.programIndex, run.bindingIndex, run.program, run.binding, shots, counts, memory, expectationValues, extras)

    /** Classical registers present in [counts]. */
    public val registers: Set<String> get() = counts.keys

    /**
     * Counts of one classical register.
     *
     * @throws UnknownRegisterException when the register is not in this item
     */
    public fun counts(creg: String): Map<String, Long> = counts[creg] ?: throw UnknownRegisterException(creg, counts.keys)

    /** The extras as [type], or null when they are of another type or absent. */
    public fun <T : ResultExtras> extras(type: Class<T>): T? = extras?.takeIf { type.isInstance(it) }?.let(type::cast)

    override fun toString(): String = buildString {
        append("ResultItem(program=").append(programIndex)
        if (binding.isNotEmpty()) append(", binding=").append(binding)
        if (counts.isNotEmpty()) append(", counts=").append(counts)
        if (expectationValues.isNotEmpty()) append(", expectationValues=").append(expectationValues)
        extras?.let { append(", extras=").append(it::class.simpleName) }
        append(')')
    }
}

/** A single-item question (such as "the" counts) was asked of a result with several items. */
public class AmbiguousResultException(
    /** How many items the result has. */
    public val items: Int,
) : IllegalStateException(
    "this result has $items items (one per program × binding); pick one with items[i] or use " +
        "JobOutputProxy.counts/countsTable, which span every item",
)
