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
            if (GateOp.worthOnePass(block)) out += DiagonalOp(numQubits, block.toList())
            else out += block
            block.clear()
            blockMask = 0
            mixedHigh = 0
        }

        for (op in ops) {
            when {
                op is UnitaryOp && op.kind == MatrixKind.DIAGONAL -> {
                    val bits = op.qubitMask
                    val high = DiagonalOp.mixedHighBits(bits, lowBits)
                    if (Integer.bitCount(mixedHigh or high) > DiagonalOp.MAX_MIXED_HIGH) close()
                    block += op
                    blockMask = blockMask or bits
                    mixedHigh = mixedHigh or high
                }
                op is GateOp -> { if (op.qubitMask and blockMask != 0) close(); out += op }
                else -> { close(); out += op }
            }
        }
        close()
        return out
    }
}
