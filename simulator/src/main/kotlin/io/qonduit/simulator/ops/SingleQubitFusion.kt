package io.qonduit.simulator.ops

/**
 * Merges runs of uncontrolled single-qubit gates on the same qubit into one 2x2 matrix, so a layer of
 * H, RZ, U3 on a qubit costs one pass over the state instead of one per gate.
 *
 * Gates on different qubits commute, so a qubit's pending product may wait while other qubits are worked
 * on; it is emitted just before the first op that touches that qubit (as target, control or swap operand),
 * and every pending product is emitted before a measurement, reset or conditional, which keep their place.
 * A product that is exactly the identity is dropped.
 */
internal object SingleQubitFusion {
    fun fuse(ops: List<Op>, numQubits: Int): List<Op> {
        val pending = arrayOfNulls<UnitaryOp>(numQubits)
        val out = ArrayList<Op>(ops.size)
        fun flush(q: Int) {
            val op = pending[q] ?: return
            pending[q] = null
            if (!isIdentity(op.m)) out += op
        }
        for (op in ops) {
            if (op is UnitaryOp && op.controls.isEmpty()) {
                val before = pending[op.target]
                pending[op.target] = if (before == null) op else UnitaryOp(op.target, op.controls, Matrices.product(op.m, before.m))
                continue
            }
            if (op is GateOp) forEachQubit(op.qubitMask, ::flush) else for (q in 0 until numQubits) flush(q)
            out += op
        }
        for (q in 0 until numQubits) flush(q)
        return out
    }

    private fun isIdentity(m: DoubleArray): Boolean =
        m[0] == 1.0 && m[1] == 0.0 && m[2] == 0.0 && m[3] == 0.0 && m[4] == 0.0 && m[5] == 0.0 && m[6] == 1.0 && m[7] == 0.0
}
