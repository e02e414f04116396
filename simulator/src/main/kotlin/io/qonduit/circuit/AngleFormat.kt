package io.qonduit.circuit

/**
 * Writes angles as OpenQASM expressions with only the parentheses the parser needs, so that reading the
 * text back gives an equal [Angle].
 */
internal object AngleFormat {
    enum class Dialect { QASM2, QASM3 }

    private const val UNARY = 3
    private const val ATOM = 5

    fun format(angle: Angle, dialect: Dialect): String = StringBuilder().also { write(angle, dialect, it) }.toString()

    private fun precedence(angle: Angle): Int = when (angle) {
        is Angle.Value -> if (angle.value < 0) UNARY else ATOM
        is Angle.Negation -> UNARY
        is Angle.Operation -> angle.operator.precedence
        is Angle.Constant, is Angle.Call, is Parameter -> ATOM
    }

    private fun write(angle: Angle, dialect: Dialect, out: StringBuilder) {
        when (angle) {
            is Angle.Value -> out.append(number(angle.value))
            is Parameter -> out.append(if (dialect == Dialect.QASM2) "{{${angle.name}}}" else angle.name)
            is Angle.Constant -> {
                if (dialect == Dialect.QASM2 && !angle.constant.inQasm2) {
                    throw UnsupportedOperationException("OpenQASM 2 has no constant '${angle.constant.qasmNames[0]}'; use toQasm3()")
                }
                out.append(angle.constant.qasmNames[0])
            }
            is Angle.Negation -> {
                out.append('-')
                operand(angle.operand, precedence(angle.operand) < UNARY, dialect, out)
            }
            is Angle.Call -> {
                if (dialect == Dialect.QASM2 && !angle.function.inQasm2) {
                    throw UnsupportedOperationException("OpenQASM 2 has no function '${angle.function.qasmName}'; use toQasm3()")
                }
                out.append(angle.function.qasmName).append('(')
                write(angle.argument, dialect, out)
                out.append(')')
            }
            is Angle.Operation -> {
                val op = angle.operator
                if (op == Operator.POWER) {
                    // The parser reads `atom ^ unary`: the base must be an atom, the exponent may be signed.
                    operand(angle.left, precedence(angle.left) < ATOM, dialect, out)
                    out.append(if (dialect == Dialect.QASM2) " ^ " else " ** ")
                    operand(angle.right, precedence(angle.right) < UNARY, dialect, out)
                } else {
                    // Left-associative: a right operand of the same precedence needs parentheses.
                    operand(angle.left, precedence(angle.left) < op.precedence, dialect, out)
                    out.append(' ').append(op.symbol).append(' ')
                    operand(angle.right, precedence(angle.right) <= op.precedence, dialect, out)
                }
            }
        }
    }

    private fun operand(angle: Angle, parenthesize: Boolean, dialect: Dialect, out: StringBuilder) {
        if (parenthesize) out.append('(')
        write(angle, dialect, out)
        if (parenthesize) out.append(')')
    }

    /** Integral values without a fraction (`2`, not `2.0`); others in Kotlin's shortest round-trip form. */
    private fun number(value: Double): String =
        if (value == Math.rint(value) && Math.abs(value) < 1e15) value.toLong().toString() else value.toString()

}
