package io.qonduit.simulator

import io.qonduit.simulator.qasm.Lexer
import io.qonduit.simulator.qasm.Parser
import io.qonduit.simulator.qasm.TokenKind

/** Entry point for reading OpenQASM 2.0 and OpenQASM 3 (subset) programs. */
public object OpenQasm {
    /**
     * Parses OpenQASM 2.0 (with the built-in `qelib1.inc`) or the OpenQASM 3 subset (with `stdgates.inc`).
     * [parameters] binds free parameters by name: `input float[64] theta;` declarations and `{{theta}}`
     * placeholders. Throws [QasmSyntaxException] or [QasmSemanticException] with the line and column of the
     * offending token.
     */
    @JvmStatic
    @JvmOverloads
    public fun parse(source: String, parameters: Map<String, Double> = emptyMap()): QuantumCircuit =
        Parser(source, parameters).parse()

    /**
     * Free parameter names in order of first appearance: QASM 3 `input float[64] theta;` / `input angle theta;`
     * declarations and `{{theta}}` template placeholders. Only lexes the source, so it works before the
     * parameters are known; throws [QasmSyntaxException] for text that cannot be tokenized.
     */
    @JvmStatic
    public fun parameterNames(source: String): List<String> {
        val tokens = Lexer(source).tokenize()
        val names = LinkedHashSet<String>()
        var i = 0
        while (i < tokens.size) {
            val t = tokens[i]
            if (t.kind == TokenKind.PLACEHOLDER) {
                names += t.text
            } else if (t.isIdent("input")) {
                // input <type> [ '[' width ']' ] <name> ;
                var j = i + 2
                if (j < tokens.size && tokens[j].isSymbol("[")) j += 3
                if (j < tokens.size && tokens[j].kind == TokenKind.IDENT) names += tokens[j].text
                i = j
            }
            i++
        }
        return names.toList()
    }
}
