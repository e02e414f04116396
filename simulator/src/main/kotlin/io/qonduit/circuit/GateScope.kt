package io.qonduit.circuit

/** Marks the circuit and gate-body builders so that an inner block cannot call an outer builder by accident. */
@DslMarker
public annotation class CircuitDsl

/**
 * Gate calls shared by [CircuitBuilder] and [GateBodyBuilder]: one method per catalogue gate
 * ([StandardGate]), plus [gate] for any gate. Every method returns the builder, for chaining from Java.
 * Qubit operands may be whole registers in a circuit (the gate is broadcast over them).
 */
@CircuitDsl
public abstract class GateScope<Self : GateScope<Self>> internal constructor() {
    internal abstract fun addGate(gate: Gate, arguments: List<Angle>, operands: List<QubitOperand>)

    @Suppress("UNCHECKED_CAST")
    private fun self(): Self = this as Self

    /**
     * Applies [gate] with [arguments] to [operands].
     *
     * @throws IllegalArgumentException for a wrong number of angles or qubits, an undeclared register,
     *   registers of different sizes, or the same qubit twice
     */
    public fun gate(gate: Gate, arguments: List<Angle>, vararg operands: QubitOperand): Self {
        addGate(gate, arguments.toList(), operands.toList())
        return self()
    }

    /** Applies [gate], which takes no angle, to [operands]. */
    public fun gate(gate: Gate, vararg operands: QubitOperand): Self = gate(gate, emptyList(), *operands)

    /** Applies identity to [qubit]. */
    public fun id(qubit: QubitOperand): Self = gate(StandardGate.ID, qubit)

    /** Applies Pauli X to [qubit]. */
    public fun x(qubit: QubitOperand): Self = gate(StandardGate.X, qubit)

    /** Applies Pauli Y to [qubit]. */
    public fun y(qubit: QubitOperand): Self = gate(StandardGate.Y, qubit)

    /** Applies Pauli Z to [qubit]. */
    public fun z(qubit: QubitOperand): Self = gate(StandardGate.Z, qubit)

    /** Applies Hadamard to [qubit]. */
    public fun h(qubit: QubitOperand): Self = gate(StandardGate.H, qubit)

    /** Applies S (√Z) to [qubit]. */
    public fun s(qubit: QubitOperand): Self = gate(StandardGate.S, qubit)

    /** Applies S† to [qubit]. */
    public fun sdg(qubit: QubitOperand): Self = gate(StandardGate.SDG, qubit)

    /** Applies T (⁴√Z) to [qubit]. */
    public fun t(qubit: QubitOperand): Self = gate(StandardGate.T, qubit)

    /** Applies T† to [qubit]. */
    public fun tdg(qubit: QubitOperand): Self = gate(StandardGate.TDG, qubit)

    /** Applies √X to [qubit]. */
    public fun sx(qubit: QubitOperand): Self = gate(StandardGate.SX, qubit)

    /** Applies √X† to [qubit]. */
    public fun sxdg(qubit: QubitOperand): Self = gate(StandardGate.SXDG, qubit)

    /** Applies the rotation about X by [theta] to [qubit]. */
    public fun rx(theta: Angle, qubit: QubitOperand): Self = gate(StandardGate.RX, listOf(theta), qubit)

    /** Applies the rotation about X by [theta] to [qubit]. */
    public fun rx(theta: Double, qubit: QubitOperand): Self = rx(Angle.of(theta), qubit)

    /** Applies the rotation about Y by [theta] to [qubit]. */
    public fun ry(theta: Angle, qubit: QubitOperand): Self = gate(StandardGate.RY, listOf(theta), qubit)

    /** Applies the rotation about Y by [theta] to [qubit]. */
    public fun ry(theta: Double, qubit: QubitOperand): Self = ry(Angle.of(theta), qubit)

    /** Applies the rotation about Z by [theta] to [qubit]. */
    public fun rz(theta: Angle, qubit: QubitOperand): Self = gate(StandardGate.RZ, listOf(theta), qubit)

    /** Applies the rotation about Z by [theta] to [qubit]. */
    public fun rz(theta: Double, qubit: QubitOperand): Self = rz(Angle.of(theta), qubit)

    /** Applies the phase diag(1, e^{iλ}) by [lambda] to [qubit]. */
    public fun p(lambda: Angle, qubit: QubitOperand): Self = gate(StandardGate.P, listOf(lambda), qubit)

    /** Applies the phase diag(1, e^{iλ}) by [lambda] to [qubit]. */
    public fun p(lambda: Double, qubit: QubitOperand): Self = p(Angle.of(lambda), qubit)

    /** Applies the identity u0 (qelib1) by [gamma] to [qubit]. */
    public fun u0(gamma: Angle, qubit: QubitOperand): Self = gate(StandardGate.U0, listOf(gamma), qubit)

    /** Applies the identity u0 (qelib1) by [gamma] to [qubit]. */
    public fun u0(gamma: Double, qubit: QubitOperand): Self = u0(Angle.of(gamma), qubit)

    /** Applies U(π/2, [phi], [lambda]) to [qubit]. */
    public fun u2(phi: Angle, lambda: Angle, qubit: QubitOperand): Self = gate(StandardGate.U2, listOf(phi, lambda), qubit)

    /** Applies U(π/2, [phi], [lambda]) to [qubit]. */
    public fun u2(phi: Double, lambda: Double, qubit: QubitOperand): Self = u2(Angle.of(phi), Angle.of(lambda), qubit)

    /** Applies U([theta], [phi], [lambda]) to [qubit]. */
    public fun u3(theta: Angle, phi: Angle, lambda: Angle, qubit: QubitOperand): Self =
        gate(StandardGate.U3, listOf(theta, phi, lambda), qubit)

    /** Applies U([theta], [phi], [lambda]) to [qubit]. */
    public fun u3(theta: Double, phi: Double, lambda: Double, qubit: QubitOperand): Self =
        u3(Angle.of(theta), Angle.of(phi), Angle.of(lambda), qubit)

    /** Applies controlled X to [control] and [target]. */
    public fun cx(control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CX, control, target)

    /** Applies controlled Y to [control] and [target]. */
    public fun cy(control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CY, control, target)

    /** Applies controlled Z to [control] and [target]. */
    public fun cz(control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CZ, control, target)

    /** Applies controlled Hadamard to [control] and [target]. */
    public fun ch(control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CH, control, target)

    /** Applies controlled √X to [control] and [target]. */
    public fun csx(control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CSX, control, target)

    /** Applies swap to [a] and [b]. */
    public fun swap(a: QubitOperand, b: QubitOperand): Self = gate(StandardGate.SWAP, a, b)

    /** Applies controlled RX by [theta] to [control] and [target]. */
    public fun crx(theta: Angle, control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CRX, listOf(theta), control, target)

    /** Applies controlled RX by [theta] to [control] and [target]. */
    public fun crx(theta: Double, control: QubitOperand, target: QubitOperand): Self = crx(Angle.of(theta), control, target)

    /** Applies controlled RY by [theta] to [control] and [target]. */
    public fun cry(theta: Angle, control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CRY, listOf(theta), control, target)

    /** Applies controlled RY by [theta] to [control] and [target]. */
    public fun cry(theta: Double, control: QubitOperand, target: QubitOperand): Self = cry(Angle.of(theta), control, target)

    /** Applies controlled RZ by [theta] to [control] and [target]. */
    public fun crz(theta: Angle, control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CRZ, listOf(theta), control, target)

    /** Applies controlled RZ by [theta] to [control] and [target]. */
    public fun crz(theta: Double, control: QubitOperand, target: QubitOperand): Self = crz(Angle.of(theta), control, target)

    /** Applies controlled phase by [lambda] to [control] and [target]. */
    public fun cp(lambda: Angle, control: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CP, listOf(lambda), control, target)

    /** Applies controlled phase by [lambda] to [control] and [target]. */
    public fun cp(lambda: Double, control: QubitOperand, target: QubitOperand): Self = cp(Angle.of(lambda), control, target)

    /** Applies exp(-iθ/2 Z⊗Z) by [theta] to [a] and [b]. */
    public fun rzz(theta: Angle, a: QubitOperand, b: QubitOperand): Self = gate(StandardGate.RZZ, listOf(theta), a, b)

    /** Applies exp(-iθ/2 Z⊗Z) by [theta] to [a] and [b]. */
    public fun rzz(theta: Double, a: QubitOperand, b: QubitOperand): Self = rzz(Angle.of(theta), a, b)

    /** Applies exp(-iθ/2 X⊗X) by [theta] to [a] and [b]. */
    public fun rxx(theta: Angle, a: QubitOperand, b: QubitOperand): Self = gate(StandardGate.RXX, listOf(theta), a, b)

    /** Applies exp(-iθ/2 X⊗X) by [theta] to [a] and [b]. */
    public fun rxx(theta: Double, a: QubitOperand, b: QubitOperand): Self = rxx(Angle.of(theta), a, b)

    /** Applies U([theta], [phi], [lambda]) to [target] when [control] is 1. */
    public fun cu3(theta: Angle, phi: Angle, lambda: Angle, control: QubitOperand, target: QubitOperand): Self =
        gate(StandardGate.CU3, listOf(theta, phi, lambda), control, target)

    /** Applies U([theta], [phi], [lambda]) to [target] when [control] is 1. */
    public fun cu3(theta: Double, phi: Double, lambda: Double, control: QubitOperand, target: QubitOperand): Self =
        cu3(Angle.of(theta), Angle.of(phi), Angle.of(lambda), control, target)

    /** Applies e^{i[gamma]} U([theta], [phi], [lambda]) to [target] when [control] is 1. */
    public fun cu(theta: Angle, phi: Angle, lambda: Angle, gamma: Angle, control: QubitOperand, target: QubitOperand): Self =
        gate(StandardGate.CU, listOf(theta, phi, lambda, gamma), control, target)

    /** Applies e^{i[gamma]} U([theta], [phi], [lambda]) to [target] when [control] is 1. */
    public fun cu(theta: Double, phi: Double, lambda: Double, gamma: Double, control: QubitOperand, target: QubitOperand): Self =
        cu(Angle.of(theta), Angle.of(phi), Angle.of(lambda), Angle.of(gamma), control, target)

    /** Applies the Toffoli to [control1], [control2], [target]. */
    public fun ccx(control1: QubitOperand, control2: QubitOperand, target: QubitOperand): Self = gate(StandardGate.CCX, control1, control2, target)

    /** Applies the controlled swap to [control], [a], [b]. */
    public fun cswap(control: QubitOperand, a: QubitOperand, b: QubitOperand): Self = gate(StandardGate.CSWAP, control, a, b)

    /** Applies the relative-phase Toffoli to [control1], [control2], [target]. */
    public fun rccx(control1: QubitOperand, control2: QubitOperand, target: QubitOperand): Self = gate(StandardGate.RCCX, control1, control2, target)

    /** Applies the three-controlled X to [control1], [control2], [control3], [target]. */
    public fun c3x(control1: QubitOperand, control2: QubitOperand, control3: QubitOperand, target: QubitOperand): Self = gate(StandardGate.C3X, control1, control2, control3, target)

    /** Applies the three-controlled √X to [control1], [control2], [control3], [target]. */
    public fun c3sqrtx(control1: QubitOperand, control2: QubitOperand, control3: QubitOperand, target: QubitOperand): Self = gate(StandardGate.C3SQRTX, control1, control2, control3, target)

    /** Applies the relative-phase three-controlled X to [control1], [control2], [control3], [target]. */
    public fun rc3x(control1: QubitOperand, control2: QubitOperand, control3: QubitOperand, target: QubitOperand): Self = gate(StandardGate.RC3X, control1, control2, control3, target)

    /** Applies the four-controlled X to [control1], [control2], [control3], [control4], [target]. */
    public fun c4x(control1: QubitOperand, control2: QubitOperand, control3: QubitOperand, control4: QubitOperand, target: QubitOperand): Self = gate(StandardGate.C4X, control1, control2, control3, control4, target)
}
