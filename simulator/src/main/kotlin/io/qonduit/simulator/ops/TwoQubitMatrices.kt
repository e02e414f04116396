package io.qonduit.simulator.ops

/**
 * 4x4 complex matrices (re/im row by row, 32 doubles) on a pair of qubits (a, b), local basis index
 * `bit_a + 2·bit_b`: the arithmetic behind [TwoQubitFusion].
 */
internal object TwoQubitMatrices {
    val IDENTITY: DoubleArray = DoubleArray(32).also { for (k in 0..3) it[10 * k] = 1.0 }

    /** The product [x]·[y] (apply [y] first, then [x]). */
    fun product(x: DoubleArray, y: DoubleArray): DoubleArray = Matrices.squareProduct(x, y, 4)

    /** The 4x4 of [op], whose qubits all lie in {[a], [b]}, built column by column from what it does to each basis state. */
    fun embed(op: Op, a: Int, b: Int): DoubleArray {
        fun local(q: Int): Int = when (q) {
            a -> 0
            b -> 1
            else -> throw IllegalArgumentException("qubit $q is outside the pair ($a, $b)")
        }
        val out = DoubleArray(32)
        for (col in 0..3) {
            when (op) {
                is UnitaryOp -> {
                    val t = local(op.target)
                    val active = op.controls.all { (col ushr local(it)) and 1 == 1 }
                    if (!active) {
                        out[8 * col + 2 * col] = 1.0
                    } else {
                        val v = (col ushr t) and 1
                        for (w in 0..1) {
                            val row = (col and (1 shl t).inv()) or (w shl t)
                            out[8 * row + 2 * col] = op.m[4 * w + 2 * v]
                            out[8 * row + 2 * col + 1] = op.m[4 * w + 2 * v + 1]
                        }
                    }
                }
                is SwapOp -> {
                    require(op.controls.isEmpty() && local(op.a) != local(op.b)) { "only an uncontrolled swap of the pair embeds" }
                    val row = ((col and 1) shl 1) or (col ushr 1)
                    out[8 * row + 2 * col] = 1.0
                }
                else -> throw IllegalArgumentException("${op::class.simpleName} does not embed in a 4x4")
            }
        }
        return out
    }
}
