package io.qonduit.circuit

import kotlin.math.E

/** Named constants usable in angles, with their OpenQASM spellings (the first is the one written). */
public enum class MathConstant(
    /** The value. */
    public val value: Double,
    /** OpenQASM identifiers that read as this constant; the first is written. */
    public val qasmNames: List<String>,
    /** Whether OpenQASM 2 knows the constant. */
    public val inQasm2: Boolean,
) {
    /** π. */
    PI(kotlin.math.PI, listOf("pi", "π"), true),

    /** τ = 2π. */
    TAU(2 * kotlin.math.PI, listOf("tau", "τ"), false),

    /** Euler's number e. */
    EULER(E, listOf("euler", "ℇ"), false),
    ;

    internal companion object {
        val BY_NAME: Map<String, MathConstant> = entries.flatMap { c -> c.qasmNames.map { it to c } }.toMap()
    }
}

/** Binary operators of angle expressions, with OpenQASM precedence (higher binds tighter). */
public enum class Operator(
    /** The OpenQASM 3 symbol. */
    public val symbol: String,
    internal val precedence: Int,
    internal val apply: (Double, Double) -> Double,
) {
    /** Addition. */
    PLUS("+", 1, { a, b -> a + b }),

    /** Subtraction. */
    MINUS("-", 1, { a, b -> a - b }),

    /** Multiplication. */
    TIMES("*", 2, { a, b -> a * b }),

    /** Division. */
    DIVIDE("/", 2, { a, b -> a / b }),

    /** Power, right-associative; written `^` in OpenQASM 2 and `**` in OpenQASM 3. */
    POWER("**", 4, { a, b -> Math.pow(a, b) }),
}

/** Functions of angle expressions. */
public enum class AngleFunction(
    /** The OpenQASM name. */
    public val qasmName: String,
    /** Whether OpenQASM 2 knows the function. */
    public val inQasm2: Boolean,
    internal val apply: (Double) -> Double,
) {
    /** Sine. */
    SIN("sin", true, Math::sin),

    /** Cosine. */
    COS("cos", true, Math::cos),

    /** Tangent. */
    TAN("tan", true, Math::tan),

    /** Exponential. */
    EXP("exp", true, Math::exp),

    /** Natural logarithm. */
    LN("ln", true, Math::log),

    /** Square root. */
    SQRT("sqrt", true, Math::sqrt),

    /** Arc sine. */
    ARCSIN("arcsin", false, Math::asin),

    /** Arc cosine. */
    ARCCOS("arccos", false, Math::acos),

    /** Arc tangent. */
    ARCTAN("arctan", false, Math::atan),
    ;

    internal companion object {
        val BY_NAME: Map<String, AngleFunction> = entries.associateBy { it.qasmName }
    }
}

