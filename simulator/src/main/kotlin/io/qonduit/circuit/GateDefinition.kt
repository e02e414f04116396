package io.qonduit.circuit

/**
 * A user-defined gate: a name, formal [parameters], a number of qubits and a [body] of calls of other
 * gates on those qubits. Circuits keep definitions (OpenQASM output writes them as `gate` statements);
 * the simulator expands them. Build one with `gate("name", theta) { a, b -> ... }` or, from Java,
 * [builder].
 */
public class GateDefinition internal constructor(
    override val gateName: String,
    /** The formal parameters, the only parameters [body] may use. */
    public val parameters: List<Parameter>,
    override val numQubits: Int,
    /** The gate calls, in order. */
    public val body: List<GateCall>,
) : Gate {
    override val numParameters: Int get() = parameters.size

    override fun equals(other: Any?): Boolean =
        other is GateDefinition && other.gateName == gateName && other.parameters == parameters &&
            other.numQubits == numQubits && other.body == body

    override fun hashCode(): Int = ((gateName.hashCode() * 31 + parameters.hashCode()) * 31 + numQubits) * 31 + body.hashCode()

    override fun toString(): String = QasmWriter.definition(this, AngleFormat.Dialect.QASM3)

    /** Java entry point. */
    public companion object {
        /**
         * A builder for gate [name] on [numQubits] qubits with formal [parameters]: get the qubits with
         * [GateBodyBuilder.qubit], add gate calls, then [GateBodyBuilder.build].
         */
        @JvmStatic
        public fun builder(name: String, numQubits: Int, vararg parameters: Parameter): GateBodyBuilder =
            GateBodyBuilder(name, numQubits, parameters.toList())
    }
}

/** One call inside a [GateDefinition]: [gate] with [arguments] on the definition's qubits [qubits] (0-based positions). */
public class GateCall internal constructor(
    /** The gate called. */
    public val gate: Gate,
    /** Its angles, over the definition's formal parameters. */
    public val arguments: List<Angle>,
    /** Positions of its qubits among the definition's qubits. */
    public val qubits: List<Int>,
) {
    override fun equals(other: Any?): Boolean =
        other is GateCall && other.gate == gate && other.arguments == arguments && other.qubits == qubits

    override fun hashCode(): Int = (gate.hashCode() * 31 + arguments.hashCode()) * 31 + qubits.hashCode()
    override fun toString(): String = QasmWriter.call(this, AngleFormat.Dialect.QASM3)
}
