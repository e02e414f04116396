package io.qonduit.circuit

/**
 * Builds a circuit with the Kotlin DSL:
 * ```
 * val bell = circuit {
 *     val q = qreg("q", 2); val c = creg("c", 2)
 *     h(q[0]); cx(q[0], q[1]); measure(q, c)
 * }
 * ```
 */
public fun circuit(body: CircuitBuilder.() -> Unit): Circuit = CircuitBuilder().apply(body).build()

/** Defines gate [name] on one qubit with formal [parameters]. */
public fun gate(name: String, vararg parameters: Parameter, body: GateBodyBuilder.(Qubit) -> Unit): GateDefinition =
    define(name, 1, parameters) { body(it[0]) }

/** Defines gate [name] on two qubits with formal [parameters]: `gate("rzx", theta) { a, b -> ... }`. */
public fun gate(name: String, vararg parameters: Parameter, body: GateBodyBuilder.(Qubit, Qubit) -> Unit): GateDefinition =
    define(name, 2, parameters) { body(it[0], it[1]) }

/** Defines gate [name] on three qubits with formal [parameters]. */
public fun gate(
    name: String,
    vararg parameters: Parameter,
    body: GateBodyBuilder.(Qubit, Qubit, Qubit) -> Unit,
): GateDefinition = define(name, 3, parameters) { body(it[0], it[1], it[2]) }

/** Defines gate [name] on [numQubits] qubits with formal [parameters]; [body] gets the qubits as a list. */
public fun gate(
    name: String,
    numQubits: Int,
    vararg parameters: Parameter,
    body: GateBodyBuilder.(List<Qubit>) -> Unit,
): GateDefinition = define(name, numQubits, parameters) { body(it) }

private fun define(
    name: String,
    numQubits: Int,
    parameters: Array<out Parameter>,
    body: GateBodyBuilder.(List<Qubit>) -> Unit,
): GateDefinition {
    val builder = GateBodyBuilder(name, numQubits, parameters.toList())
    builder.body(builder.qubits)
    return builder.build()
}
