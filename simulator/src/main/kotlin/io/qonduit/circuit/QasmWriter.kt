package io.qonduit.circuit

import io.qonduit.circuit.AngleFormat.Dialect

/** Writes circuits as OpenQASM 2 or 3 text that [OpenQasm.parse] reads back to an equal circuit. */
internal object QasmWriter {
    fun program(circuit: Circuit, dialect: Dialect): String {
        val out = StringBuilder()
        if (dialect == Dialect.QASM2) {
            out.append("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n")
            checkQasm2Parameters(circuit)
        } else {
            out.append("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n")
        }
        for (line in statements(circuit, dialect)) out.append(line).append('\n')
        return out.toString()
    }

    /** Declarations, definitions and instructions, one statement (or block) per entry. */
    fun statements(circuit: Circuit, dialect: Dialect = Dialect.QASM3): List<String> {
        val out = ArrayList<String>()
        if (dialect == Dialect.QASM3) circuit.parameters.forEach { out += "input float[64] ${it.name};" }
        for (standard in StandardDefinitions.needed(circuit, dialect)) out += standard
        circuit.gateDefinitions.forEach { out += definition(it, dialect) }
        for (r in circuit.quantumRegisters) {
            if (r.name == CircuitBuilder.PHYSICAL) {
                if (dialect == Dialect.QASM2) unsupported("physical qubits (\$0, \$1, ...)")
                continue
            }
            out += if (dialect == Dialect.QASM2) "qreg ${r.name}[${r.size}];" else "qubit[${r.size}] ${r.name};"
        }
        for (r in circuit.classicalRegisters) out += if (dialect == Dialect.QASM2) "creg ${r.name}[${r.size}];" else "bit[${r.size}] ${r.name};"
        circuit.instructions.forEach { out += statement(it, dialect, "") }
        return out
    }

    /** OpenQASM 2 has no declarations: placeholders list parameters in order of use, which must be the circuit's order. */
    private fun checkQasm2Parameters(circuit: Circuit) {
        val used = LinkedHashSet<Parameter>()
        fun collect(list: List<Instruction>) {
            for (i in list) {
                if (i is GateApplication) i.arguments.forEach { used += it.parameters }
                if (i is Conditional) collect(i.body)
            }
        }
        collect(circuit.instructions)
        if (used.toList() != circuit.parameters) {
            unsupported(
                "parameters ${circuit.parameterNames} declared in an order other than their use ${used.map { it.name }} " +
                    "(OpenQASM 2 placeholders are listed in order of use)",
            )
        }
    }

    fun statement(instruction: Instruction, dialect: Dialect = Dialect.QASM3, indent: String = ""): String = when (instruction) {
        is GateApplication -> indent + application(instruction.gate, instruction.arguments, instruction.operands.map(::operand), dialect)
        is Measurement -> indent + measurement(instruction, dialect)
        is Reset -> indent + "reset ${operand(instruction.target)};"
        is Barrier -> indent + barrier(instruction, dialect)
        is Conditional -> conditional(instruction, dialect, indent)
    }

    private fun measurement(m: Measurement, dialect: Dialect): String {
        val target = m.target
        return when {
            target == null && dialect == Dialect.QASM2 -> unsupported("a measurement without a classical target")
            target == null -> "measure ${operand(m.source)};"
            dialect == Dialect.QASM2 -> "measure ${operand(m.source)} -> ${operand(target)};"
            else -> "${operand(target)} = measure ${operand(m.source)};"
        }
    }

    private fun barrier(b: Barrier, dialect: Dialect): String = when {
        b.operands.isNotEmpty() -> "barrier ${b.operands.joinToString(", ", transform = ::operand)};"
        dialect == Dialect.QASM2 -> unsupported("a barrier without operands")
        else -> "barrier;"
    }

    private fun conditional(c: Conditional, dialect: Dialect, indent: String): String {
        val condition = c.condition
        if (dialect == Dialect.QASM2) {
            if (condition.operand !is ClassicalRegister) unsupported("a condition on the single bit ${condition.operand}")
            if (!condition.equal) unsupported("a condition with '!='")
            val only = c.body.singleOrNull() ?: unsupported("a condition guarding ${c.body.size} instructions (one only)")
            if (only is Conditional || only is Barrier) unsupported("a condition guarding a ${only::class.simpleName?.lowercase()}")
            return "${indent}if (${operand(condition.operand)} == ${condition.value}) ${statement(only, dialect)}"
        }
        val head = "${indent}if ($condition) {"
        if (indent.isEmpty() && c.body.size == 1 && c.body[0] !is Conditional) return "$head ${statement(c.body[0], dialect)} }"
        return (listOf(head) + c.body.map { statement(it, dialect, "$indent  ") } + "$indent}").joinToString("\n")
    }

    fun definition(definition: GateDefinition, dialect: Dialect): String {
        val params = if (definition.parameters.isEmpty()) "" else definition.parameters.joinToString(", ", "(", ")") { it.name }
        val qubits = (0 until definition.numQubits).joinToString(", ") { formalQubit(it) }
        val body = definition.body.joinToString(" ") { call(it, dialect) }
        return "gate ${definition.gateName}$params $qubits { $body }"
    }

    fun call(call: GateCall, dialect: Dialect): String =
        application(call.gate, call.arguments, call.qubits.map(::formalQubit), dialect)

    /** Qubits of a definition are written q0, q1, ...: the model keeps positions, not names. */
    private fun formalQubit(position: Int): String = "q$position"

    private fun application(gate: Gate, arguments: List<Angle>, operands: List<String>, dialect: Dialect): String {
        val name = when (gate) {
            is GateDefinition -> gate.gateName
            is StandardGate -> StandardDefinitions.nameIn(gate, dialect)
        }
        val args = if (arguments.isEmpty()) "" else arguments.joinToString(", ", "(", ")") { AngleFormat.format(it, dialect) }
        return "$name$args ${operands.joinToString(", ")};"
    }

    fun operand(operand: QubitOperand): String = when (operand) {
        is QuantumRegister -> operand.name
        is Qubit -> if (operand.register.name == CircuitBuilder.PHYSICAL) "\$${operand.index}" else "${operand.register.name}[${operand.index}]"
    }

    fun operand(operand: ClbitOperand): String = when (operand) {
        is ClassicalRegister -> operand.name
        is Clbit -> "${operand.register.name}[${operand.index}]"
    }

    private fun unsupported(what: String): Nothing =
        throw UnsupportedOperationException("OpenQASM 2 cannot express $what; use toQasm3()")
}
