package io.qonduit.job

import io.qonduit.program.Bindings
import io.qonduit.program.Program

/**
 * One program of a job with its own shots and parameter bindings. A run item with `n` bindings
 * yields `n` result items; with [Bindings.NONE] it yields one.
 */
public class RunItem @JvmOverloads constructor(
    /** What to run. */
    public val program: Program,
    /** Shots for this program; null takes the job's [RunOptions.shots]. */
    public val shots: Int? = null,
    /** Values for the program's parameters; [Bindings.NONE] takes the job's [RunOptions.bindings]. */
    public val bindings: Bindings = Bindings.NONE,
) {
    /** The shots this item runs with under [options]. */
    public fun shotsUnder(options: RunOptions, default: Int): Int = shots ?: options.shots ?: default

    /** The bindings this item runs with under [options]. */
    public fun bindingsUnder(options: RunOptions): Bindings = if (bindings.isEmpty()) options.bindings else bindings

    override fun equals(other: Any?): Boolean =
        other is RunItem && program == other.program && shots == other.shots && bindings == other.bindings

    override fun hashCode(): Int = listOf(program, shots, bindings).hashCode()

    override fun toString(): String = "RunItem($program, shots=$shots, bindings=$bindings)"
}
