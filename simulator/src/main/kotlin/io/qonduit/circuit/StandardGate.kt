package io.qonduit.circuit

/**
 * The gate catalogue: every gate of OpenQASM 2's `qelib1.inc` and OpenQASM 3's `stdgates.inc` (plus the
 * built-in `U` and `CX`), with its parameter and qubit arity. Names that are aliases of one gate (`u1`,
 * `p` and `phase`; `cu1`, `cp` and `cphase`; `U`, `u3` and `u`; `CX` and `cx`) read as the same entry.
 * Controls come first, then the target(s).
 */
public enum class StandardGate(
    override val numParameters: Int,
    override val numQubits: Int,
    qelib1: String,
    stdgates: String,
    builtIn: String = "",
) : Gate {
    /** U(θ, φ, λ), the general single-qubit rotation. */
    U3(3, 1, "u3 u", "u3", "U"),

    /** U(π/2, φ, λ). */
    U2(2, 1, "u2", "u2"),

    /** Phase gate diag(1, e^{iλ}). */
    P(1, 1, "p u1", "p u1 phase"),

    /** Identity with a duration parameter (qelib1 only). */
    U0(1, 1, "u0", ""),

    /** Identity. */
    ID(0, 1, "id", "id"),

    /** Pauli X. */
    X(0, 1, "x", "x"),

    /** Pauli Y. */
    Y(0, 1, "y", "y"),

    /** Pauli Z. */
    Z(0, 1, "z", "z"),

    /** Hadamard. */
    H(0, 1, "h", "h"),

    /** √Z. */
    S(0, 1, "s", "s"),

    /** S†. */
    SDG(0, 1, "sdg", "sdg"),

    /** ⁴√Z. */
    T(0, 1, "t", "t"),

    /** T†. */
    TDG(0, 1, "tdg", "tdg"),

    /** √X. */
    SX(0, 1, "sx", "sx"),

    /** √X† (qelib1 only). */
    SXDG(0, 1, "sxdg", ""),

    /** Rotation about X. */
    RX(1, 1, "rx", "rx"),

    /** Rotation about Y. */
    RY(1, 1, "ry", "ry"),

    /** Rotation about Z. */
    RZ(1, 1, "rz", "rz"),

    /** Controlled X. */
    CX(0, 2, "cx", "cx CX", "CX"),

    /** Controlled Y. */
    CY(0, 2, "cy", "cy"),

    /** Controlled Z. */
    CZ(0, 2, "cz", "cz"),

    /** Controlled Hadamard. */
    CH(0, 2, "ch", "ch"),

    /** Controlled √X (qelib1 only). */
    CSX(0, 2, "csx", ""),

    /** Controlled RX. */
    CRX(1, 2, "crx", "crx"),

    /** Controlled RY. */
    CRY(1, 2, "cry", "cry"),

    /** Controlled RZ. */
    CRZ(1, 2, "crz", "crz"),

    /** Controlled phase. */
    CP(1, 2, "cp cu1", "cp cphase"),

    /** Controlled U(θ, φ, λ) (qelib1 only). */
    CU3(3, 2, "cu3", ""),

    /** Controlled U(θ, φ, λ) with a phase γ on the controlled branch. */
    CU(4, 2, "cu", "cu"),

    /** Toffoli. */
    CCX(0, 3, "ccx", "ccx"),

    /** X controlled by three qubits (qelib1 only). */
    C3X(0, 4, "c3x", ""),

    /** X controlled by four qubits (qelib1 only). */
    C4X(0, 5, "c4x", ""),

    /** √X controlled by three qubits (qelib1 only). */
    C3SQRTX(0, 4, "c3sqrtx", ""),

    /** Swap. */
    SWAP(0, 2, "swap", "swap"),

    /** Fredkin (controlled swap). */
    CSWAP(0, 3, "cswap", "cswap"),

    /** exp(-iθ/2 Z⊗Z) (qelib1 only). */
    RZZ(1, 2, "rzz", ""),

    /** exp(-iθ/2 X⊗X) (qelib1 only). */
    RXX(1, 2, "rxx", ""),

    /** Relative-phase Toffoli (qelib1 only). */
    RCCX(0, 3, "rccx", ""),

    /** Relative-phase three-controlled X (qelib1 only). */
    RC3X(0, 4, "rc3x", ""),
    ;

    /** The names `qelib1.inc` defines for this gate; the first is the one written in OpenQASM 2. */
    public val qelib1Names: List<String> = qelib1.split(' ').filter { it.isNotEmpty() }

    /** The names `stdgates.inc` defines for this gate (empty when it has none); the first is written in OpenQASM 3. */
    public val stdgatesNames: List<String> = stdgates.split(' ').filter { it.isNotEmpty() }

    /** The name available without any include (`U`, `CX`), or null. */
    internal val builtInName: String? = builtIn.ifEmpty { null }

    override val gateName: String get() = stdgatesNames.firstOrNull() ?: qelib1Names.first()

    override fun toString(): String = gateName

    /** Lookups by OpenQASM name, per gate library. */
    public companion object {
        internal val QELIB1: Map<String, StandardGate> = entries.flatMap { g -> g.qelib1Names.map { it to g } }.toMap()
        internal val STDGATES: Map<String, StandardGate> = entries.flatMap { g -> g.stdgatesNames.map { it to g } }.toMap()
        internal val BUILT_IN: Map<String, StandardGate> = entries.mapNotNull { g -> g.builtInName?.let { it to g } }.toMap()

        /** The gate that OpenQASM name [name] denotes in `qelib1.inc` or `stdgates.inc`, or null. */
        @JvmStatic
        public fun byName(name: String): StandardGate? = STDGATES[name] ?: QELIB1[name] ?: BUILT_IN[name]
    }
}
