package io.qonduit.dsl.units

/**
 * A temperature in nanokelvin, the unit of Oqtant temperatures. Write `50.nK`.
 *
 * A distinct type per unit, so quantities cannot be mixed up: `val T: Nanokelvin = 50.mW`
 * does not compile. Arithmetic stays within the unit; scaling by a plain number is allowed.
 *
 * @property value the amount in nanokelvin (nK)
 */
@JvmInline
public value class Nanokelvin(public val value: Double) : Comparable<Nanokelvin> {
    /** Sum of two amounts. */
    public operator fun plus(other: Nanokelvin): Nanokelvin = Nanokelvin(value + other.value)

    /** Difference of two amounts. */
    public operator fun minus(other: Nanokelvin): Nanokelvin = Nanokelvin(value - other.value)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Double): Nanokelvin = Nanokelvin(value * factor)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Int): Nanokelvin = Nanokelvin(value * factor)

    /** This amount divided by [divisor]. */
    public operator fun div(divisor: Double): Nanokelvin = Nanokelvin(value / divisor)

    /** The ratio of two amounts (a plain number). */
    public operator fun div(other: Nanokelvin): Double = value / other.value

    /** The negated amount. */
    public operator fun unaryMinus(): Nanokelvin = Nanokelvin(-value)

    override fun compareTo(other: Nanokelvin): Int = value.compareTo(other.value)

    /** The amount with its unit symbol, e.g. `"50.0 nK"`. */
    override fun toString(): String = "$value nK"
}

/** This number times [amount]. */
public operator fun Double.times(amount: Nanokelvin): Nanokelvin = amount * this

/** This number times [amount]. */
public operator fun Int.times(amount: Nanokelvin): Nanokelvin = amount * this

/** This many nanokelvin. */
public val Int.nK: Nanokelvin get() = Nanokelvin(toDouble())

/** This many nanokelvin. */
public val Double.nK: Nanokelvin get() = Nanokelvin(this)
