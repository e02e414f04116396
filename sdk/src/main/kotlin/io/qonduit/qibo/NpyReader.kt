package io.qonduit.qibo

import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path

/**
 * Reads NumPy's `.npy` format (versions 1.0, 2.0 and 3.0) into an [NpyArray]: the magic, the
 * version, the header dict (`descr`, `fortran_order`, `shape`), then the data: raw elements of
 * kinds `b`, `i`, `u`, `f`, `c` in either byte order and either memory order, or, for `|O`, a
 * pickle of the array read by [NumpyPickle].
 *
 * Anything else (structured dtypes, strings, datetimes, truncated data, a header that is not a
 * literal dict) is refused with an [NpyFormatException] naming the problem.
 */
public object NpyReader {
    private val MAGIC = byteArrayOf(0x93.toByte(), 'N'.code.toByte(), 'U'.code.toByte(), 'M'.code.toByte(), 'P'.code.toByte(), 'Y'.code.toByte())

    /** Largest header read; NumPy itself writes a few hundred bytes. */
    public const val MAX_HEADER_BYTES: Int = 1 shl 20

    /** Reads the file at [path]. */
    @JvmStatic
    public fun read(path: Path): NpyArray = read(Files.readAllBytes(path))

    /** Reads [bytes], a whole `.npy` file. */
    @JvmStatic
    public fun read(bytes: ByteArray): NpyArray {
        if (bytes.size < 10 || !bytes.copyOfRange(0, 6).contentEquals(MAGIC)) throw NpyFormatException("bad magic (a .npy file starts with \\x93NUMPY)")
        val major = bytes[6].toInt() and 0xff
        val minor = bytes[7].toInt() and 0xff
        if (minor != 0 || major !in 1..3) throw NpyFormatException("unsupported version $major.$minor (1.0, 2.0 and 3.0 are read)")
        val le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
        val headerStart = if (major == 1) 10 else 12
        if (bytes.size < headerStart) throw NpyFormatException("truncated header length")
        val headerLength = if (major == 1) (le.getShort(8).toInt() and 0xffff).toLong() else le.getInt(8).toLong() and 0xffffffffL
        if (headerLength > MAX_HEADER_BYTES) throw NpyFormatException("header of $headerLength bytes is larger than $MAX_HEADER_BYTES")
        if (headerStart + headerLength > bytes.size) throw NpyFormatException("truncated header: $headerLength bytes declared, ${bytes.size - headerStart} present")
        val headerBytes = bytes.copyOfRange(headerStart, headerStart + headerLength.toInt())
        val header = if (major == 3) headerBytes.decodeToString() else String(headerBytes, Charsets.ISO_8859_1)
        val (dtype, fortran, shape) = readHeader(header)
        val dataStart = headerStart + headerLength.toInt()
        if (dtype.kind == NpyKind.OBJECT) return NumpyPickle.loadArray(bytes.copyOfRange(dataStart, bytes.size), shape)
        return decode(dtype, shape, fortran, bytes, dataStart)
    }

    private fun readHeader(header: String): Triple<NpyDtype, Boolean, List<Int>> {
        val dict = PythonLiteral.parse(header.trimEnd()) as? Map<*, *> ?: throw NpyFormatException("header is not a dict")
        val missing = listOf("descr", "fortran_order", "shape").filter { it !in dict }
        if (missing.isNotEmpty()) throw NpyFormatException("header lacks ${missing.joinToString()}")
        val descr = dict["descr"] as? String ?: throw NpyFormatException("descr ${dict["descr"]} is not a string (structured dtypes are not read)")
        val fortran = dict["fortran_order"] as? Boolean ?: throw NpyFormatException("fortran_order is not True or False")
        val shapeList = dict["shape"] as? List<*> ?: throw NpyFormatException("shape is not a tuple")
        val shape = shapeList.map { (it as? Long)?.takeIf { d -> d in 0..Int.MAX_VALUE }?.toInt() ?: throw NpyFormatException("shape ${shapeList} has a bad dimension '$it'") }
        return Triple(NpyDtype.parse(descr), fortran, shape)
    }

    /** Raw elements of [dtype] from [bytes] at [offset], in file order, as a row-major array. */
    internal fun decode(dtype: NpyDtype, shape: List<Int>, fortran: Boolean, bytes: ByteArray, offset: Int): NpyArray {
        val count = try {
            shape.fold(1L) { a, b -> Math.multiplyExact(a, b.toLong()) }.also { Math.multiplyExact(it, dtype.itemSize.toLong()) }
        } catch (e: ArithmeticException) {
            throw NpyFormatException("shape $shape is too large")
        }
        val needed = count * dtype.itemSize
        if (needed > bytes.size - offset) throw NpyFormatException("truncated data: $count element(s) of ${dtype.itemSize} bytes need $needed bytes, ${bytes.size - offset} present")
        val n = count.toInt()
        val buf = ByteBuffer.wrap(bytes, offset, needed.toInt()).slice().order(if (dtype.bigEndian) ByteOrder.BIG_ENDIAN else ByteOrder.LITTLE_ENDIAN)
        val order = if (fortran && shape.size > 1) fortranToC(shape) else null
        fun at(i: Int) = (order?.get(i) ?: i) * dtype.itemSize
        return when (dtype.kind) {
            NpyKind.FLOAT -> NpyArray(dtype, shape, fortran, doubleValues = DoubleArray(n) { real(buf, at(it), dtype.itemSize) })
            NpyKind.COMPLEX -> {
                val half = dtype.itemSize / 2
                val out = DoubleArray(2 * n)
                for (i in 0 until n) {
                    out[2 * i] = real(buf, at(i), half)
                    out[2 * i + 1] = real(buf, at(i) + half, half)
                }
                NpyArray(dtype, shape, fortran, doubleValues = out)
            }
            else -> NpyArray(dtype, shape, fortran, longValues = LongArray(n) { integer(buf, at(it), dtype.itemSize, dtype.kind == NpyKind.SIGNED) })
        }
    }

    private fun real(buf: ByteBuffer, at: Int, size: Int): Double = if (size == 4) buf.getFloat(at).toDouble() else buf.getDouble(at)

    private fun integer(buf: ByteBuffer, at: Int, size: Int, signed: Boolean): Long = when (size) {
        1 -> buf.get(at).toLong().let { if (signed) it else it and 0xff }
        2 -> buf.getShort(at).toLong().let { if (signed) it else it and 0xffff }
        4 -> buf.getInt(at).toLong().let { if (signed) it else it and 0xffffffffL }
        else -> buf.getLong(at)
    }

    /** For each row-major position, the column-major position holding that element. */
    private fun fortranToC(shape: List<Int>): IntArray {
        val n = shape.fold(1) { a, b -> a * b }
        val out = IntArray(n)
        val index = IntArray(shape.size)
        for (c in 0 until n) {
            var f = 0
            for (d in shape.indices.reversed()) f = f * shape[d] + index[d]
            out[c] = f
            var d = shape.size - 1
            while (d >= 0) {
                if (++index[d] < shape[d]) break
                index[d] = 0
                d--
            }
        }
        return out
    }
}
