package io.qonduit.simulator

import io.qonduit.circuit.Angle
import io.qonduit.circuit.Barrier
import io.qonduit.circuit.Circuit
import io.qonduit.circuit.ClbitOperand
import io.qonduit.circuit.Conditional
import io.qonduit.circuit.Gate
import io.qonduit.circuit.GateApplication
import io.qonduit.circuit.GateDefinition
import io.qonduit.circuit.Instruction
import io.qonduit.circuit.Measurement
import io.qonduit.circuit.QubitOperand
import io.qonduit.circuit.Reset
import io.qonduit.circuit.StandardGate
import io.qonduit.simulator.ops.CacheBlocking
import io.qonduit.simulator.ops.ConditionalOp
import io.qonduit.simulator.ops.DiagonalFusion
import io.qonduit.simulator.ops.GateExpansion
import io.qonduit.simulator.ops.GateOp
import io.qonduit.simulator.ops.MeasureOp
import io.qonduit.simulator.ops.Op
import io.qonduit.simulator.ops.ResetOp
import io.qonduit.simulator.ops.SingleQubitFusion
import io.qonduit.simulator.ops.TwoQubitFusion

/** Binds a circuit's parameters and flattens it: user gates expanded, register operands broadcast. */
internal class CircuitCompiler private constructor(
    private val circuit: Circuit,
    private val binding: Map<String, Double>,
    private val fuse: Boolean,
    private val blockBits: Int,
) {
    private val qubitOffset = HashMap<String, Int>()
    private val clbitOffset = HashMap<String, Int>()
    private val ops = ArrayList<Op>()
    /** Qubits measured so far, as a bit mask (the simulator's width stays below 31). */
    private var measured = 0
    private var midCircuit = false

    init {
        var offset = 0
        for (r in circuit.quantumRegisters) { qubitOffset[r.name] = offset; offset += r.size }
        offset = 0
        for (r in circuit.classicalRegisters) { clbitOffset[r.name] = offset; offset += r.size }
    }

    private fun compile(): CompiledCircuit {
        for (instruction in circuit.instructions) emit(instruction, ::record)
        val n = circuit.numQubits
        val final = if (!fuse) ops else {
            val merged = DiagonalFusion.fuse(TwoQubitFusion.fuse(SingleQubitFusion.fuse(ops, n), n), n)
            CacheBlocking.fuse(merged, n, blockBits)
        }
        return CompiledCircuit(circuit.numQubits, circuit.numClbits, circuit.classicalRegisters, midCircuit, final, ops.size)
    }

    private fun emit(instruction: Instruction, sink: (Op) -> Unit) {
        when (instruction) {
            is GateApplication -> {
                val params = evaluate(instruction.arguments, binding)
                val operands = instruction.operands.map(::qubits)
                val width = operands.maxOf { it.size }
                for (k in 0 until width) {
                    val qubits = IntArray(operands.size) { i -> operands[i].let { if (it.size == 1) it[0] else it[k] } }
                    apply(instruction.gate, params, qubits, sink)
                }
            }
            is Measurement -> {
                val source = qubits(instruction.source)
                val target = instruction.target?.let(::clbits)
                for (i in source.indices) sink(MeasureOp(source[i], target?.get(i) ?: -1))
            }
            is Reset -> qubits(instruction.target).forEach { sink(ResetOp(it)) }
            is Barrier -> Unit
            is Conditional -> {
                val condition = instruction.condition
                val bits = clbits(condition.operand)
                midCircuit = true
                for (inner in instruction.body) {
                    emit(inner) { op -> sink(ConditionalOp(bits, condition.value, !condition.equal, op)) }
                }
            }
        }
    }

    private fun apply(gate: Gate, params: DoubleArray, qubits: IntArray, sink: (Op) -> Unit) {
        when (gate) {
            is StandardGate -> GateExpansion.expand(gate, params, qubits, sink)
            is GateDefinition -> {
                val formals = HashMap<String, Double>()
                for (i in gate.parameters.indices) formals[gate.parameters[i].name] = params[i]
                for (call in gate.body) {
                    apply(call.gate, evaluate(call.arguments, formals), IntArray(call.qubits.size) { qubits[call.qubits[it]] }, sink)
                }
            }
        }
    }

    private fun evaluate(arguments: List<Angle>, values: Map<String, Double>): DoubleArray =
        DoubleArray(arguments.size) { arguments[it].evaluate(values) }

    private fun qubits(operand: QubitOperand): IntArray {
        val offset = qubitOffset.getValue(operand.register.name)
        return operand.qubits.map { offset + it.index }.toIntArray()
    }

    private fun clbits(operand: ClbitOperand): IntArray {
        val offset = clbitOffset.getValue(operand.register.name)
        return operand.clbits.map { offset + it.index }.toIntArray()
    }

    /** Final sink for top-level ops: tracks which qubits were measured to detect mid-circuit measurement. */
    private fun record(op: Op) {
        when (op) {
            is GateOp -> if (op.qubitMask and measured != 0) midCircuit = true
            is MeasureOp -> measured = measured or (1 shl op.qubit)
            is ResetOp, is ConditionalOp -> midCircuit = true
        }
        ops += op
    }

    companion object {
        /**
         * [circuit] with [binding] for its parameters, flattened; with [fuse], runs of single-qubit gates on
         * a qubit are merged ([SingleQubitFusion]), then blocks of gates within a pair of qubits ([TwoQubitFusion]),
         * then runs of diagonal gates ([DiagonalFusion]), and gates on qubits below [blockBits] are gathered into
         * cache blocks ([CacheBlocking]; tests pass a small [blockBits] to exercise blocks on small states).
         *
         * @throws IllegalArgumentException naming every parameter [binding] leaves unbound
         */
        fun compile(
            circuit: Circuit,
            binding: Map<String, Double>,
            fuse: Boolean = true,
            blockBits: Int = CacheBlocking.BLOCK_BITS,
        ): CompiledCircuit {
            val unbound = circuit.parameterNames.filter { it !in binding }
            require(unbound.isEmpty()) {
                "unbound parameter(s) ${unbound.joinToString { "'$it'" }}: the circuit takes ${circuit.parameterNames}, " +
                    "the binding gives ${binding.keys}"
            }
            return CircuitCompiler(circuit, binding, fuse, blockBits).compile()
        }
    }
}
