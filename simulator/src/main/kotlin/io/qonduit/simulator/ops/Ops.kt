package io.qonduit.simulator.ops

/** One flattened instruction of a parsed circuit, on global qubit / clbit indices. */
internal sealed class Op

/** An op that changes the state the same way every time: a gate, or gates merged by a fusion pass. */
internal sealed class GateOp : Op() {
    /** The qubits the op reads or writes (targets and controls) as a bit mask. */
    abstract val qubitMask: Int

    /**
     * The fewest low qubits a span of the state must cover for the op to act within it: up to its highest
     * qubit, or further for ops that walk blocks of their own size ([DiagonalOp], [CacheBlockOp]).
     */
    open val minSpan: Int get() = Int.SIZE_BITS - Integer.numberOfLeadingZeros(qubitMask)

    /**
     * Share of the state's cache lines one application reads and writes: 1 for a full pass; less for an op
     * that skips the indices where a bit is clear ([UnitaryOp]).
     */
    open val passFraction: Double get() = 1.0

    companion object {
        /**
         * Whether [members] applied in one pass cost less than apart: a merged pass costs one full pass and more
         * arithmetic, so what it replaces must cost more than [WORTH_A_PASS] passes.
         */
        fun worthOnePass(members: List<GateOp>): Boolean = members.size >= 2 && members.sumOf { it.passFraction } > WORTH_A_PASS

        private const val WORTH_A_PASS = 1.25

        /** Index bits within one 64-byte line of doubles: fixing one of them skips no line. */
        const val LINE_BITS: Int = 0b111
    }
}

/** Calls [body] with each qubit (bit position) set in [mask], lowest first. */
internal inline fun forEachQubit(mask: Int, body: (Int) -> Unit) {
    var rest = mask
    while (rest != 0) {
        body(Integer.numberOfTrailingZeros(rest))
        rest = rest and (rest - 1)
    }
}

/** How a 2x2 matrix is applied: diagonal and anti-diagonal matrices need half the arithmetic. */
internal enum class MatrixKind { DIAGONAL, ANTI_DIAGONAL, GENERAL }

/**
 * 2x2 unitary on [target], applied only where all [controls] are 1.
 * [m] holds re/im of m00, m01, m10, m11 in that order (8 doubles).
 */
internal class UnitaryOp(val target: Int, val controls: IntArray, val m: DoubleArray) : GateOp() {
    /** Bits that must be 1 for the matrix to apply (only meaningful below 31 qubits, the simulator's range). */
    val controlMask: Int = controls.fold(0) { acc, c -> acc or (1 shl c) }

    override val qubitMask: Int = controlMask or (1 shl target)

    /** Target and controls in ascending order: zero bits are inserted there to enumerate the touched pairs. */
    val sortedPositions: IntArray = (controls + target).sortedArray()
    val kind: MatrixKind = when {
        m[2] == 0.0 && m[3] == 0.0 && m[4] == 0.0 && m[5] == 0.0 -> MatrixKind.DIAGONAL
        m[0] == 0.0 && m[1] == 0.0 && m[6] == 0.0 && m[7] == 0.0 -> MatrixKind.ANTI_DIAGONAL
        else -> MatrixKind.GENERAL
    }

    /**
     * Each bit the kernel fixes at 1 (a control, or the target of a phase gate, which leaves the |0> half alone)
     * halves the share, unless the bit lies within a cache line (qubits 0 to 2).
     */
    override val passFraction: Double
        get() {
            val phaseOnly = kind == MatrixKind.DIAGONAL && m[0] == 1.0 && m[1] == 0.0
            val fixed = controlMask or (if (phaseOnly) 1 shl target else 0)
            return 1.0 / (1 shl Integer.bitCount(fixed and GateOp.LINE_BITS.inv()))
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
    override val qubitMask: Int = controlMask or (1 shl a) or (1 shl b)
    val sortedPositions: IntArray = (controls + a + b).sortedArray()
}

/** Exchanges qubits [a] and [b] where all [controls] are 1. */
internal class SwapOp(val a: Int, val b: Int, val controls: IntArray) : GateOp() {
    val controlMask: Int = controls.fold(0) { acc, c -> acc or (1 shl c) }
    override val qubitMask: Int = controlMask or (1 shl a) or (1 shl b)
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
