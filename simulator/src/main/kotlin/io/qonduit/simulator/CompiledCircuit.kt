package io.qonduit.simulator

import io.qonduit.circuit.ClassicalRegister
import io.qonduit.simulator.ops.MeasureOp
import io.qonduit.simulator.ops.Op

/**
 * A [io.qonduit.circuit.Circuit] with its parameters bound, flattened to primitive operations on global
 * qubit and clbit indices (registers numbered in declaration order). Made by [CircuitCompiler].
 */
internal class CompiledCircuit(
    val numQubits: Int,
    val numClbits: Int,
    val classicalRegisters: List<ClassicalRegister>,
    /**
     * True when some measurement is followed by a gate on the measured qubit, or reset or classical
     * conditions are used: such circuits need a full simulation per shot.
     */
    val hasMidCircuitMeasurement: Boolean,
    val ops: List<Op>,
    /**
     * Primitive operations before fusion (gate definitions expanded, registers broadcast, barriers left
     * out): what a user's program asks for, whatever [ops] the fusion passes merged it into.
     */
    val primitiveCount: Int = ops.size,
) {
    /**
     * For circuits without mid-circuit measurement: the qubit whose final measurement sets each clbit, or -1
     * when the clbit is never measured (the last measurement into a clbit wins).
     */
    fun finalMeasurementMap(): IntArray {
        val map = IntArray(numClbits) { -1 }
        for (op in ops) if (op is MeasureOp && op.clbit >= 0) map[op.clbit] = op.qubit
        return map
    }
}
