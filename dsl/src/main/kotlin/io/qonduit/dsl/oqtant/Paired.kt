package io.qonduit.dsl.oqtant

/**
 * Two values that belong together: a swept value and what it produced ([Sweep.pair],
 * [Sweep.pairResults], [Sweep.pairRuns]), or the two values of one point of a two-parameter sweep
 * ([sweep] with two lists, [Sweep.product]). The Java-friendly stand-in for `kotlin.Pair`.
 *
 * Kotlin destructures it like a pair: `for ((height, output) in sweep.pairResults(composite)) ...`.
 *
 * @property first the first value (the swept value, or the first parameter)
 * @property second the second value (the output, or the second parameter)
 */
public data class Paired<out A, out B>(
    public val first: A,
    public val second: B,
) {
    /** This as a `kotlin.Pair` (Kotlin only; e.g. for `toMap()`). */
    @JvmSynthetic
    public fun toPair(): Pair<A, B> = first to second

    override fun toString(): String = "($first, $second)"
}
