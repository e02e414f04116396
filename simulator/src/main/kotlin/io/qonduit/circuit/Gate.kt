package io.qonduit.circuit

/** A gate a circuit can apply: one of the [StandardGate]s or a user-defined [GateDefinition]. */
public sealed interface Gate {
    /** The name the gate is written with (for standard gates: the OpenQASM 3 `stdgates.inc` name where there is one). */
    public val gateName: String

    /** Number of angle arguments. */
    public val numParameters: Int

    /** Number of qubits it acts on. */
    public val numQubits: Int
}

/** Refuses a call of [gate] with the wrong number of angles or qubits; the one place this rule lives. */
internal fun checkArity(gate: Gate, numArguments: Int, numOperands: Int) {
    require(numArguments == gate.numParameters) {
        "gate '${gate.gateName}' takes ${gate.numParameters} parameter(s) but $numArguments were given"
    }
    require(numOperands == gate.numQubits) {
        "gate '${gate.gateName}' acts on ${gate.numQubits} qubit(s) but $numOperands were given"
    }
}
