package io.qonduit.circuit

/**
 * Builds a [GateDefinition]: calls of other gates on the definition's own qubits ([qubit]), with
 * angles over its formal parameters only.
 */
public class GateBodyBuilder internal constructor(
    private val name: String,
    private val numQubits: Int,
    private val parameters: List<Parameter>,
    /** Only for the parser reading the reference definitions of catalogue gates. */
    standardName: Boolean = false,
) : GateScope<GateBodyBuilder>() {
    /** Stands for the definition's qubits while the body is built; never part of a circuit. */
    private val own: QuantumRegister

    private val body = ArrayList<GateCall>()

    init {
        Identifiers.requireName(name, "gate")
        require(standardName || StandardGate.byName(name) == null) { "gate name '$name' is taken by the standard gate ${StandardGate.byName(name)}" }
        require(numQubits >= 1) { "gate '$name' must act on at least one qubit, was $numQubits" }
        val repeated = parameters.firstOrNull { p -> parameters.count { it == p } > 1 }
        require(repeated == null) { "gate '$name' lists parameter '$repeated' twice" }
        own = QuantumRegister(name, numQubits)
    }

    /**
     * Qubit [index] of the gate being defined.
     *
     * @throws IllegalArgumentException when [index] is not below the gate's number of qubits
     */
    public fun qubit(index: Int): Qubit {
        require(index in 0 until numQubits) { "gate '$name' has $numQubits qubit(s): index $index is out of range" }
        return own[index]
    }

    /** The gate's qubits, in order. */
    public val qubits: List<Qubit> get() = List(numQubits, ::qubit)

    override fun addGate(gate: Gate, arguments: List<Angle>, operands: List<QubitOperand>) {
        checkArity(gate, arguments.size, operands.size)
        val positions = operands.map { o ->
            require(o is Qubit && o.register === own) { "gate '$name' can only act on its own qubits, not on $o" }
            o.index
        }
        val repeated = positions.firstOrNull { p -> positions.count { it == p } > 1 }
        require(repeated == null) { "gate '${gate.gateName}' uses the same qubit ${own[repeated!!]} twice in gate '$name'" }
        for (a in arguments) {
            val stranger = a.parameters.firstOrNull { it !in parameters }
            require(stranger == null) {
                "gate '$name' uses '$stranger', which is not one of its parameters ${parameters.map { it.name }}"
            }
        }
        body += GateCall(gate, arguments, positions)
    }

    /** The definition. */
    public fun build(): GateDefinition = GateDefinition(name, parameters, numQubits, body.toList())
}
