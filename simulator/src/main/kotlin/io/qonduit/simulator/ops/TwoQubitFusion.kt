package io.qonduit.simulator.ops

/**
 * Merges blocks of gates that act within one pair of qubits (CX, CZ, CP, SWAP, ... and single-qubit gates
 * on either qubit) into one dense 4x4 [TwoQubitOp], so a decomposed two-qubit unitary costs one pass over
 * the state instead of one per gate.
 *
 * Runs after [SingleQubitFusion]. A single-qubit gate waits on its qubit until a block opens on a pair
 * containing that qubit (it then becomes the block's first gate) or something else touches the qubit. A block
 * stays open while gates on other qubits go by (they commute with it) and is emitted just before the first op
 * that touches one of its qubits without fitting in the pair; measurements, resets and conditionals close
 * every block and keep their place. A block is only made dense when that saves passes: a lone gate, or a
 * block of diagonal gates only (phase gates touch a quarter or half of the state), is emitted as it was.
 */
internal object TwoQubitFusion {
    private class Block(val a: Int, val b: Int) {
        val members = ArrayList<Op>()
    }

    fun fuse(ops: List<Op>, numQubits: Int): List<Op> {
        val waiting = arrayOfNulls<UnitaryOp>(numQubits)
        val blocks = arrayOfNulls<Block>(numQubits)
        val out = ArrayList<Op>(ops.size)

        fun close(q: Int) {
            val block = blocks[q] ?: return
            blocks[block.a] = null
            blocks[block.b] = null
            emit(block, out)
        }

        fun release(q: Int) {
            waiting[q]?.let { out += it }
            waiting[q] = null
            close(q)
        }

        for (op in ops) {
            val pair = pairOf(op)
            when {
                op is UnitaryOp && op.controls.isEmpty() -> {
                    val block = blocks[op.target]
                    if (block != null) block.members += op
                    else waiting[op.target] = waiting[op.target]?.let { UnitaryOp(op.target, NONE, Matrices.product(op.m, it.m)) } ?: op
                }
                pair != null -> {
                    val (x, y) = pair
                    val open = blocks[x]
                    if (open != null && open === blocks[y]) {
                        open.members += op
                    } else {
                        close(x); close(y)
                        val block = Block(x, y)
                        blocks[x] = block; blocks[y] = block
                        // Gates waiting on x or y ran before op: they open the block.
                        for (q in intArrayOf(x, y)) waiting[q]?.let { block.members += it; waiting[q] = null }
                        block.members += op
                    }
                }
                op is GateOp -> { forEachQubit(op.qubitMask, ::release); out += op }
                else -> { for (q in 0 until numQubits) release(q); out += op }
            }
        }
        for (q in 0 until numQubits) release(q)
        return out
    }

    private val NONE = IntArray(0)

    /** The two qubits of a gate that fits a block: a singly controlled 2x2 or an uncontrolled swap. */
    private fun pairOf(op: Op): Pair<Int, Int>? = when {
        op is UnitaryOp && op.controls.size == 1 -> op.controls[0] to op.target
        op is SwapOp && op.controls.isEmpty() -> op.a to op.b
        else -> null
    }

    private fun emit(block: Block, out: MutableList<Op>) {
        val cheap = block.members.all { it is UnitaryOp && it.kind == MatrixKind.DIAGONAL }
        if (block.members.size < 2 || cheap) {
            out += block.members
            return
        }
        var m = TwoQubitMatrices.IDENTITY
        for (op in block.members) m = TwoQubitMatrices.product(TwoQubitMatrices.embed(op, block.a, block.b), m)
        out += TwoQubitOp(block.a, block.b, NONE, m)
    }
}
