package io.qonduit.qibo

import net.razorvine.pickle.IObjectConstructor
import net.razorvine.pickle.PickleException
import net.razorvine.pickle.Unpickler
import net.razorvine.pickle.objects.ComplexNumber

/**
 * Unpickles what NumPy pickles: the data of an object-dtype `.npy` file, a pickled `ndarray`.
 *
 * Decoding is done by `net.razorvine:pickle`, which never runs Python code: a global it does not
 * know becomes a plain dict. NumPy's own globals are registered here: `_reconstruct` (from both
 * `numpy.core.multiarray` and NumPy 2's `numpy._core.multiarray`), `numpy.dtype` and `scalar`.
 * The decoded values are Kotlin values: `dict` → [Map], `list`/`tuple` → [List], `str` →
 * [String], `int` → [Long] (or [java.math.BigInteger]), `float` → [Double], `complex` and NumPy
 * complex scalars → [Complex], NumPy arrays → [NpyArray], `bytes` → [ByteArray], `None` → null.
 */
public object NumpyPickle {
    init {
        for (module in listOf("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(module, "_reconstruct", IObjectConstructor { PickledArray() })
            Unpickler.registerConstructor(module, "scalar", IObjectConstructor { args -> scalar(args) })
        }
        Unpickler.registerConstructor("numpy", "dtype", IObjectConstructor { args -> PickledDtype(args.getOrNull(0) as? String ?: throw PickleException("numpy.dtype without a type string")) })
    }

    /** Decodes the pickle [bytes] into Kotlin values (see the class comment). */
    @JvmStatic
    public fun loads(bytes: ByteArray): Any? {
        val raw = try {
            BoundedUnpickler().loads(bytes)
        } catch (e: NpyFormatException) {
            throw e
        } catch (e: Exception) {
            val cause = generateSequence<Throwable>(e) { it.cause }.firstOrNull { it is NpyFormatException } as? NpyFormatException
            throw cause ?: NpyFormatException("the pickle could not be read: ${e.message ?: e.javaClass.simpleName}", e)
        } catch (e: StackOverflowError) {
            throw NpyFormatException("the pickle nests too deeply")
        }
        return convert(raw, 0)
    }

    /** The object array of a `.npy` file whose header declared [shape]: its data is a pickled ndarray. */
    internal fun loadArray(bytes: ByteArray, shape: List<Int>): NpyArray {
        val array = loads(bytes) as? NpyArray ?: throw NpyFormatException("the object array's data is not a pickled ndarray")
        if (array.shape != shape) throw NpyFormatException("the pickled array has shape ${array.shape}, the header declares $shape")
        return array
    }

    private const val MAX_DEPTH = 200

    /**
     * The unpickler, save that an opcode declaring more bytes than the pickle has left is refused
     * before anything is read: the library allocates the declared length first, so a damaged 2 KiB
     * reply declaring a 1.5 GB string took seconds (and would not fit a small heap).
     */
    private class BoundedUnpickler : Unpickler() {
        override fun dispatch(key: Short): Any? {
            val width = LENGTH_WIDTH[key.toInt()]
            if (width != null) {
                input.mark(width)
                val length = (0 until width).fold(0L) { acc, i -> acc or ((input.read().toLong() and 0xffL) shl (8 * i)) }
                input.reset()
                val left = input.available() - width
                if (length < 0 || length > left) {
                    throw NpyFormatException("the pickle declares $length bytes of data at one opcode, but only ${maxOf(left, 0)} remain")
                }
            }
            return super.dispatch(key)
        }

        private companion object {
            /** Opcodes followed by a little-endian byte count, and that count's width. */
            val LENGTH_WIDTH = mapOf(
                'T'.code to 4, 'B'.code to 4, 'X'.code to 4, 0x8b to 4, // BINSTRING, BINBYTES, BINUNICODE, LONG4
                0x8d to 8, 0x8e to 8, 0x96 to 8, // BINUNICODE8, BINBYTES8, BYTEARRAY8
            )
        }
    }

    private fun convert(value: Any?, depth: Int): Any? {
        if (depth > MAX_DEPTH) throw NpyFormatException("the pickle nests deeper than $MAX_DEPTH")
        return when (value) {
            null, is String, is Boolean, is Double, is Long, is java.math.BigInteger, is ByteArray, is Complex, is NpyArray -> value
            is Int -> value.toLong()
            is Short -> value.toLong()
            is Byte -> value.toLong()
            is Float -> value.toDouble()
            is ComplexNumber -> Complex(value.real, value.imaginary)
            is PickledArray -> value.toArray { convert(it, depth + 1) }
            is PickledDtype -> value.dtype()
            is Map<*, *> -> value.entries.associate { (k, v) -> convert(k, depth + 1) to convert(v, depth + 1) }
            is Array<*> -> value.map { convert(it, depth + 1) }
            is Collection<*> -> value.map { convert(it, depth + 1) }
            else -> value
        }
    }

    /** `numpy.core.multiarray.scalar(dtype, bytes)`: a NumPy scalar such as `np.int64(5)`. */
    private fun scalar(args: Array<Any?>): Any? {
        val dtype = (args.getOrNull(0) as? PickledDtype)?.dtype() ?: throw PickleException("scalar without a dtype")
        val data = bytesOf(args.getOrNull(1)) ?: throw PickleException("scalar without data")
        if (dtype.kind == NpyKind.OBJECT) throw PickleException("object scalars are not read")
        return NpyReader.decode(dtype, emptyList(), false, data, 0).item()
    }

    internal fun bytesOf(value: Any?): ByteArray? = when (value) {
        is ByteArray -> value
        is String -> value.toByteArray(Charsets.ISO_8859_1) // protocol 0-2 pickles carry bytes as latin-1 text
        else -> null
    }
}

/**
 * A `numpy.dtype` being unpickled: the type string from its constructor, the byte order from
 * `__setstate__` (state `(version, byteorder, ...)`).
 */
internal class PickledDtype(private val type: String) {
    private var byteOrder: String = "|"

    @Suppress("FunctionName")
    fun __setstate__(state: Array<Any?>) {
        byteOrder = state.getOrNull(1) as? String ?: "|"
    }

    fun dtype(): NpyDtype = NpyDtype.parse(if (type.startsWith("O")) "|O" else byteOrder + type)
}

/**
 * An `ndarray` being unpickled: `_reconstruct` makes it, `__setstate__` gives it
 * `(version, shape, dtype, is_fortran, data)`, data being raw bytes or, for object arrays, a list.
 */
internal class PickledArray {
    private var state: Array<Any?>? = null

    @Suppress("FunctionName")
    fun __setstate__(state: Array<Any?>) {
        this.state = state
    }

    fun toArray(convert: (Any?) -> Any?): NpyArray {
        val s = state ?: throw NpyFormatException("a pickled ndarray has no state")
        if (s.size != 5) throw NpyFormatException("a pickled ndarray's state has ${s.size} fields, 5 expected")
        val shape = (s[1] as? Array<*>)?.map { (it as? Number)?.toInt() ?: throw NpyFormatException("bad dimension '$it' in a pickled ndarray") }
            ?: throw NpyFormatException("a pickled ndarray has no shape tuple")
        val dtype = (s[2] as? PickledDtype)?.dtype() ?: throw NpyFormatException("a pickled ndarray has no dtype")
        val fortran = s[3] as? Boolean ?: false
        if (dtype.kind == NpyKind.OBJECT) {
            val items = (s[4] as? List<*>) ?: throw NpyFormatException("a pickled object array's data is not a list")
            val n = shape.fold(1L) { a, b -> a * b }
            if (items.size.toLong() != n) throw NpyFormatException("a pickled object array of shape $shape holds ${items.size} item(s)")
            val converted = items.map(convert)
            return NpyArray(dtype, shape, fortran, objectValues = converted) // NumPy lists object items in row-major order whatever the flag
        }
        val data = NumpyPickle.bytesOf(s[4]) ?: throw NpyFormatException("a pickled ndarray's data is not bytes")
        return NpyReader.decode(dtype, shape, fortran, data, 0)
    }
}
