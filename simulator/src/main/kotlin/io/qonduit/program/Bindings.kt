package io.qonduit.program

/**
 * Values for a program's free parameters: an ordered list of bindings, each mapping parameter names
 * to numbers. A program run with `n` bindings yields `n` result items, in this order. [NONE] (no
 * binding at all) runs a program once, for programs without parameters.
 *
 * ```
 * val sweep = Bindings.sweep("theta", 0.0, PI / 2, PI)          // 3 bindings
 * val grid = sweep.product(Bindings.sweep("phi", 0.0, PI))       // 6 bindings, phi varying fastest
 * val paired = sweep.zip(Bindings.sweep("phi", 1.0, 2.0, 3.0))   // 3 bindings of both
 * ```
 */
public class Bindings private constructor(
    /** The bindings, in order. */
    public val values: List<Map<String, Double>>,
) : Iterable<Map<String, Double>> {
    /** Number of bindings. */
    public val size: Int get() = values.size

    /** True for [NONE]. */
    public fun isEmpty(): Boolean = values.isEmpty()

    /** The binding at [index]. */
    public operator fun get(index: Int): Map<String, Double> = values[index]

    /** Every parameter name bound by some binding, in order of first appearance. */
    public val names: List<String> get() = values.flatMap { it.keys }.distinct()

    /**
     * Binding `i` of this and binding `i` of [other] merged, for every `i`.
     *
     * @throws IllegalArgumentException when the sizes differ or both bind the same name
     */
    public fun zip(other: Bindings): Bindings {
        require(size == other.size) { "cannot zip $size bindings with ${other.size}: the sizes must be equal" }
        return Bindings(values.zip(other.values) { a, b -> merge(a, b) })
    }

    /**
     * Every binding of this combined with every binding of [other] (the cartesian product), [other]
     * varying fastest. An empty side leaves the other unchanged.
     *
     * @throws IllegalArgumentException when both bind the same name
     */
    public fun product(other: Bindings): Bindings = when {
        isEmpty() -> other
        other.isEmpty() -> this
        else -> Bindings(values.flatMap { a -> other.values.map { b -> merge(a, b) } })
    }

    override fun iterator(): Iterator<Map<String, Double>> = values.iterator()

    override fun equals(other: Any?): Boolean = other is Bindings && other.values == values

    override fun hashCode(): Int = values.hashCode()

    override fun toString(): String = if (isEmpty()) "Bindings.NONE" else "Bindings$values"

    public companion object {
        /** No binding: the program runs once, unbound. */
        @JvmField
        public val NONE: Bindings = Bindings(emptyList())

        /** The given bindings, in order. */
        @JvmStatic
        public fun of(values: List<Map<String, Double>>): Bindings =
            if (values.isEmpty()) NONE else Bindings(values.map { LinkedHashMap(it).toMap() })

        /** The given bindings, in order. */
        @JvmStatic
        public fun of(vararg values: Map<String, Double>): Bindings = of(values.toList())

        /** One binding per value of the parameter [name]. */
        @JvmStatic
        public fun sweep(name: String, vararg values: Double): Bindings = sweep(name, values.toList())

        /** One binding per value of the parameter [name]. */
        @JvmStatic
        public fun sweep(name: String, values: List<Double>): Bindings = of(values.map { mapOf(name to it) })

        private fun merge(a: Map<String, Double>, b: Map<String, Double>): Map<String, Double> {
            val shared = a.keys intersect b.keys
            require(shared.isEmpty()) { "parameters $shared are bound on both sides" }
            return a + b
        }
    }
}
