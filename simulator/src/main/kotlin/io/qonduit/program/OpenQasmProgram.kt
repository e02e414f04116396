package io.qonduit.program

import io.qonduit.circuit.Circuit
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException

/**
 * An OpenQASM 2 or 3 program as text, kept exactly as given: targets that take OpenQASM send these
 * very characters.
 *
 * Free parameters are QASM 3 `input float[64] theta;` / `input angle theta;` declarations and
 * `{{theta}}` placeholders ([parameterNames]).
 */
public class OpenQasmProgram(
    /** The program text, unchanged. */
    public val text: String,
) : Program {
    /** The OpenQASM major version from the `OPENQASM` header: 2 or 3 (3 when the header is missing). */
    public val version: Int = versionOf(text)

    override val parameterNames: List<String> by lazy { OpenQasm.parameterNames(text) }

    /**
     * The program parsed into the circuit model; its [Circuit.parameterNames] equal [parameterNames].
     * Parsed once: validation, simulation and result decoding all read the same circuit.
     *
     * @throws io.qonduit.circuit.QasmException with line and column when the text is not a valid program
     */
    public fun toCircuit(): Circuit = parsed.getOrThrow()

    private val parsed: Result<Circuit> by lazy {
        try {
            Result.success(OpenQasm.parse(text))
        } catch (e: QasmException) { // deep nesting included: the parser bounds it (QasmLimitException)
            Result.failure(e)
        }
    }

    override fun equals(other: Any?): Boolean = other is OpenQasmProgram && other.text == text

    override fun hashCode(): Int = text.hashCode()

    override fun toString(): String = "OpenQasmProgram(v$version, ${text.lineSequence().filter { it.isNotBlank() }.count()} lines)"

    public companion object {
        /** The program [text]. */
        @JvmStatic
        public fun of(text: String): OpenQasmProgram = OpenQasmProgram(text)

        private val HEADER = Regex("""^\s*(?://[^\n]*\n\s*|/\*.*?\*/\s*)*OPENQASM\s+(\d+)""", RegexOption.DOT_MATCHES_ALL)

        private fun versionOf(text: String): Int = HEADER.find(text)?.groupValues?.get(1)?.toIntOrNull() ?: 3
    }
}
