package io.qonduit.simulator.ops

/** One flattened instruction of a parsed circuit, on global qubit / clbit indices. */
internal sealed class Op

/** An op that changes the state the same way every time: a gate, or gates merged by a fusion pass. */
internal sealed class GateOp : Op()

/** How a 2x2 matrix is applied: diagonal and anti-diagonal matrices need half the arithmetic. */
internal enum class MatrixKind { DIAGONAL, ANTI_DIAGONAL, GENERAL }

/**
 * 2x2 unitary on [target], applied only where all [controls] are 1.
 * [m] holds re/im of m00, m01, m10, m11 in that order (8 doubles).
 */
internal class UnitaryOp(val target: Int, val controls: IntArray, val m: DoubleArray) : GateOp() {
    /** Bits that must be 1 for the matrix to apply (only meaningful below 31 qubits, the simulator's range). */
    val controlMask: Int = controls.fold(0) { acc, c -> acc or (1 shl c) }

    /** Target and controls in ascending order: zero bits are inserted there to enumerate the touched pairs. */
    val sortedPositions: IntArray = (controls + target).sortedArray()
    val kind: MatrixKind = when {
        m[2] == 0.0 && m[3] == 0.0 && m[4] == 0.0 && m[5] == 0.0 -> MatrixKind.DIAGONAL
        m[0] == 0.0 && m[1] == 0.0 && m[6] == 0.0 && m[7] == 0.0 -> MatrixKind.ANTI_DIAGONAL
        else -> MatrixKind.GENERAL
    }
}

/**
 * Dense 4x4 unitary on qubits [a] and [b], applied only where all [controls] are 1: what a fused block of
 * two-qubit gates becomes ([TwoQubitFusion]). [m] holds re/im of the 16 entries row by row (32 doubles);
 * row and column index the local basis `bit_a + 2·bit_b`.
 */
internal class TwoQubitOp(val a: Int, val b: Int, val controls: IntArray, val m: DoubleArray) : GateOp() {
    init {
        require(a != b) { "a two-qubit op needs two distinct qubits, got $a twice" }
        require(m.size == 32) { "a 4x4 matrix has 32 doubles (re/im), got ${m.size}" }
    }

    val controlMask: Int = controls.fold(0) { acc, c -> acc or (1 shl c) }
    val sortedPositions: IntArray = (controls + a + b).sortedArray()
}

/** Exchanges qubits [a] and [b] where all [controls] are 1. */
internal class SwapOp(val a: Int, val b: Int, val controls: IntArray) : GateOp() {
    val controlMask: Int = controls.fold(0) { acc, c -> acc or (1 shl c) }
    val sortedPositions: IntArray = (controls + a + b).sortedArray()
}

internal class MeasureOp(val qubit: Int, val clbit: Int) : Op()

internal class ResetOp(val qubit: Int) : Op()

/**
 * Runs [op] only when the integer read from [clbits] (clbits[0] least significant) equals [value]
 * (or differs from it when [negate]).
 */
internal class ConditionalOp(val clbits: IntArray, val value: Long, val negate: Boolean, val op: Op) : Op() {
    fun holds(bits: BooleanArray): Boolean {
        var v = 0L
        for (i in clbits.indices) if (bits[clbits[i]]) v = v or (1L shl i)
        return (v == value) != negate
    }
}
