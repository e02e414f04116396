package io.qonduit.emulator.qibo

import java.io.ByteArrayOutputStream
import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * A NumPy array to pickle: [descr] is its dtype string without the byte order (`f8`, `c16`, `i8`),
 * [shape] its dimensions (row-major), [data] its elements as little-endian bytes.
 */
internal class NdArray(val descr: String, val shape: List<Int>, val data: ByteArray) {
    companion object {
        /** A 1-D `float64` array. */
        fun float64(values: DoubleArray): NdArray = NdArray("f8", listOf(values.size), littleEndian(values.size * 8) { b -> values.forEach(b::putDouble) })

        /** A `complex128` array of [shape] (1-D by default) from interleaved `[re0, im0, re1, im1, ...]`. */
        fun complex128(interleaved: DoubleArray, shape: List<Int> = listOf(interleaved.size / 2)): NdArray =
            NdArray("c16", shape, littleEndian(interleaved.size * 8) { b -> interleaved.forEach(b::putDouble) })

        /** A 2-D `int64` array of [rows] rows of [columns] values each. */
        fun int64(rows: Int, columns: Int, values: LongArray): NdArray {
            require(values.size == rows * columns) { "int64 array of $rows x $columns needs ${rows * columns} values, got ${values.size}" }
            return NdArray("i8", listOf(rows, columns), littleEndian(values.size * 8) { b -> values.forEach(b::putLong) })
        }

        private fun littleEndian(size: Int, fill: (ByteBuffer) -> Unit): ByteArray =
            ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).also(fill).array()
    }
}

/**
 * A minimal writer of Python pickles (protocol 3, what `numpy.save` used for object arrays before
 * NumPy 2 moved to protocol 4; every NumPy and Python 3 reads it) for the values a Qibo result dict
 * holds: `None`, booleans, integers, floats, strings, lists, string-keyed dicts and [NdArray]s.
 *
 * Arrays are written as `pickle.dumps(array)` writes them: `numpy._core.multiarray._reconstruct
 * (numpy.ndarray, (0,), b'b')` followed by BUILD with the state `(1, shape, dtype, False, data)`,
 * where the dtype is `numpy.dtype(descr, False, True)` built with `(3, byteorder, None, None, None,
 * -1, -1, flags)`. The module is `numpy._core.multiarray`, the name NumPy 2 writes (the service runs
 * qibo 0.3, which needs NumPy 2); NumPy 1.26 resolves it too, and NumPy 2 still resolves
 * `numpy.core` for older files. No memo is written: no object is shared, so nothing is referenced twice.
 */
internal class PickleWriter {
    private val out = ByteArrayOutputStream()

    /** The pickle of a 0-d object array holding [item], as `numpy.save` writes a dict. */
    fun objectScalar(item: Any?): ByteArray {
        out.reset()
        out.write(PROTO); out.write(3)
        reconstruct()
        state(emptyList(), "O8", OBJECT_BYTE_ORDER, OBJECT_FLAGS) {
            out.write(EMPTY_LIST); write(item); out.write(APPEND)
        }
        out.write(STOP)
        return out.toByteArray()
    }

    private fun write(value: Any?) {
        when (value) {
            null -> out.write(NONE)
            is Boolean -> out.write(if (value) NEWTRUE else NEWFALSE)
            is Int -> integer(value.toLong())
            is Long -> integer(value)
            is Double -> { out.write(BINFLOAT); out.write(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(value).array()) }
            is String -> unicode(value)
            is NdArray -> array(value)
            is List<*> -> { out.write(EMPTY_LIST); if (value.isNotEmpty()) { out.write(MARK); value.forEach(::write); out.write(APPENDS) } }
            is Map<*, *> -> {
                out.write(EMPTY_DICT)
                if (value.isNotEmpty()) {
                    out.write(MARK)
                    for ((k, v) in value) { unicode(k as String); write(v) }
                    out.write(SETITEMS)
                }
            }
            else -> throw IllegalArgumentException("cannot pickle a ${value.javaClass.name}")
        }
    }

    private fun array(value: NdArray) {
        reconstruct()
        state(value.shape, value.descr, LITTLE_ENDIAN_BYTE_ORDER, 0) { bytes(value.data) }
    }

    /** `_reconstruct(numpy.ndarray, (0,), b'b')`: an empty array that BUILD fills. */
    private fun reconstruct() {
        global("numpy._core.multiarray", "_reconstruct")
        global("numpy", "ndarray")
        integer(0); out.write(TUPLE1)
        bytes(byteArrayOf('b'.code.toByte()))
        out.write(TUPLE3); out.write(REDUCE)
    }

    /** BUILD with `(1, shape, dtype, False, <data>)`, the state `ndarray.__reduce__` gives. */
    private fun state(shape: List<Int>, descr: String, byteOrder: String, flags: Int, data: () -> Unit) {
        out.write(MARK)
        integer(1)
        out.write(MARK); shape.forEach { integer(it.toLong()) }; out.write(TUPLE)
        dtype(descr, byteOrder, flags)
        out.write(NEWFALSE)
        data()
        out.write(TUPLE); out.write(BUILD)
    }

    /** `numpy.dtype(descr, False, True)` then BUILD `(3, byteorder, None, None, None, -1, -1, flags)`. */
    private fun dtype(descr: String, byteOrder: String, flags: Int) {
        global("numpy", "dtype")
        unicode(descr); out.write(NEWFALSE); out.write(NEWTRUE); out.write(TUPLE3); out.write(REDUCE)
        out.write(MARK)
        integer(3); unicode(byteOrder); out.write(NONE); out.write(NONE); out.write(NONE); integer(-1); integer(-1); integer(flags.toLong())
        out.write(TUPLE); out.write(BUILD)
    }

    private fun global(module: String, name: String) {
        out.write(GLOBAL); out.write("$module\n$name\n".toByteArray(Charsets.US_ASCII))
    }

    private fun integer(value: Long) {
        when (value) {
            in 0..0xFF -> { out.write(BININT1); out.write(value.toInt()) }
            in Int.MIN_VALUE..Int.MAX_VALUE -> { out.write(BININT); out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.toInt()).array()) }
            else -> { out.write(LONG1); out.write(8); out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array()) }
        }
    }

    private fun unicode(value: String) {
        val utf8 = value.toByteArray(Charsets.UTF_8)
        out.write(BINUNICODE); out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.size).array()); out.write(utf8)
    }

    private fun bytes(value: ByteArray) {
        if (value.size < SHORT_LIMIT) {
            out.write(SHORT_BINBYTES); out.write(value.size)
        } else {
            out.write(BINBYTES); out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.size).array())
        }
        out.write(value)
    }

    private companion object {
        // Opcodes, as Python's pickletools names them.
        const val PROTO = 0x80
        const val STOP = '.'.code
        const val MARK = '('.code
        const val NONE = 'N'.code
        const val NEWTRUE = 0x88
        const val NEWFALSE = 0x89
        const val BININT1 = 'K'.code
        const val BININT = 'J'.code
        const val LONG1 = 0x8a
        const val BINFLOAT = 'G'.code
        const val BINUNICODE = 'X'.code
        const val SHORT_BINBYTES = 'C'.code
        const val BINBYTES = 'B'.code
        const val EMPTY_LIST = ']'.code
        const val APPEND = 'a'.code
        const val APPENDS = 'e'.code
        const val EMPTY_DICT = '}'.code
        const val SETITEMS = 'u'.code
        const val TUPLE = 't'.code
        const val TUPLE1 = 0x85
        const val TUPLE3 = 0x87
        const val GLOBAL = 'c'.code
        const val REDUCE = 'R'.code
        const val BUILD = 'b'.code
        const val SHORT_LIMIT = 256

        const val OBJECT_BYTE_ORDER = "|"
        const val LITTLE_ENDIAN_BYTE_ORDER = "<"
        /** The flags of the object dtype: `NPY_ITEM_REFCOUNT | NPY_ITEM_HASOBJECT | NPY_LIST_PICKLE | NPY_ITEM_IS_POINTER | NPY_NEEDS_INIT | NPY_NEEDS_PYAPI`. */
        const val OBJECT_FLAGS = 63
    }
}
