package io.qonduit.program

/**
 * Something a target can run: an OpenQASM program ([OpenQasmProgram]), a circuit built with the DSL
 * or parsed ([io.qonduit.circuit.Circuit]), an Oqtant experiment, or a provider-native format.
 *
 * Programs are immutable values. A target decides how to send each kind to its provider; a program a
 * target cannot run is refused with a typed error before anything is submitted.
 */
public interface Program {
    /**
     * The names of the program's free parameters, in order of first appearance. Bindings give each of
     * them a value; an empty list means the program takes no parameters.
     */
    public val parameterNames: List<String>
}
