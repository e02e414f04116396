package io.qonduit.dsl.units

/**
 * A time or duration in milliseconds, the unit of every Oqtant time field. Write `20.ms`, `0.5.ms` or `250.us`.
 *
 * A distinct type per unit, so quantities cannot be mixed up: `val t: Milliseconds = 1.5.um`
 * does not compile. Arithmetic stays within the unit; scaling by a plain number is allowed.
 *
 * @property value the amount in milliseconds (ms)
 */
@JvmInline
public value class Milliseconds(public val value: Double) : Comparable<Milliseconds> {
    /** Sum of two amounts. */
    public operator fun plus(other: Milliseconds): Milliseconds = Milliseconds(value + other.value)

    /** Difference of two amounts. */
    public operator fun minus(other: Milliseconds): Milliseconds = Milliseconds(value - other.value)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Double): Milliseconds = Milliseconds(value * factor)

    /** This amount scaled by [factor]. */
    public operator fun times(factor: Int): Milliseconds = Milliseconds(value * factor)

    /** This amount divided by [divisor]. */
    public operator fun div(divisor: Double): Milliseconds = Milliseconds(value / divisor)

    /** The ratio of two amounts (a plain number). */
    public operator fun div(other: Milliseconds): Double = value / other.value

    /** The negated amount. */
    public operator fun unaryMinus(): Milliseconds = Milliseconds(-value)

    override fun compareTo(other: Milliseconds): Int = value.compareTo(other.value)

    /** This time in microseconds. */
    public val inMicroseconds: Double get() = value * MICROSECONDS_PER_MILLISECOND

    /** The amount with its unit symbol, e.g. `"20.0 ms"`. */
    override fun toString(): String = "$value ms"
}

/** This number times [amount]. */
public operator fun Double.times(amount: Milliseconds): Milliseconds = amount * this

/** This number times [amount]. */
public operator fun Int.times(amount: Milliseconds): Milliseconds = amount * this

/** This many milliseconds. */
public val Int.ms: Milliseconds get() = Milliseconds(toDouble())

/** This many milliseconds. */
public val Double.ms: Milliseconds get() = Milliseconds(this)

/** This many microseconds, as milliseconds. */
public val Int.us: Milliseconds get() = Milliseconds(this / MICROSECONDS_PER_MILLISECOND)

/** This many microseconds, as milliseconds. */
public val Double.us: Milliseconds get() = Milliseconds(this / MICROSECONDS_PER_MILLISECOND)

private const val MICROSECONDS_PER_MILLISECOND: Double = 1000.0
