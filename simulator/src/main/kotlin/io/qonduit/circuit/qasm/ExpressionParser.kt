package io.qonduit.circuit.qasm

import io.qonduit.circuit.Angle
import io.qonduit.circuit.AngleFunction
import io.qonduit.circuit.MathConstant
import io.qonduit.circuit.Parameter

/**
 * Parses gate-argument expressions into [Angle]s: `+ - * /`, power (`^` or `**`, right-associative),
 * unary minus, `pi`/`tau`/`euler`, sin cos tan exp ln sqrt arcsin arccos arctan, program inputs and
 * `{{name}}` placeholders (which make a free [Parameter]).
 */
internal abstract class ExpressionParser(tokens: List<Token>) : TokenCursor(tokens) {
    /** Names declared with `input`. */
    protected val inputs: MutableSet<String> = HashSet()

    /** Operators in the argument being parsed, bounded by [MAX_OPERATORS]. */
    private var operators = 0

    /** Counts one operator at [token] of the current argument, refusing more than [MAX_OPERATORS]. */
    private fun operator(token: Token): Token {
        if (++operators > MAX_OPERATORS) limit(token, "more than $MAX_OPERATORS operators in one expression")
        return token
    }

    /**
     * A parenthesised argument list. [formals] are a gate definition's parameters, the only names a
     * gate body may use; null at top level, where inputs and placeholders are allowed.
     */
    protected fun exprList(formals: Set<String>?): List<Angle> {
        expectSymbol("(")
        val out = ArrayList<Angle>()
        if (acceptSymbol(")")) return out
        do {
            operators = 0
            out += expression(formals)
        } while (acceptSymbol(","))
        expectSymbol(")")
        return out
    }

    private fun expression(formals: Set<String>?): Angle = nested(peek()) {
        var left = term(formals)
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            val plus = operator(next()).text == "+"
            val right = term(formals)
            left = if (plus) left + right else left - right
        }
        left
    }

    private fun term(formals: Set<String>?): Angle {
        var left = unary(formals)
        while (peek().isSymbol("*") || peek().isSymbol("/")) {
            val times = operator(next()).text == "*"
            val right = unary(formals)
            left = if (times) left * right else left / right
        }
        return left
    }

    private fun unary(formals: Set<String>?): Angle {
        val sign = peek()
        if (sign.isSymbol("-") || sign.isSymbol("+")) {
            operator(next())
            val operand = nested(sign) { unary(formals) }
            return if (sign.isSymbol("-")) -operand else operand
        }
        return power(formals)
    }

    private fun power(formals: Set<String>?): Angle {
        val base = atom(formals)
        if (peek().isSymbol("^") || peek().isSymbol("**")) {
            val op = operator(next())
            return base.pow(nested(op) { unary(formals) })
        }
        return base
    }

    private fun atom(formals: Set<String>?): Angle {
        val t = next()
        return when (t.kind) {
            TokenKind.INT, TokenKind.REAL -> Angle.of(t.text.toDouble())
            TokenKind.PLACEHOLDER -> {
                if (formals != null) semantic(t, "parameter placeholder '{{${t.text}}}' cannot be used inside a gate definition")
                parameter(t)
            }
            TokenKind.IDENT -> {
                val function = AngleFunction.BY_NAME[t.text]
                val constant = MathConstant.BY_NAME[t.text]
                when {
                    function != null && peek().isSymbol("(") -> {
                        operator(t)
                        next()
                        val arg = expression(formals)
                        expectSymbol(")")
                        Angle.Call(function, arg)
                    }
                    formals != null && t.text in formals -> parameter(t)
                    constant != null -> Angle.Constant(constant)
                    formals == null && t.text in inputs -> parameter(t)
                    else -> semantic(t, "unknown identifier '${t.text}' in expression")
                }
            }
            TokenKind.SYMBOL -> if (t.text == "(") {
                val inner = expression(formals)
                expectSymbol(")")
                inner
            } else {
                syntax(t, "expected an expression but found $t")
            }
            else -> syntax(t, "expected an expression but found $t")
        }
    }

    private fun parameter(t: Token): Parameter = located(t) { Parameter(t.text) }
}
