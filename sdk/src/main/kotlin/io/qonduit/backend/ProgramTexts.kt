package io.qonduit.backend

import io.qonduit.circuit.Circuit
import io.qonduit.circuit.QasmException
import io.qonduit.circuit.QasmLimitException
import io.qonduit.errors.ValidationException
import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program

/**
 * How programs become what a provider receives: OpenQASM text or a [Circuit]. The one place that
 * knows how each program kind is turned into a circuit or written as text.
 */
public object ProgramTexts {
    /**
     * The OpenQASM text of [program] with [binding] applied: an unbound [OpenQasmProgram]'s own text,
     * exactly; a circuit (or a bound OpenQASM program, parsed) written as OpenQASM [version].
     *
     * @throws ValidationException naming [field] when the program is not OpenQASM or a circuit, or
     *   cannot be read or written for this provider
     */
    @JvmStatic
    @JvmOverloads
    public fun openQasm(program: Program, version: Int, field: String, provider: String, binding: Map<String, Double> = emptyMap()): String {
        if (program is OpenQasmProgram && binding.isEmpty()) return program.text
        val circuit = circuit(program, field, provider).let { c ->
            try {
                c.bind(binding)
            } catch (e: IllegalArgumentException) {
                throw ValidationException(field, binding, e.message ?: "cannot bind")
            }
        }
        return try {
            if (version == 2) circuit.toQasm2() else circuit.toQasm3()
        } catch (e: UnsupportedOperationException) {
            throw ValidationException(field, program.toString().take(80), "$provider takes OpenQASM $version: ${e.message}")
        }
    }

    /**
     * [program] as a [Circuit]: a circuit itself, an OpenQASM program parsed.
     *
     * @throws ValidationException naming [field] for other programs or OpenQASM that does not parse
     */
    @JvmStatic
    public fun circuit(program: Program, field: String, provider: String): Circuit = when (program) {
        is Circuit -> program
        is OpenQasmProgram -> try {
            program.toCircuit()
        } catch (e: QasmException) {
            // The cause keeps the line and column typed, for callers that point at the text.
            throw ValidationException(field, program.toString(), "must be OpenQASM that parses: ${e.message}").apply { initCause(e) }
        }
        else -> throw ValidationException(field, program.toString(), "$provider runs OpenQASM programs and circuits")
    }

    /**
     * [program] as a [Circuit], or null when it is not a circuit or OpenQASM that parses (a provider
     * then reports the program's error itself, as a failed job).
     *
     * @throws QasmLimitException when the text is beyond the parser's limits (nested thousands deep):
     *   no provider reads it either, so it is refused before anything is sent
     */
    internal fun circuitOrNull(program: Program): Circuit? = when (program) {
        is Circuit -> program
        is OpenQasmProgram -> try {
            program.toCircuit()
        } catch (e: QasmLimitException) {
            throw e
        } catch (e: QasmException) {
            null
        }
        else -> null
    }
}
