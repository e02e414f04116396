package io.qonduit.simulator.qasm

/**
 * Parses gate-argument expressions: `+ - * /`, power (`^` or `**`, right-associative), unary minus,
 * `pi`/`tau`/`euler`, sin cos tan exp ln sqrt arcsin arccos arctan, program inputs and `{{name}}` placeholders.
 */
internal abstract class ExpressionParser(tokens: List<Token>, protected val bindings: Map<String, Double>) :
    TokenCursor(tokens) {
    /** Declared `input` parameters with their bound values. */
    protected val inputs: HashMap<String, Double> = HashMap()

    protected fun exprList(formals: Set<String>): List<Expr> {
        expectSymbol("(")
        val out = ArrayList<Expr>()
        if (acceptSymbol(")")) return out
        do out += expression(formals) while (acceptSymbol(","))
        expectSymbol(")")
        return out
    }

    private fun expression(formals: Set<String>): Expr {
        var left = term(formals)
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            val op = next()
            left = Expr.Binary(op.text, left, term(formals), op)
        }
        return left
    }

    private fun term(formals: Set<String>): Expr {
        var left = unary(formals)
        while (peek().isSymbol("*") || peek().isSymbol("/")) {
            val op = next()
            left = Expr.Binary(op.text, left, unary(formals), op)
        }
        return left
    }

    private fun unary(formals: Set<String>): Expr {
        if (peek().isSymbol("-") || peek().isSymbol("+")) {
            val op = next()
            return Expr.Unary(op.text, unary(formals), op)
        }
        return power(formals)
    }

    private fun power(formals: Set<String>): Expr {
        val base = atom(formals)
        if (peek().isSymbol("^") || peek().isSymbol("**")) {
            val op = next()
            return Expr.Binary("^", base, unary(formals), op)
        }
        return base
    }

    private fun atom(formals: Set<String>): Expr {
        val t = next()
        return when (t.kind) {
            TokenKind.INT, TokenKind.REAL -> Expr.Num(t.text.toDouble(), t)
            TokenKind.PLACEHOLDER -> {
                if (t.text !in bindings) semantic(t, "unbound parameter '${t.text}': supply a value for it in parameters")
                Expr.Name(t.text, t)
            }
            TokenKind.IDENT -> when {
                t.text in Expr.FUNCTIONS && peek().isSymbol("(") -> {
                    next()
                    val arg = expression(formals)
                    expectSymbol(")")
                    Expr.Call(t.text, arg, t)
                }
                t.text in formals || t.text in Expr.CONSTANTS || t.text in inputs -> Expr.Name(t.text, t)
                else -> semantic(t, "unknown identifier '${t.text}' in expression")
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
}
