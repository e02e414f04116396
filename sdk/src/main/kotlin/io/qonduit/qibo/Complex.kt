package io.qonduit.qibo

/** A complex number read from a NumPy `complex64`/`complex128` array or scalar (state vectors). */
public class Complex(
    /** The real part. */
    public val re: Double,
    /** The imaginary part. */
    public val im: Double,
) {
    /** |z|², the probability of an amplitude. */
    public val abs2: Double get() = re * re + im * im

    override fun equals(other: Any?): Boolean = other is Complex && other.re == re && other.im == im

    override fun hashCode(): Int = re.hashCode() * 31 + im.hashCode()

    override fun toString(): String = if (im < 0 || (im == 0.0 && 1 / im < 0)) "($re${im}j)" else "($re+${im}j)"
}
