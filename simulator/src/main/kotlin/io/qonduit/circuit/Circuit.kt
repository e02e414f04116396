package io.qonduit.circuit

import io.qonduit.program.Program

/**
 * An immutable quantum circuit: named registers, free [parameters] and [instructions]. Built with the
 * Kotlin DSL ([circuit]), the Java [builder], or read from OpenQASM ([OpenQasm.parse]); all three give
 * the same model, compared structurally, so `OpenQasm.parse(c.toQasm3()) == c`.
 */
public class Circuit internal constructor(
    /** Quantum registers in declaration order; qubits are numbered across them in this order. */
    public val quantumRegisters: List<QuantumRegister>,
    /** Classical registers in declaration order; bits are numbered across them in this order. */
    public val classicalRegisters: List<ClassicalRegister>,
    /** Free parameters, in order of declaration or first use. */
    public val parameters: List<Parameter>,
    /** The instructions, in order. */
    public val instructions: List<Instruction>,
) : Program {
    override val parameterNames: List<String> get() = parameters.map { it.name }

    /** Total number of qubits. */
    public val numQubits: Int get() = quantumRegisters.sumOf { it.size }

    /** Total number of classical bits. */
    public val numClbits: Int get() = classicalRegisters.sumOf { it.size }

    /** The user-defined gates the instructions use, each after the gates it calls, in order of first use. */
    public val gateDefinitions: List<GateDefinition> by lazy {
        val out = LinkedHashSet<GateDefinition>()
        fun visit(gate: Gate) {
            if (gate !is GateDefinition || gate in out) return
            gate.body.forEach { visit(it.gate) }
            out += gate
        }
        fun visitAll(list: List<Instruction>) {
            for (i in list) {
                if (i is GateApplication) visit(i.gate)
                if (i is Conditional) visitAll(i.body)
            }
        }
        visitAll(instructions)
        out.toList()
    }

    /**
     * This circuit as OpenQASM 2 with `qelib1.inc`; parameters become `{{name}}` placeholders.
     *
     * @throws UnsupportedOperationException for what OpenQASM 2 cannot say (conditions on one bit or with
     *   `!=`, blocks of several instructions under one condition, discarded measurements, OpenQASM 3 constants or
     *   functions, parameters declared in an order other than their use), naming it
     */
    public fun toQasm2(): String = QasmWriter.program(this, AngleFormat.Dialect.QASM2)

    /** This circuit as OpenQASM 3 with `stdgates.inc`; parameters become `input float[64] name;`. */
    public fun toQasm3(): String = QasmWriter.program(this, AngleFormat.Dialect.QASM3)

    /**
     * This circuit with the parameters [values] names replaced by those numbers; parameters it does
     * not name stay free. For providers that take no parameters (the binding is applied before sending).
     *
     * @throws IllegalArgumentException when [values] names a parameter the circuit does not have, or a
     *   value is not finite
     */
    public fun bind(values: Map<String, Double>): Circuit {
        val unknown = values.keys - parameterNames.toSet()
        require(unknown.isEmpty()) { "the circuit has no parameter(s) $unknown; its parameters are $parameterNames" }
        values.forEach { (name, value) -> require(value.isFinite()) { "parameter '$name' must be bound to a finite number, was $value" } }
        if (values.isEmpty()) return this
        return Circuit(quantumRegisters, classicalRegisters, parameters.filter { it.name !in values }, instructions.map { bindInstruction(it, values) })
    }

    override fun equals(other: Any?): Boolean =
        other is Circuit && other.quantumRegisters == quantumRegisters && other.classicalRegisters == classicalRegisters &&
            other.parameters == parameters && other.instructions == instructions

    override fun hashCode(): Int =
        ((quantumRegisters.hashCode() * 31 + classicalRegisters.hashCode()) * 31 + parameters.hashCode()) * 31 +
            instructions.hashCode()

    /** The OpenQASM 3 statements on one line, without header: stable, and readable in test failures. */
    override fun toString(): String = "Circuit(${QasmWriter.statements(this).joinToString(" ")})"

    /** Java entry point. */
    public companion object {
        /** An empty builder: declare registers, add instructions, then [CircuitBuilder.build]. */
        @JvmStatic
        public fun builder(): CircuitBuilder = CircuitBuilder()
    }
}
