package io.qonduit.dsl.units

/**
 * A frequency in kilohertz: Oqtant expresses barrier heights and landscape potentials as kHz. Write `25.kHz`.
 *
 * A distinct type per unit, so quantities cannot be mixed up: `val h: Kilohertz = 0.5.MHz`
 * does not compile. Arithmetic stays within the unit; scaling by a plain number is allowed.
 *
 * @property value the amount in kilohertz (kHz)
 */
@JvmInline
public value class Kilohertz(public val value: Double) : Comparable<Kilohertz> {
    /** Sum of two amounts. */
    public operator fun plus(other: Kilohertz): Kilohertz = Kilohertz(value + other.value)

    /** Difference of two amounts. */
    public operator fun minus(other: Kilohertz): Kilohertz = Kilohertz(value - other.value)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Double): Kilohertz = Kilohertz(value * factor)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Int): Kilohertz = Kilohertz(value * factor)

    /** This amount divided by [divisor]. */
    public operator fun div(divisor: Double): Kilohertz = Kilohertz(value / divisor)

    /** The ratio of two amounts (a plain number). */
    public operator fun div(other: Kilohertz): Double = value / other.value

    /** The negated amount. */
    public operator fun unaryMinus(): Kilohertz = Kilohertz(-value)

    override fun compareTo(other: Kilohertz): Int = value.compareTo(other.value)

    /** The same frequency in megahertz. */
    public fun toMegahertz(): Megahertz = Megahertz(value / KILOHERTZ_PER_MEGAHERTZ)

    /** The amount with its unit symbol, e.g. `"25.0 kHz"`. */
    override fun toString(): String = "$value kHz"
}

/** This number times [amount]. */
public operator fun Double.times(amount: Kilohertz): Kilohertz = amount * this

/** This number times [amount]. */
public operator fun Int.times(amount: Kilohertz): Kilohertz = amount * this

/** This many kilohertz. */
public val Int.kHz: Kilohertz get() = Kilohertz(toDouble())

/** This many kilohertz. */
public val Double.kHz: Kilohertz get() = Kilohertz(this)
