package io.qonduit.simulator.qasm

import io.qonduit.simulator.QasmSemanticException
import kotlin.math.E
import kotlin.math.PI

/** Real-valued gate-argument expression; evaluated late because gate bodies refer to formal parameters. */
internal sealed class Expr {
    abstract val token: Token

    class Num(val value: Double, override val token: Token) : Expr()

    /** Identifier: a constant (pi, tau, euler), a gate's formal parameter or a program parameter. */
    class Name(val name: String, override val token: Token) : Expr()

    class Unary(val op: String, val operand: Expr, override val token: Token) : Expr()

    class Binary(val op: String, val left: Expr, val right: Expr, override val token: Token) : Expr()

    class Call(val function: String, val argument: Expr, override val token: Token) : Expr()

    /** Evaluates with [env] binding formal gate parameters and program parameters by name. */
    fun eval(env: Map<String, Double>): Double = when (this) {
        is Num -> value
        is Name -> env[name] ?: CONSTANTS[name]
            ?: throw QasmSemanticException("unknown identifier '$name' in expression", token.line, token.column)
        is Unary -> if (op == "-") -operand.eval(env) else operand.eval(env)
        is Binary -> {
            val a = left.eval(env)
            val b = right.eval(env)
            when (op) {
                "+" -> a + b
                "-" -> a - b
                "*" -> a * b
                "/" -> a / b
                else -> Math.pow(a, b)
            }
        }
        is Call -> FUNCTIONS.getValue(function)(argument.eval(env))
    }

    companion object {
        val CONSTANTS: Map<String, Double> = mapOf("pi" to PI, "π" to PI, "tau" to 2 * PI, "τ" to 2 * PI, "euler" to E, "ℇ" to E)
        val FUNCTIONS: Map<String, (Double) -> Double> = mapOf(
            "sin" to Math::sin, "cos" to Math::cos, "tan" to Math::tan, "exp" to Math::exp, "ln" to Math::log,
            "sqrt" to Math::sqrt, "arcsin" to Math::asin, "arccos" to Math::acos, "arctan" to Math::atan,
        )
    }
}
