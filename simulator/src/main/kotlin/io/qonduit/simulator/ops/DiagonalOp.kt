package io.qonduit.simulator.ops

/**
 * A product of diagonal gates ([UnitaryOp]s of [MatrixKind.DIAGONAL], controlled or not) on a `2^numQubits`
 * state, applied in one pass: what [DiagonalFusion] makes of a run of RZ, P, T, CZ, CP, CRZ... Diagonal gates
 * commute, so their order within the product does not matter.
 *
 * The pass walks blocks of `2^lowBits` consecutive amplitudes. Within a block the phase depends on the low
 * bits only through [rowsRe]/[rowsIm] (the product of the members that touch a low qubit), chosen by the
 * block's bits at [mixedHigh] (the high qubits of members that touch low and high qubits alike); the members
 * on high qubits only ([highMembers]) give the block one more phase factor, [blockPhase].
 */
internal class DiagonalOp(val numQubits: Int, val members: List<UnitaryOp>) : GateOp() {
    init {
        require(members.all { it.kind == MatrixKind.DIAGONAL }) { "a diagonal op is made of diagonal gates only" }
    }

    /** The qubits any member touches. */
    override val qubitMask: Int = members.fold(0) { acc, op -> acc or op.qubitMask }

    /** Width of the blocks the pass walks: long enough to vectorise, short enough to keep the rows in cache. */
    val lowBits: Int = minOf(numQubits, LOW_BITS)

    /** Its blocks of `2^lowBits` amplitudes must fit in the span. */
    override val minSpan: Int get() = maxOf(super.minSpan, lowBits)

    private val lowMask = (1 shl lowBits) - 1

    private val split = members.partition { it.qubitMask and lowMask == 0 }

    /** Members on high qubits only: one phase per block. */
    val highMembers: List<UnitaryOp> = split.first

    /** High qubits whose bits select the row (ascending). */
    val mixedHigh: IntArray = members.fold(0) { acc, op -> acc or mixedHighBits(op.qubitMask, lowBits) }
        .let { mask -> (0 until Int.SIZE_BITS).filter { (mask ushr it) and 1 == 1 }.toIntArray() }

    val rowsRe: Array<DoubleArray>
    val rowsIm: Array<DoubleArray>

    init {
        require(mixedHigh.size <= MAX_MIXED_HIGH) { "at most $MAX_MIXED_HIGH high qubits may select a row, got ${mixedHigh.size}" }
        val rowMembers = split.second
        val rows = 1 shl mixedHigh.size
        rowsRe = Array(rows) { DoubleArray(1 shl lowBits) }
        rowsIm = Array(rows) { DoubleArray(1 shl lowBits) }
        for (row in 0 until rows) {
            var high = 0
            for (k in mixedHigh.indices) if ((row ushr k) and 1 == 1) high = high or (1 shl mixedHigh[k])
            val phase = DoubleArray(2)
            for (j in 0 until (1 shl lowBits)) {
                phaseAt(rowMembers, j or high, phase)
                rowsRe[row][j] = phase[0]
                rowsIm[row][j] = phase[1]
            }
        }
    }

    /** The row for the block starting at [base]. */
    fun rowOf(base: Int): Int {
        var row = 0
        for (k in mixedHigh.indices) row = row or (((base ushr mixedHigh[k]) and 1) shl k)
        return row
    }

    /** The phase [highMembers] give the block starting at [base], written to [out] as re, im. */
    fun blockPhase(base: Int, out: DoubleArray) = phaseAt(highMembers, base, out)

    /** The product of the phases [ops] give basis [index] (1 where a control is clear), written to [out] as re, im. */
    private fun phaseAt(ops: List<UnitaryOp>, index: Int, out: DoubleArray) {
        var r = 1.0
        var i = 0.0
        for (op in ops) {
            if (index and op.controlMask != op.controlMask) continue
            val o = if ((index ushr op.target) and 1 == 1) 6 else 0
            val pr = op.m[o]; val pi = op.m[o + 1]
            val nr = r * pr - i * pi
            i = r * pi + i * pr
            r = nr
        }
        out[0] = r
        out[1] = i
    }

    companion object {
        const val LOW_BITS: Int = 10

        /** Rows kept per op: 2^4 rows of 2^10 amplitudes are 256 KiB, within a core's L2. */
        const val MAX_MIXED_HIGH: Int = 4

        /** The high qubits (at or above [lowBits]) of a gate on the qubits [bits] that select its row: none unless it also touches a low qubit. */
        fun mixedHighBits(bits: Int, lowBits: Int): Int {
            val lowMask = (1 shl lowBits) - 1
            return if (bits and lowMask != 0) bits and lowMask.inv() else 0
        }
    }
}
