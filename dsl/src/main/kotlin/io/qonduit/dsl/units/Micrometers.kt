package io.qonduit.dsl.units

/**
 * A position or width in micrometres, the unit of Oqtant positions and barrier widths. Write `10.um` or `1.5.um`.
 *
 * A distinct type per unit, so quantities cannot be mixed up: `val x: Micrometers = 20.ms`
 * does not compile. Arithmetic stays within the unit; scaling by a plain number is allowed.
 *
 * @property value the amount in micrometres (µm)
 */
@JvmInline
public value class Micrometers(public val value: Double) : Comparable<Micrometers> {
    /** Sum of two amounts. */
    public operator fun plus(other: Micrometers): Micrometers = Micrometers(value + other.value)

    /** Difference of two amounts. */
    public operator fun minus(other: Micrometers): Micrometers = Micrometers(value - other.value)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Double): Micrometers = Micrometers(value * factor)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Int): Micrometers = Micrometers(value * factor)

    /** This amount divided by [divisor]. */
    public operator fun div(divisor: Double): Micrometers = Micrometers(value / divisor)

    /** The ratio of two amounts (a plain number). */
    public operator fun div(other: Micrometers): Double = value / other.value

    /** The negated amount. */
    public operator fun unaryMinus(): Micrometers = Micrometers(-value)

    override fun compareTo(other: Micrometers): Int = value.compareTo(other.value)

    /** The amount with its unit symbol, e.g. `"1.5 µm"`. */
    override fun toString(): String = "$value µm"
}

/** This number times [amount]. */
public operator fun Double.times(amount: Micrometers): Micrometers = amount * this

/** This number times [amount]. */
public operator fun Int.times(amount: Micrometers): Micrometers = amount * this

/** This many micrometres. */
public val Int.um: Micrometers get() = Micrometers(toDouble())

/** This many micrometres. */
public val Double.um: Micrometers get() = Micrometers(this)
