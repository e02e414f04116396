package io.qonduit.simulator

import io.qonduit.simulator.qasm.MeasureOp
import io.qonduit.simulator.qasm.Op

/** A classical register as declared (`creg c[2];` or `bit[2] c;`). */
public class ClassicalRegister(public val name: String, public val size: Int) {
    override fun toString(): String = "creg $name[$size]"
    override fun equals(other: Any?): Boolean = other is ClassicalRegister && other.name == name && other.size == size
    override fun hashCode(): Int = name.hashCode() * 31 + size
}

/** A quantum register as declared (`qreg q[2];` or `qubit[2] q;`). */
public class QuantumRegister(public val name: String, public val size: Int) {
    override fun toString(): String = "qreg $name[$size]"
    override fun equals(other: Any?): Boolean = other is QuantumRegister && other.name == name && other.size == size
    override fun hashCode(): Int = name.hashCode() * 31 + size
}

/**
 * An immutable parsed OpenQASM program, flattened to primitive operations on global qubit and clbit indices.
 * Qubits and clbits are numbered across registers in declaration order. Create one with [OpenQasm.parse].
 */
public class QuantumCircuit internal constructor(
    /** Total number of qubits over all quantum registers. */
    public val numQubits: Int,
    /** Total number of classical bits over all classical registers. */
    public val numClbits: Int,
    /** Classical registers in declaration order. */
    public val classicalRegisters: List<ClassicalRegister>,
    /** Quantum registers in declaration order. */
    public val quantumRegisters: List<QuantumRegister>,
    /**
     * True when some measurement is followed by a gate on the measured qubit, or reset or classical
     * conditions are used: such circuits need a full simulation per shot.
     */
    public val hasMidCircuitMeasurement: Boolean,
    internal val ops: List<Op>,
) {
    /** Number of primitive operations after expanding gate definitions and broadcasting (barriers excluded). */
    public val operationCount: Int get() = ops.size

    /**
     * For circuits without mid-circuit measurement: the qubit whose final measurement sets each clbit, or -1
     * when the clbit is never measured (the last measurement into a clbit wins).
     */
    internal fun finalMeasurementMap(): IntArray {
        val map = IntArray(numClbits) { -1 }
        for (op in ops) if (op is MeasureOp && op.clbit >= 0) map[op.clbit] = op.qubit
        return map
    }

    override fun toString(): String =
        "QuantumCircuit(numQubits=$numQubits, numClbits=$numClbits, operations=${ops.size}, " +
            "hasMidCircuitMeasurement=$hasMidCircuitMeasurement)"
}
