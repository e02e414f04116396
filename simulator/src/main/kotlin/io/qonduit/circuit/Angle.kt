package io.qonduit.circuit

/**
 * A real-valued gate argument: a number, a named constant (`pi`), a [Parameter], or an expression over
 * them. Angles are immutable values with structural equality, so an angle read from OpenQASM equals the
 * one built in Kotlin (`theta * 2` and `theta * 2` parse to the same tree).
 *
 * Build them with the operators (`theta * 2`, `PI / 2 - phi`, `-theta`), [of] for numbers and the
 * functions [sin], [cos], [tan], [exp], [ln], [sqrt], [arcsin], [arccos], [arctan].
 */
public sealed class Angle {
    /** The free parameters of this expression, in order of first appearance. */
    public val parameters: List<Parameter> by lazy { LinkedHashSet<Parameter>().also(::collectParameters).toList() }

    /**
     * The value of this expression with every [Parameter] taken from [values].
     *
     * @throws IllegalArgumentException naming the first parameter that [values] does not bind
     */
    public abstract fun evaluate(values: Map<String, Double>): Double

    internal abstract fun collectParameters(into: MutableSet<Parameter>)

    /** This plus [other]. */
    public operator fun plus(other: Angle): Angle = Operation(Operator.PLUS, this, other)

    /** This plus [other]. */
    public operator fun plus(other: Double): Angle = plus(of(other))

    /** This plus [other]. */
    public operator fun plus(other: Int): Angle = plus(of(other.toDouble()))

    /** This minus [other]. */
    public operator fun minus(other: Angle): Angle = Operation(Operator.MINUS, this, other)

    /** This minus [other]. */
    public operator fun minus(other: Double): Angle = minus(of(other))

    /** This minus [other]. */
    public operator fun minus(other: Int): Angle = minus(of(other.toDouble()))

    /** This times [other]. */
    public operator fun times(other: Angle): Angle = Operation(Operator.TIMES, this, other)

    /** This times [other]. */
    public operator fun times(other: Double): Angle = times(of(other))

    /** This times [other]. */
    public operator fun times(other: Int): Angle = times(of(other.toDouble()))

    /** This divided by [other]. */
    public operator fun div(other: Angle): Angle = Operation(Operator.DIVIDE, this, other)

    /** This divided by [other]. */
    public operator fun div(other: Double): Angle = div(of(other))

    /** This divided by [other]. */
    public operator fun div(other: Int): Angle = div(of(other.toDouble()))

    /** This to the power [exponent]. */
    public fun pow(exponent: Angle): Angle = Operation(Operator.POWER, this, exponent)

    /** This to the power [exponent]. */
    public fun pow(exponent: Double): Angle = pow(of(exponent))

    /** This to the power [exponent]. */
    public fun pow(exponent: Int): Angle = pow(of(exponent.toDouble()))

    /** Minus this; a negated number is folded into the number, so `-of(0.5)` equals `of(-0.5)`. */
    public operator fun unaryMinus(): Angle = if (this is Value) Value(-value) else Negation(this)

    /** A number. Negative zero is stored as zero, so equal numbers are equal angles. */
    public class Value internal constructor(value: Double) : Angle() {
        /** The number. */
        public val value: Double = if (value == 0.0) 0.0 else value

        init {
            require(value.isFinite()) { "an angle must be a finite number, was $value" }
        }

        override fun evaluate(values: Map<String, Double>): Double = value
        override fun collectParameters(into: MutableSet<Parameter>): Unit = Unit
        override fun equals(other: Any?): Boolean = other is Value && other.value == value
        override fun hashCode(): Int = value.hashCode()
        override fun toString(): String = AngleFormat.format(this, AngleFormat.Dialect.QASM3)
    }

    /** A named mathematical constant. */
    public class Constant internal constructor(
        /** Which constant. */
        public val constant: MathConstant,
    ) : Angle() {
        override fun evaluate(values: Map<String, Double>): Double = constant.value
        override fun collectParameters(into: MutableSet<Parameter>): Unit = Unit
        override fun equals(other: Any?): Boolean = other is Constant && other.constant == constant
        override fun hashCode(): Int = constant.hashCode()
        override fun toString(): String = AngleFormat.format(this, AngleFormat.Dialect.QASM3)
    }

    /** Minus [operand]. */
    public class Negation internal constructor(
        /** The negated expression. */
        public val operand: Angle,
    ) : Angle() {
        override fun evaluate(values: Map<String, Double>): Double = -operand.evaluate(values)
        override fun collectParameters(into: MutableSet<Parameter>): Unit = operand.collectParameters(into)
        override fun equals(other: Any?): Boolean = other is Negation && other.operand == operand
        override fun hashCode(): Int = -operand.hashCode()
        override fun toString(): String = AngleFormat.format(this, AngleFormat.Dialect.QASM3)
    }

    /** [left] [operator] [right]. */
    public class Operation internal constructor(
        /** The arithmetic operator. */
        public val operator: Operator,
        /** The left operand. */
        public val left: Angle,
        /** The right operand. */
        public val right: Angle,
    ) : Angle() {
        override fun evaluate(values: Map<String, Double>): Double = operator.apply(left.evaluate(values), right.evaluate(values))

        override fun collectParameters(into: MutableSet<Parameter>) {
            left.collectParameters(into)
            right.collectParameters(into)
        }

        override fun equals(other: Any?): Boolean =
            other is Operation && other.operator == operator && other.left == left && other.right == right

        override fun hashCode(): Int = (operator.hashCode() * 31 + left.hashCode()) * 31 + right.hashCode()
        override fun toString(): String = AngleFormat.format(this, AngleFormat.Dialect.QASM3)
    }

    /** [function] applied to [argument]. */
    public class Call internal constructor(
        /** The function. */
        public val function: AngleFunction,
        /** Its argument. */
        public val argument: Angle,
    ) : Angle() {
        override fun evaluate(values: Map<String, Double>): Double = function.apply(argument.evaluate(values))
        override fun collectParameters(into: MutableSet<Parameter>): Unit = argument.collectParameters(into)
        override fun equals(other: Any?): Boolean = other is Call && other.function == function && other.argument == argument
        override fun hashCode(): Int = function.hashCode() * 31 + argument.hashCode()
        override fun toString(): String = AngleFormat.format(this, AngleFormat.Dialect.QASM3)
    }

    /** Factories and constants, static from Java. */
    public companion object {
        /** π, written `pi`. */
        @JvmField
        public val PI: Angle = Constant(MathConstant.PI)

        /** τ = 2π, written `tau` (OpenQASM 3 only). */
        @JvmField
        public val TAU: Angle = Constant(MathConstant.TAU)

        /** Euler's number, written `euler` (OpenQASM 3 only). */
        @JvmField
        public val EULER: Angle = Constant(MathConstant.EULER)

        /** The number [value]. */
        @JvmStatic
        public fun of(value: Double): Angle = Value(value)

        /** sin([a]). */
        @JvmStatic
        public fun sin(a: Angle): Angle = Call(AngleFunction.SIN, a)

        /** cos([a]). */
        @JvmStatic
        public fun cos(a: Angle): Angle = Call(AngleFunction.COS, a)

        /** tan([a]). */
        @JvmStatic
        public fun tan(a: Angle): Angle = Call(AngleFunction.TAN, a)

        /** e to the power [a]. */
        @JvmStatic
        public fun exp(a: Angle): Angle = Call(AngleFunction.EXP, a)

        /** Natural logarithm of [a]. */
        @JvmStatic
        public fun ln(a: Angle): Angle = Call(AngleFunction.LN, a)

        /** Square root of [a]. */
        @JvmStatic
        public fun sqrt(a: Angle): Angle = Call(AngleFunction.SQRT, a)

        /** arcsin([a]) (OpenQASM 3 only). */
        @JvmStatic
        public fun arcsin(a: Angle): Angle = Call(AngleFunction.ARCSIN, a)

        /** arccos([a]) (OpenQASM 3 only). */
        @JvmStatic
        public fun arccos(a: Angle): Angle = Call(AngleFunction.ARCCOS, a)

        /** arctan([a]) (OpenQASM 3 only). */
        @JvmStatic
        public fun arctan(a: Angle): Angle = Call(AngleFunction.ARCTAN, a)
    }
}

/** [this] plus [angle]. */
public operator fun Double.plus(angle: Angle): Angle = Angle.of(this) + angle

/** [this] minus [angle]. */
public operator fun Double.minus(angle: Angle): Angle = Angle.of(this) - angle

/** [this] times [angle]. */
public operator fun Double.times(angle: Angle): Angle = Angle.of(this) * angle

/** [this] divided by [angle]. */
public operator fun Double.div(angle: Angle): Angle = Angle.of(this) / angle

/** [this] plus [angle]. */
public operator fun Int.plus(angle: Angle): Angle = Angle.of(toDouble()) + angle

/** [this] minus [angle]. */
public operator fun Int.minus(angle: Angle): Angle = Angle.of(toDouble()) - angle

/** [this] times [angle]. */
public operator fun Int.times(angle: Angle): Angle = Angle.of(toDouble()) * angle

/** [this] divided by [angle]. */
public operator fun Int.div(angle: Angle): Angle = Angle.of(toDouble()) / angle
