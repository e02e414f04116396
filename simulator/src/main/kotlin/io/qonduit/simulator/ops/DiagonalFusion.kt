package io.qonduit.simulator.ops

/**
 * Merges runs of diagonal gates (RZ, P, T, CZ, CP, CRZ... on any qubits) into one [DiagonalOp], so a layer of
 * phases costs one pass over the state instead of one per gate; a QFT's ladder of controlled phases becomes
 * one pass per ladder.
 *
 * Runs after [TwoQubitFusion]. A block stays open while ops on other qubits go by (they commute with it) and
 * is emitted just before the first non-diagonal op that touches one of its qubits; measurements, resets and
 * conditionals close it and keep their place. A block is only merged when that saves memory traffic: a gate
 * on high bits with controls (or a phase gate, which leaves the |0> half alone) touches only part of the
 * state, so a few of them can cost less than one full pass.
 */
internal object DiagonalFusion {
    fun fuse(ops: List<Op>, numQubits: Int): List<Op> {
        val out = ArrayList<Op>(ops.size)
        val block = ArrayList<UnitaryOp>()
        var blockMask = 0
        var mixedHigh = 0
        val lowBits = minOf(numQubits, DiagonalOp.LOW_BITS)

        fun close() {
            if (block.isEmpty()) return
            if (block.size >= 2 && block.sumOf(::passFraction) > WORTH_A_PASS) out += DiagonalOp(numQubits, block.toList())
            else out += block
            block.clear()
            blockMask = 0
            mixedHigh = 0
        }

        for (op in ops) {
            when {
                op is UnitaryOp && op.kind == MatrixKind.DIAGONAL -> {
                    val bits = DiagonalOp.bitsOf(op)
                    val high = DiagonalOp.mixedHighBits(bits, lowBits)
                    if (Integer.bitCount(mixedHigh or high) > DiagonalOp.MAX_MIXED_HIGH) close()
                    block += op
                    blockMask = blockMask or bits
                    mixedHigh = mixedHigh or high
                }
                op is MeasureOp || op is ResetOp || op is ConditionalOp -> { close(); out += op }
                else -> { if (qubitsOf(op) and blockMask != 0) close(); out += op }
            }
        }
        close()
        return out
    }

    /** A merged block costs one full pass (and its arithmetic): merge only what costs more than that apart. */
    private const val WORTH_A_PASS = 1.25

    /**
     * Share of the state's cache lines [op] reads and writes on its own: each bit it fixes at 1 (a control,
     * or the target of a phase gate) halves it, unless the bit lies within a cache line (qubits 0 to 2).
     */
    private fun passFraction(op: UnitaryOp): Double {
        val phaseOnly = op.m[0] == 1.0 && op.m[1] == 0.0
        val fixed = op.controlMask or (if (phaseOnly) 1 shl op.target else 0)
        return 1.0 / (1 shl Integer.bitCount(fixed and LINE_BITS.inv()))
    }

    /** Index bits within one 64-byte line of doubles. */
    private const val LINE_BITS = 0b111

    private fun qubitsOf(op: Op): Int = when (op) {
        is UnitaryOp -> DiagonalOp.bitsOf(op)
        is SwapOp -> op.controlMask or (1 shl op.a) or (1 shl op.b)
        is TwoQubitOp -> op.controlMask or (1 shl op.a) or (1 shl op.b)
        is DiagonalOp -> op.qubitMask
        is MeasureOp -> 1 shl op.qubit
        is ResetOp -> 1 shl op.qubit
        is ConditionalOp -> qubitsOf(op.op)
    }
}
