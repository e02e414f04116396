package io.qonduit.qibo

/**
 * A NumPy array read from a `.npy` file or from a pickle, its elements in row-major (C) order
 * whatever order the file stored them in.
 *
 * Elements are read through the accessor of their kind: [longs] for booleans and integers (an
 * unsigned 64-bit value above `Long.MAX_VALUE` keeps its bits), [doubles] for floats (and any
 * real number), [complexes] for complex numbers, [objects] for Python objects (decoded as
 * [NumpyPickle] describes). A 0-d array has an empty [shape] and one element.
 */
public class NpyArray internal constructor(
    /** The element type. */
    public val dtype: NpyDtype,
    shape: List<Int>,
    /** Whether the file stored the data column-major (`fortran_order`); the accessors are row-major either way. */
    public val fortranOrder: Boolean,
    private val longValues: LongArray? = null,
    private val doubleValues: DoubleArray? = null,
    private val objectValues: List<Any?>? = null,
) {
    /** The dimensions; empty for a 0-d array. */
    public val shape: List<Int> = shape.toList()

    /** Number of elements (1 for a 0-d array). */
    public val size: Int = shape.fold(1) { a, b -> a * b }

    /** Number of dimensions. */
    public val ndim: Int get() = shape.size

    /** The elements as 64-bit integers (booleans as 0/1; floats truncated). */
    public fun longs(): LongArray = when {
        longValues != null -> longValues.copyOf()
        doubleValues != null && dtype.kind == NpyKind.FLOAT -> LongArray(size) { doubleValues[it].toLong() }
        else -> throw IllegalStateException("a $dtype array has no integer elements")
    }

    /** The elements as doubles (integers and booleans converted). */
    public fun doubles(): DoubleArray = when {
        doubleValues != null && dtype.kind == NpyKind.FLOAT -> doubleValues.copyOf()
        longValues != null -> DoubleArray(size) {
            if (dtype.kind == NpyKind.UNSIGNED && longValues[it] < 0) java.lang.Long.toUnsignedString(longValues[it]).toDouble() else longValues[it].toDouble()
        }
        else -> throw IllegalStateException("a $dtype array has no real elements")
    }

    /** The elements as booleans (non-zero is true). */
    public fun booleans(): BooleanArray = longs().let { v -> BooleanArray(v.size) { v[it] != 0L } }

    /** The elements as complex numbers (real elements with a zero imaginary part). */
    public fun complexes(): List<Complex> = when {
        doubleValues != null && dtype.kind == NpyKind.COMPLEX -> List(size) { Complex(doubleValues[2 * it], doubleValues[2 * it + 1]) }
        else -> doubles().map { Complex(it, 0.0) }
    }

    /** The elements of an object array. */
    public fun objects(): List<Any?> = objectValues ?: throw IllegalStateException("a $dtype array holds no Python objects")

    /** The single element of a 0-d (or one-element) array, as its accessor gives it. */
    public fun item(): Any? {
        check(size == 1) { "item() needs an array of one element, this one has $size" }
        return when (dtype.kind) {
            NpyKind.OBJECT -> objects()[0]
            NpyKind.COMPLEX -> complexes()[0]
            NpyKind.FLOAT -> doubles()[0]
            NpyKind.BOOL -> longs()[0] != 0L
            else -> longs()[0]
        }
    }

    /** The flat (row-major) position of the element at [index], one index per dimension. */
    public fun flatIndex(vararg index: Int): Int {
        require(index.size == shape.size) { "the array has ${shape.size} dimension(s), ${index.size} index(es) given" }
        var flat = 0
        index.forEachIndexed { d, i ->
            require(i in 0 until shape[d]) { "index $i is out of range for dimension $d of size ${shape[d]}" }
            flat = flat * shape[d] + i
        }
        return flat
    }

    override fun toString(): String = "NpyArray($dtype, shape=${shape.joinToString(prefix = "(", postfix = ")")})"
}
