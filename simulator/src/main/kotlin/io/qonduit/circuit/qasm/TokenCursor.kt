package io.qonduit.circuit.qasm

import io.qonduit.circuit.QasmLimitException
import io.qonduit.circuit.QasmSemanticException
import io.qonduit.circuit.QasmSyntaxException

/** Position in a token list plus the expect/accept helpers every parsing step uses. */
internal abstract class TokenCursor(protected val tokens: List<Token>) {
    private var pos = 0

    /** Nesting levels open now; the parser recurses once per level, so they are bounded. */
    private var depth = 0

    /**
     * Parses one nesting level (parenthesis, sign, function call, `if` body) with [parse], refusing
     * at [token] more than [MAX_NESTING] levels: a program nested thousands deep gets a syntax error
     * with its position instead of exhausting the stack.
     */
    protected fun <T> nested(token: Token, parse: () -> T): T {
        if (depth >= MAX_NESTING) limit(token, "nesting deeper than $MAX_NESTING levels (parentheses, signs, calls or if blocks)")
        depth++
        try {
            return parse()
        } finally {
            depth--
        }
    }

    protected fun peek(offset: Int = 0): Token = tokens[minOf(pos + offset, tokens.size - 1)]

    protected fun next(): Token = tokens[pos].also { if (pos < tokens.size - 1) pos++ }

    protected fun syntax(token: Token, what: String): Nothing = throw QasmSyntaxException(what, token.line, token.column)

    protected fun limit(token: Token, what: String): Nothing = throw QasmLimitException(what, token.line, token.column)

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

    companion object {
        /** Deepest nesting accepted; real programs stay in single digits. */
        const val MAX_NESTING: Int = 256

        /**
         * Most operators in one gate argument: a chain of `+` builds an expression tree as deep as it
         * is long, and evaluating or printing that tree recurses once per operator.
         */
        const val MAX_OPERATORS: Int = 1000
    }
}
