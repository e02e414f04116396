package io.qonduit.circuit

import io.qonduit.circuit.qasm.Lexer
import io.qonduit.circuit.qasm.Parser
import io.qonduit.circuit.qasm.TokenKind

/** Reads OpenQASM 2.0 and OpenQASM 3 (subset) programs into the [Circuit] model. */
public object OpenQasm {
    /**
     * Parses OpenQASM 2.0 (with the built-in `qelib1.inc`) or the OpenQASM 3 subset (with `stdgates.inc`)
     * into a [Circuit]. Free parameters (`input float[64] theta;`, `input angle theta;` and `{{theta}}`
     * placeholders) stay free: they are bound when the circuit runs.
     *
     * @throws QasmSyntaxException or [QasmSemanticException] with the line and column of the offending token
     */
    @JvmStatic
    public fun parse(source: String): Circuit = Parser(source).parse()

    /**
     * Free parameter names in order of first appearance, as [Circuit.parameterNames] of the parsed
     * program lists them. Only lexes the source, so it is cheap and works on programs this parser would
     * refuse; throws [QasmSyntaxException] for text that cannot be tokenized.
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
