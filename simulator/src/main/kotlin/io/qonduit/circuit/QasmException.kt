package io.qonduit.circuit

/**
 * Problem found in an OpenQASM program. The message always contains "line L, column C" and what is wrong;
 * [line] and [column] are 1-based and point at the offending token.
 */
public open class QasmException(message: String, public val line: Int, public val column: Int) :
    RuntimeException(message)

/** The program text is not well-formed OpenQASM (unexpected token, unterminated comment, bad number...). */
public class QasmSyntaxException(what: String, line: Int, column: Int) :
    QasmException("Syntax error at line $line, column $column: $what", line, column)

/**
 * The program is well-formed but meaningless: unknown gate, undeclared register, index out of range,
 * wrong argument count, unbound parameter, use of an opaque gate...
 */
public class QasmSemanticException(what: String, line: Int, column: Int) :
    QasmException("Semantic error at line $line, column $column: $what", line, column)

/**
 * The program goes beyond a limit of the parser: nesting deeper than 256 levels, or more than 1000
 * operators in one expression. No provider's parser reads such a program either (they recurse too),
 * so clients refuse it before sending.
 */
public class QasmLimitException(what: String, line: Int, column: Int) :
    QasmException("Limit exceeded at line $line, column $column: $what", line, column)
