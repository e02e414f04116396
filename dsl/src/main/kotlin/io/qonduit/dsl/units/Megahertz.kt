package io.qonduit.dsl.units

/**
 * A frequency in megahertz, the unit of Oqtant RF evaporation frequencies. Write `0.5.MHz`.
 *
 * A distinct type per unit, so quantities cannot be mixed up: `val f: Megahertz = 25.kHz`
 * does not compile. Arithmetic stays within the unit; scaling by a plain number is allowed.
 *
 * @property value the amount in megahertz (MHz)
 */
@JvmInline
public value class Megahertz(public val value: Double) : Comparable<Megahertz> {
    /** Sum of two amounts. */
    public operator fun plus(other: Megahertz): Megahertz = Megahertz(value + other.value)

    /** Difference of two amounts. */
    public operator fun minus(other: Megahertz): Megahertz = Megahertz(value - other.value)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Double): Megahertz = Megahertz(value * factor)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Int): Megahertz = Megahertz(value * factor)

    /** This amount divided by [divisor]. */
    public operator fun div(divisor: Double): Megahertz = Megahertz(value / divisor)

    /** The ratio of two amounts (a plain number). */
    public operator fun div(other: Megahertz): Double = value / other.value

    /** The negated amount. */
    public operator fun unaryMinus(): Megahertz = Megahertz(-value)

    override fun compareTo(other: Megahertz): Int = value.compareTo(other.value)

    /** The same frequency in kilohertz. */
    public fun toKilohertz(): Kilohertz = Kilohertz(value * KILOHERTZ_PER_MEGAHERTZ)

    /** The amount with its unit symbol, e.g. `"0.5 MHz"`. */
    override fun toString(): String = "$value MHz"
}

/** This number times [amount]. */
public operator fun Double.times(amount: Megahertz): Megahertz = amount * this

/** This number times [amount]. */
public operator fun Int.times(amount: Megahertz): Megahertz = amount * this

/** This many megahertz. */
public val Int.MHz: Megahertz get() = Megahertz(toDouble())

/** This many megahertz. */
public val Double.MHz: Megahertz get() = Megahertz(this)

/** kHz in one MHz. */
internal const val KILOHERTZ_PER_MEGAHERTZ: Double = 1000.0
