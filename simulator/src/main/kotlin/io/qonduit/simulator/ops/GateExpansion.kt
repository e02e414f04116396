package io.qonduit.simulator.ops

import io.qonduit.circuit.StandardGate

/** What each catalogue gate does to the state: the 2x2 matrices, controls and decompositions behind [StandardGate]. */
internal object GateExpansion {
    private val NO_CONTROLS = IntArray(0)
    private const val PI = Math.PI

    // Relative-phase Toffoli gates: the qelib1.inc decompositions (their phases are part of the definition).
    private val U2H = Matrices.u3(PI / 2, 0.0, PI)
    private val T = Matrices.phase(PI / 4)
    private val TDG = Matrices.phase(-PI / 4)

    /** Emits the ops of [gate] with evaluated [p]arameters on global [q]ubit indices (controls first). */
    fun expand(gate: StandardGate, p: DoubleArray, q: IntArray, emit: (Op) -> Unit) {
        when (gate) {
            StandardGate.U3 -> controlled(q, 0, Matrices.u3(p[0], p[1], p[2]), emit)
            StandardGate.U2 -> controlled(q, 0, Matrices.u3(PI / 2, p[0], p[1]), emit)
            StandardGate.P -> controlled(q, 0, Matrices.phase(p[0]), emit)
            StandardGate.U0, StandardGate.ID -> controlled(q, 0, Matrices.ID, emit)
            StandardGate.X -> controlled(q, 0, Matrices.X, emit)
            StandardGate.Y -> controlled(q, 0, Matrices.Y, emit)
            StandardGate.Z -> controlled(q, 0, Matrices.Z, emit)
            StandardGate.H -> controlled(q, 0, Matrices.H, emit)
            StandardGate.S -> controlled(q, 0, Matrices.diag(0.0, PI / 2), emit)
            StandardGate.SDG -> controlled(q, 0, Matrices.diag(0.0, -PI / 2), emit)
            StandardGate.T -> controlled(q, 0, Matrices.diag(0.0, PI / 4), emit)
            StandardGate.TDG -> controlled(q, 0, Matrices.diag(0.0, -PI / 4), emit)
            StandardGate.SX -> controlled(q, 0, Matrices.SX, emit)
            StandardGate.SXDG -> controlled(q, 0, Matrices.SXDG, emit)
            StandardGate.RX -> controlled(q, 0, Matrices.rx(p[0]), emit)
            StandardGate.RY -> controlled(q, 0, Matrices.ry(p[0]), emit)
            StandardGate.RZ -> controlled(q, 0, Matrices.rz(p[0]), emit)
            StandardGate.CX -> controlled(q, 1, Matrices.X, emit)
            StandardGate.CY -> controlled(q, 1, Matrices.Y, emit)
            StandardGate.CZ -> controlled(q, 1, Matrices.Z, emit)
            StandardGate.CH -> controlled(q, 1, Matrices.H, emit)
            StandardGate.CSX -> controlled(q, 1, Matrices.SX, emit)
            StandardGate.CRX -> controlled(q, 1, Matrices.rx(p[0]), emit)
            StandardGate.CRY -> controlled(q, 1, Matrices.ry(p[0]), emit)
            StandardGate.CRZ -> controlled(q, 1, Matrices.rz(p[0]), emit)
            StandardGate.CP -> controlled(q, 1, Matrices.phase(p[0]), emit)
            StandardGate.CU3 -> controlled(q, 1, Matrices.u3(p[0], p[1], p[2]), emit)
            StandardGate.CU -> controlled(q, 1, Matrices.u3(p[0], p[1], p[2], p[3]), emit)
            StandardGate.CCX -> controlled(q, 2, Matrices.X, emit)
            StandardGate.C3X -> controlled(q, 3, Matrices.X, emit)
            StandardGate.C4X -> controlled(q, 4, Matrices.X, emit)
            StandardGate.C3SQRTX -> controlled(q, 3, Matrices.SX, emit)
            StandardGate.SWAP -> emit(SwapOp(q[0], q[1], NO_CONTROLS))
            StandardGate.CSWAP -> emit(SwapOp(q[1], q[2], intArrayOf(q[0])))
            // exp(-i θ/2 Z⊗Z): the parity is computed into b, rotated, and uncomputed.
            StandardGate.RZZ -> {
                cx(emit, q[0], q[1]); u(emit, q[1], Matrices.rz(p[0])); cx(emit, q[0], q[1])
            }
            // exp(-i θ/2 X⊗X) = (H⊗H) exp(-i θ/2 Z⊗Z) (H⊗H).
            StandardGate.RXX -> {
                u(emit, q[0], Matrices.H); u(emit, q[1], Matrices.H)
                cx(emit, q[0], q[1]); u(emit, q[1], Matrices.rz(p[0])); cx(emit, q[0], q[1])
                u(emit, q[0], Matrices.H); u(emit, q[1], Matrices.H)
            }
            StandardGate.RCCX -> {
                val (a, b, c) = Triple(q[0], q[1], q[2])
                u(emit, c, U2H); u(emit, c, T); cx(emit, b, c); u(emit, c, TDG); cx(emit, a, c)
                u(emit, c, T); cx(emit, b, c); u(emit, c, TDG); u(emit, c, U2H)
            }
            StandardGate.RC3X -> {
                val (a, b, c) = Triple(q[0], q[1], q[2])
                val d = q[3]
                u(emit, d, U2H); u(emit, d, T); cx(emit, c, d); u(emit, d, TDG); u(emit, d, U2H)
                cx(emit, a, d); u(emit, d, T); cx(emit, b, d); u(emit, d, TDG); cx(emit, a, d)
                u(emit, d, T); cx(emit, b, d); u(emit, d, TDG); u(emit, d, U2H); u(emit, d, T)
                cx(emit, c, d); u(emit, d, TDG); u(emit, d, U2H)
            }
        }
    }

    /** [matrix] on the last qubit, controlled by the first [numControls]. */
    private fun controlled(q: IntArray, numControls: Int, matrix: DoubleArray, emit: (Op) -> Unit) {
        val controls = if (numControls == 0) NO_CONTROLS else q.copyOfRange(0, numControls)
        emit(UnitaryOp(q[numControls], controls, matrix))
    }

    private fun u(emit: (Op) -> Unit, q: Int, m: DoubleArray) = emit(UnitaryOp(q, NO_CONTROLS, m))

    private fun cx(emit: (Op) -> Unit, c: Int, t: Int) = emit(UnitaryOp(t, intArrayOf(c), Matrices.X))
}
