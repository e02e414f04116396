package io.qonduit.circuit

import io.qonduit.program.Bindings

/**
 * A named free parameter of a circuit, usable in angle expressions (`theta * 2`). Two parameters with
 * the same name are equal. A circuit's parameters are bound by name when it runs.
 */
public class Parameter(
    /** The name, an OpenQASM identifier that is not a constant or function name. */
    public val name: String,
) : Angle() {
    init {
        Identifiers.requireName(name, "parameter")
    }

    /** One binding of this parameter per value, in order: `theta.bind(0.0, PI)` (see [Bindings.sweep]). */
    public fun bind(vararg values: Double): Bindings = Bindings.sweep(name, *values)

    override fun evaluate(values: Map<String, Double>): Double =
        values[name] ?: throw IllegalArgumentException("unbound parameter '$name': supply a value for it")

    override fun collectParameters(into: MutableSet<Parameter>) {
        into += this
    }

    override fun equals(other: Any?): Boolean = other is Parameter && other.name == name

    override fun hashCode(): Int = name.hashCode()

    override fun toString(): String = name
}
