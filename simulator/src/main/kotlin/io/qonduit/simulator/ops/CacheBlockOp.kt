package io.qonduit.simulator.ops

/**
 * Gate ops on qubits below [blockBits] only, applied one block of `2^blockBits` consecutive amplitudes at a
 * time: every member runs on a block while it sits in the core's cache, so the run costs one pass over
 * memory instead of one per member ([CacheBlocking] makes them).
 */
internal class CacheBlockOp(val blockBits: Int, val members: List<GateOp>) : GateOp() {
    init {
        require(members.none { it is CacheBlockOp }) { "cache blocks do not nest" }
        require(members.all { fitsIn(it, blockBits) }) { "every member of a $blockBits-bit cache block acts below qubit $blockBits" }
    }

    override val qubitMask: Int = members.fold(0) { acc, op -> acc or op.qubitMask }

    /** The state must span at least one whole block. */
    override val minSpan: Int get() = blockBits

    companion object {
        /** Whether [op] acts within blocks of `2^blockBits` amplitudes. */
        fun fitsIn(op: GateOp, blockBits: Int): Boolean = op.minSpan <= blockBits
    }
}
