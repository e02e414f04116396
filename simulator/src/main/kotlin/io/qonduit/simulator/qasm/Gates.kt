package io.qonduit.simulator.qasm

/** A gate the parser can call: built in, user-defined with `gate`, or declared `opaque`. */
internal sealed class GateDefinition(val name: String, val numParams: Int, val numQubits: Int)

/** Gate implemented natively; [expand] emits ops for evaluated parameters and global qubit indices. */
internal class BuiltinGate(
    name: String,
    numParams: Int,
    numQubits: Int,
    val expand: (params: DoubleArray, qubits: IntArray, emit: (Op) -> Unit) -> Unit,
) : GateDefinition(name, numParams, numQubits)

/** One gate call inside a `gate` body, kept symbolic until the gate is used. */
internal class GateCall(val name: Token, val args: List<Expr>, val qubits: List<Token>)

internal class UserGate(
    name: String,
    val paramNames: List<String>,
    val qubitNames: List<String>,
    val body: List<GateCall>,
) : GateDefinition(name, paramNames.size, qubitNames.size)

internal class OpaqueGate(name: String, numParams: Int, numQubits: Int) : GateDefinition(name, numParams, numQubits)

/** The built-in gate library: qelib1.inc (OpenQASM 2) and stdgates.inc (OpenQASM 3). */
internal object GateLibrary {
    private val NO_CONTROLS = IntArray(0)
    private val all = HashMap<String, BuiltinGate>()

    private fun define(name: String, numParams: Int, numQubits: Int, expand: (DoubleArray, IntArray, (Op) -> Unit) -> Unit) {
        all[name] = BuiltinGate(name, numParams, numQubits, expand)
    }

    /** Gate whose last qubit is the target of [matrix] and whose first [numControls] qubits are controls. */
    private fun controlled(name: String, numControls: Int, numParams: Int, matrix: (DoubleArray) -> DoubleArray) {
        define(name, numParams, numControls + 1) { p, q, emit ->
            val controls = if (numControls == 0) NO_CONTROLS else q.copyOfRange(0, numControls)
            emit(UnitaryOp(q[numControls], controls, matrix(p)))
        }
    }

    private fun fixed(name: String, numControls: Int, m: DoubleArray) = controlled(name, numControls, 0) { m }

    private fun emitU(emit: (Op) -> Unit, q: Int, m: DoubleArray) = emit(UnitaryOp(q, NO_CONTROLS, m))

    private fun emitCx(emit: (Op) -> Unit, c: Int, t: Int) = emit(UnitaryOp(t, intArrayOf(c), Matrices.X))

    init {
        val pi = Math.PI
        controlled("U", 0, 3) { Matrices.u3(it[0], it[1], it[2]) }
        controlled("u3", 0, 3) { Matrices.u3(it[0], it[1], it[2]) }
        controlled("u", 0, 3) { Matrices.u3(it[0], it[1], it[2]) }
        controlled("u2", 0, 2) { Matrices.u3(pi / 2, it[0], it[1]) }
        controlled("u1", 0, 1) { Matrices.phase(it[0]) }
        controlled("p", 0, 1) { Matrices.phase(it[0]) }
        controlled("phase", 0, 1) { Matrices.phase(it[0]) }
        controlled("u0", 0, 1) { Matrices.ID }
        fixed("id", 0, Matrices.ID)
        fixed("x", 0, Matrices.X)
        fixed("y", 0, Matrices.Y)
        fixed("z", 0, Matrices.Z)
        fixed("h", 0, Matrices.H)
        fixed("s", 0, Matrices.diag(0.0, pi / 2))
        fixed("sdg", 0, Matrices.diag(0.0, -pi / 2))
        fixed("t", 0, Matrices.diag(0.0, pi / 4))
        fixed("tdg", 0, Matrices.diag(0.0, -pi / 4))
        fixed("sx", 0, Matrices.SX)
        fixed("sxdg", 0, Matrices.SXDG)
        controlled("rx", 0, 1) { Matrices.rx(it[0]) }
        controlled("ry", 0, 1) { Matrices.ry(it[0]) }
        controlled("rz", 0, 1) { Matrices.rz(it[0]) }

        fixed("CX", 1, Matrices.X)
        fixed("cx", 1, Matrices.X)
        fixed("cy", 1, Matrices.Y)
        fixed("cz", 1, Matrices.Z)
        fixed("ch", 1, Matrices.H)
        fixed("csx", 1, Matrices.SX)
        controlled("crx", 1, 1) { Matrices.rx(it[0]) }
        controlled("cry", 1, 1) { Matrices.ry(it[0]) }
        controlled("crz", 1, 1) { Matrices.rz(it[0]) }
        controlled("cu1", 1, 1) { Matrices.phase(it[0]) }
        controlled("cp", 1, 1) { Matrices.phase(it[0]) }
        controlled("cphase", 1, 1) { Matrices.phase(it[0]) }
        controlled("cu3", 1, 3) { Matrices.u3(it[0], it[1], it[2]) }
        controlled("cu", 1, 4) { Matrices.u3(it[0], it[1], it[2], it[3]) }
        fixed("ccx", 2, Matrices.X)
        fixed("c3x", 3, Matrices.X)
        fixed("c4x", 4, Matrices.X)
        fixed("c3sqrtx", 3, Matrices.SX)

        define("swap", 0, 2) { _, q, emit -> emit(SwapOp(q[0], q[1], NO_CONTROLS)) }
        define("cswap", 0, 3) { _, q, emit -> emit(SwapOp(q[1], q[2], intArrayOf(q[0]))) }
        // exp(-i θ/2 Z⊗Z): the parity is computed into b, rotated, and uncomputed.
        define("rzz", 1, 2) { p, q, emit ->
            emitCx(emit, q[0], q[1]); emitU(emit, q[1], Matrices.rz(p[0])); emitCx(emit, q[0], q[1])
        }
        // exp(-i θ/2 X⊗X) = (H⊗H) exp(-i θ/2 Z⊗Z) (H⊗H).
        define("rxx", 1, 2) { p, q, emit ->
            emitU(emit, q[0], Matrices.H); emitU(emit, q[1], Matrices.H)
            emitCx(emit, q[0], q[1]); emitU(emit, q[1], Matrices.rz(p[0])); emitCx(emit, q[0], q[1])
            emitU(emit, q[0], Matrices.H); emitU(emit, q[1], Matrices.H)
        }
        // Relative-phase Toffoli gates: the qelib1.inc decompositions (their phases are part of the definition).
        val u2h = Matrices.u3(pi / 2, 0.0, pi)
        val t = Matrices.phase(pi / 4)
        val tdg = Matrices.phase(-pi / 4)
        define("rccx", 0, 3) { _, q, emit ->
            val (a, b, c) = Triple(q[0], q[1], q[2])
            emitU(emit, c, u2h); emitU(emit, c, t); emitCx(emit, b, c); emitU(emit, c, tdg); emitCx(emit, a, c)
            emitU(emit, c, t); emitCx(emit, b, c); emitU(emit, c, tdg); emitU(emit, c, u2h)
        }
        define("rc3x", 0, 4) { _, q, emit ->
            val (a, b, c) = Triple(q[0], q[1], q[2])
            val d = q[3]
            emitU(emit, d, u2h); emitU(emit, d, t); emitCx(emit, c, d); emitU(emit, d, tdg); emitU(emit, d, u2h)
            emitCx(emit, a, d); emitU(emit, d, t); emitCx(emit, b, d); emitU(emit, d, tdg); emitCx(emit, a, d)
            emitU(emit, d, t); emitCx(emit, b, d); emitU(emit, d, tdg); emitU(emit, d, u2h); emitU(emit, d, t)
            emitCx(emit, c, d); emitU(emit, d, tdg); emitU(emit, d, u2h)
        }
    }

    /** Always available, even without an include. */
    val BUILT_IN_NAMES: Set<String> = setOf("U", "CX")

    val QELIB1_NAMES: Set<String> = setOf(
        "u3", "u2", "u1", "cx", "id", "u0", "u", "p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "rx", "ry", "rz",
        "sx", "sxdg", "cz", "cy", "swap", "ch", "ccx", "cswap", "crx", "cry", "crz", "cu1", "cp", "cu3", "csx", "cu",
        "rxx", "rzz", "rccx", "rc3x", "c3x", "c3sqrtx", "c4x",
    )

    val STDGATES_NAMES: Set<String> = setOf(
        "p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz", "cx", "cy", "cz", "cp", "crx", "cry",
        "crz", "ch", "swap", "ccx", "cswap", "cu", "CX", "phase", "cphase", "id", "u1", "u2", "u3",
    )

    fun get(name: String): BuiltinGate = all.getValue(name)
}
