package io.qonduit.backend

import io.qonduit.errors.ValidationException
import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program

/**
 * The OpenQASM text a provider receives for a program: an [OpenQasmProgram]'s own text, exactly; a
 * circuit written as OpenQASM [version]. Other programs are refused, naming the [field].
 */
public object ProgramTexts {
    /**
     * The OpenQASM text of [program].
     *
     * @throws ValidationException when the program is not OpenQASM or a circuit
     */
    @JvmStatic
    public fun openQasm(program: Program, version: Int, field: String, provider: String): String = when (program) {
        is OpenQasmProgram -> program.text
        else -> throw ValidationException(field, program.toString(), "$provider runs OpenQASM programs and circuits")
    }
}
