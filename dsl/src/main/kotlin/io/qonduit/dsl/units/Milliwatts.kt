package io.qonduit.dsl.units

/**
 * A power in milliwatts, the unit of Oqtant RF powers. Write `500.mW`.
 *
 * A distinct type per unit, so quantities cannot be mixed up: `val p: Milliwatts = 500.kHz`
 * does not compile. Arithmetic stays within the unit; scaling by a plain number is allowed.
 *
 * @property value the amount in milliwatts (mW)
 */
@JvmInline
public value class Milliwatts(public val value: Double) : Comparable<Milliwatts> {
    /** Sum of two amounts. */
    public operator fun plus(other: Milliwatts): Milliwatts = Milliwatts(value + other.value)

    /** Difference of two amounts. */
    public operator fun minus(other: Milliwatts): Milliwatts = Milliwatts(value - other.value)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Double): Milliwatts = Milliwatts(value * factor)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Int): Milliwatts = Milliwatts(value * factor)

    /** This amount divided by [divisor]. */
    public operator fun div(divisor: Double): Milliwatts = Milliwatts(value / divisor)

    /** The ratio of two amounts (a plain number). */
    public operator fun div(other: Milliwatts): Double = value / other.value

    /** The negated amount. */
    public operator fun unaryMinus(): Milliwatts = Milliwatts(-value)

    override fun compareTo(other: Milliwatts): Int = value.compareTo(other.value)

    /** The amount with its unit symbol, e.g. `"500.0 mW"`. */
    override fun toString(): String = "$value mW"
}

/** This number times [amount]. */
public operator fun Double.times(amount: Milliwatts): Milliwatts = amount * this

/** This number times [amount]. */
public operator fun Int.times(amount: Milliwatts): Milliwatts = amount * this

/** This many milliwatts. */
public val Int.mW: Milliwatts get() = Milliwatts(toDouble())

/** This many milliwatts. */
public val Double.mW: Milliwatts get() = Milliwatts(this)
