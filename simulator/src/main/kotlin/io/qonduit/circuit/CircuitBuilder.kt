package io.qonduit.circuit

import java.util.function.Consumer

/**
 * Builds a [Circuit], checking every instruction as it is added: register indices, gate arity,
 * broadcast widths, repeated qubits, measurement widths and condition values fail here, with an
 * [IllegalArgumentException] naming the register or gate and the limit.
 *
 * Kotlin: `circuit { val q = qreg("q", 2); h(q[0]) }`. Java: `Circuit.builder().declare(q, c).h(q.get(0))...build()`.
 */
public class CircuitBuilder internal constructor() : GateScope<CircuitBuilder>() {
    private val quantum = LinkedHashMap<String, QuantumRegister>()
    private val classical = LinkedHashMap<String, ClassicalRegister>()
    private val parameters = LinkedHashSet<Parameter>()
    private val definitions = HashMap<String, GateDefinition>()

    /** Where instructions go; a conditional block swaps in its own list while it runs. */
    private var instructions = ArrayList<Instruction>()

    /** Declares the quantum register [name] of [size] qubits and returns it. */
    public fun qreg(name: String, size: Int): QuantumRegister = QuantumRegister(name, size).also { declare(it) }

    /** Declares the classical register [name] of [size] bits and returns it. */
    public fun creg(name: String, size: Int): ClassicalRegister = ClassicalRegister(name, size).also { declare(it) }

    /**
     * Declares [registers], in order.
     *
     * @throws IllegalArgumentException when a name is not an identifier or already used
     */
    public fun declare(vararg registers: Register): CircuitBuilder {
        for (register in registers) {
            Identifiers.requireName(register.name, "register")
            add(register)
        }
        return this
    }

    /** The implicit register `$` of OpenQASM 3 physical qubits (`$0`, `$1`, ...); used by the parser. */
    internal fun declarePhysicalQubits(size: Int): QuantumRegister = QuantumRegister(PHYSICAL, size).also { add(it) }

    private fun add(register: Register) {
        requireUnused(register.name)
        when (register) {
            is QuantumRegister -> quantum[register.name] = register
            is ClassicalRegister -> classical[register.name] = register
        }
    }

    private fun requireUnused(name: String) {
        require(name !in quantum && name !in classical && parameters.none { it.name == name }) { "'$name' is already declared" }
    }

    /**
     * Declares free [parameters] ahead of their use (OpenQASM 3 `input`), fixing their order in
     * [Circuit.parameterNames]; parameters used without a declaration are added where first used.
     */
    public fun input(vararg parameters: Parameter): CircuitBuilder {
        for (p in parameters) {
            require(p !in this.parameters) { "parameter '${p.name}' is already declared" }
            use(p)
        }
        return this
    }

    private fun use(parameter: Parameter) {
        if (parameter in parameters) return
        requireUnused(parameter.name)
        parameters += parameter
    }

    override fun addGate(gate: Gate, arguments: List<Angle>, operands: List<QubitOperand>) {
        checkArity(gate, arguments.size, operands.size)
        operands.forEach(::requireDeclared)
        val width = broadcastWidth(operands)
        for (k in 0 until width) {
            val qubits = operands.map { it.qubits[if (it is Qubit) 0 else k] }
            val repeated = qubits.firstOrNull { q -> qubits.count { it == q } > 1 }
            require(repeated == null) { "gate '${gate.gateName}' uses the same qubit $repeated twice" }
        }
        if (gate is GateDefinition) register(gate)
        arguments.forEach { a -> a.parameters.forEach(::use) }
        instructions += GateApplication(gate, arguments, operands)
    }

    /** All register operands must have one size; single qubits repeat over it. */
    private fun broadcastWidth(operands: List<QubitOperand>): Int {
        var widthSource: QuantumRegister? = null
        for (o in operands) {
            if (o !is QuantumRegister) continue
            if (widthSource != null) {
                require(o.size == widthSource.size) {
                    "register '${o.name}' has size ${o.size} but '${widthSource.name}' has size ${widthSource.size}"
                }
            }
            widthSource = o
        }
        return widthSource?.size ?: 1
    }

    /** Records [definition] and the definitions it calls; one name stands for one definition. */
    private fun register(definition: GateDefinition) {
        val known = definitions[definition.gateName]
        if (known != null) {
            require(known == definition) { "gate '${definition.gateName}' is defined twice, differently" }
            return
        }
        for (call in definition.body) (call.gate as? GateDefinition)?.let(::register)
        definitions[definition.gateName] = definition
    }

    /**
     * Measures [source] into [target], bit by bit.
     *
     * @throws IllegalArgumentException when the widths differ or a register is not declared
     */
    public fun measure(source: QubitOperand, target: ClbitOperand): CircuitBuilder {
        requireDeclared(source)
        requireDeclared(target)
        require(source.qubits.size == target.clbits.size) {
            "cannot measure ${source.qubits.size} qubit(s) of '${source.register.name}' into " +
                "${target.clbits.size} bit(s) of '${target.register.name}'"
        }
        instructions += Measurement(source, target)
        return this
    }

    /** Measures [source] and discards the outcome (OpenQASM 3 `measure q;`). */
    public fun measure(source: QubitOperand): CircuitBuilder {
        requireDeclared(source)
        instructions += Measurement(source, null)
        return this
    }

    /** Resets [target] to |0>. */
    public fun reset(target: QubitOperand): CircuitBuilder {
        requireDeclared(target)
        instructions += Reset(target)
        return this
    }

    /** A barrier across [operands], or across every qubit when none are given. */
    public fun barrier(vararg operands: QubitOperand): CircuitBuilder {
        operands.forEach(::requireDeclared)
        instructions += Barrier(operands.toList())
        return this
    }

    /**
     * Runs [body] only when [operand] (a register, or one bit) reads [value], bit 0 least significant.
     *
     * @throws IllegalArgumentException when [value] does not fit in [operand]
     */
    @JvmSynthetic
    public fun ifEquals(operand: ClbitOperand, value: Long, body: CircuitBuilder.() -> Unit): CircuitBuilder =
        conditional(operand, value, true) { body() }

    /** Runs [body] only when [operand] does not read [value]. */
    @JvmSynthetic
    public fun ifNotEquals(operand: ClbitOperand, value: Long, body: CircuitBuilder.() -> Unit): CircuitBuilder =
        conditional(operand, value, false) { body() }

    /** Java form of `ifEquals`: [body] receives this builder. */
    @JvmName("ifEquals")
    public fun ifEqualsJava(operand: ClbitOperand, value: Long, body: Consumer<CircuitBuilder>): CircuitBuilder =
        conditional(operand, value, true) { body.accept(this) }

    /** Java form of `ifNotEquals`: [body] receives this builder. */
    @JvmName("ifNotEquals")
    public fun ifNotEqualsJava(operand: ClbitOperand, value: Long, body: Consumer<CircuitBuilder>): CircuitBuilder =
        conditional(operand, value, false) { body.accept(this) }

    internal fun conditional(operand: ClbitOperand, value: Long, equal: Boolean, body: () -> Unit): CircuitBuilder {
        requireDeclared(operand)
        val width = operand.clbits.size
        require(value >= 0 && (width >= 63 || value < (1L shl width))) {
            "condition value $value does not fit in the $width bit(s) of '${QasmWriter.operand(operand)}'"
        }
        val outer = instructions
        val inner = ArrayList<Instruction>()
        instructions = inner
        try {
            body()
        } finally {
            instructions = outer
        }
        instructions += Conditional(Condition(operand, value, equal), inner)
        return this
    }

    private fun requireDeclared(operand: QubitOperand) {
        val register = operand.register
        val declared = quantum[register.name]
        require(declared == register) { undeclared(register, declared, "qreg") }
    }

    private fun requireDeclared(operand: ClbitOperand) {
        val register = operand.register
        val declared = classical[register.name]
        require(declared == register) { undeclared(register, declared, "creg") }
    }

    private fun undeclared(register: Register, declared: Register?, how: String): String =
        if (declared == null) {
            "unknown register '${register.name}': declare it with $how first"
        } else {
            "register '${register.name}' of size ${register.size} is not the declared '${declared.name}' of size ${declared.size}"
        }

    /** The circuit built so far. */
    public fun build(): Circuit = Circuit(quantum.values.toList(), classical.values.toList(), parameters.toList(), instructions.toList())

    internal companion object {
        /** Name of the implicit register holding OpenQASM 3 physical qubits. */
        const val PHYSICAL: String = "$"
    }
}
