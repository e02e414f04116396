package io.qonduit.simulator.ops

/**
 * Gathers gate ops on the low qubits (below [BLOCK_BITS]) into [CacheBlockOp]s, so a layer of gates on qubits
 * 0 to 13 costs one pass over memory instead of one per gate; on a wide state the passes, not the arithmetic,
 * are what a gate costs.
 *
 * Runs last, after [DiagonalFusion]. Gates on other qubits that go by an open block commute with it: they wait
 * and are emitted after it, so the block keeps the place of its first member (on a fresh state the low qubits
 * then come first, while the state is still narrow). A gate on a qubit of the block or of a waiting gate closes
 * the block, as do measurements, resets and conditionals, which keep their place. A state no wider than a
 * block is left as it is.
 */
internal object CacheBlocking {
    /** 2^14 amplitudes are 256 KiB of `re` and `im`: a block stays in a core's 1 MiB L2 with room to spare. */
    const val BLOCK_BITS: Int = 14

    fun fuse(ops: List<Op>, numQubits: Int, blockBits: Int = BLOCK_BITS): List<Op> {
        if (numQubits <= blockBits) return ops
        val out = ArrayList<Op>(ops.size)
        val block = ArrayList<GateOp>()
        var blockMask = 0
        val waiting = ArrayList<GateOp>()
        var waitingMask = 0

        fun close() {
            if (GateOp.worthOnePass(block)) out += CacheBlockOp(blockBits, block.toList()) else out += block
            out += waiting
            block.clear()
            waiting.clear()
            blockMask = 0
            waitingMask = 0
        }

        for (op in ops) {
            if (op !is GateOp) {
                close()
                out += op
                continue
            }
            val mask = op.qubitMask
            if (mask and waitingMask != 0) close()
            when {
                CacheBlockOp.fitsIn(op, blockBits) -> { block += op; blockMask = blockMask or mask }
                block.isEmpty() -> out += op
                mask and blockMask != 0 -> { close(); out += op }
                else -> { waiting += op; waitingMask = waitingMask or mask }
            }
        }
        close()
        return out
    }
}
