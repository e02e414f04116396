package io.qonduit.circuit.qasm

import io.qonduit.circuit.QasmSemanticException
import io.qonduit.circuit.QasmSyntaxException

/** Position in a token list plus the expect/accept helpers every parsing step uses. */
internal abstract class TokenCursor(protected val tokens: List<Token>) {
    private var pos = 0

    protected fun peek(offset: Int = 0): Token = tokens[minOf(pos + offset, tokens.size - 1)]

    protected fun next(): Token = tokens[pos].also { if (pos < tokens.size - 1) pos++ }

    protected fun syntax(token: Token, what: String): Nothing = throw QasmSyntaxException(what, token.line, token.column)

    protected fun semantic(token: Token, what: String): Nothing = throw QasmSemanticException(what, token.line, token.column)

    /**
     * Runs [action], which checks a rule of the circuit model, and reports its refusal at [token]: the
     * model owns the rule and its message, the parser adds where in the text it was broken.
     */
    protected inline fun <T> located(token: Token, action: () -> T): T =
        try {
            action()
        } catch (e: IllegalArgumentException) {
            semantic(token, e.message ?: "invalid program")
        }

    protected fun expectSymbol(symbol: String): Token {
        val t = next()
        if (!t.isSymbol(symbol)) syntax(t, "expected '$symbol' but found $t")
        return t
    }

    protected fun acceptSymbol(symbol: String): Boolean {
        if (peek().isSymbol(symbol)) { next(); return true }
        return false
    }

    protected fun expectIdent(what: String): Token {
        val t = next()
        if (t.kind != TokenKind.IDENT) syntax(t, "expected $what but found $t")
        return t
    }

    protected fun expectInt(what: String): Int {
        val t = next()
        if (t.kind != TokenKind.INT) syntax(t, "expected $what (a non-negative integer) but found $t")
        return t.text.toIntOrNull() ?: semantic(t, "$what ${t.text} is too large")
    }
}
