package io.qonduit.emulator.qibo

import java.io.ByteArrayOutputStream

/**
 * Writes `.npy` files as `numpy.save` does for a dict (what qibo's `dump` stores as `results.npy`):
 * magic `\x93NUMPY`, version 1.0, a little-endian 16-bit header length, the header dict
 * `{'descr': '|O', 'fortran_order': False, 'shape': (), }` padded with spaces and a final `\n` so
 * that the data starts at a multiple of 64 bytes, then the pickle of the 0-d object array.
 */
internal object NpyFile {
    private val MAGIC = byteArrayOf(0x93.toByte(), 'N'.code.toByte(), 'U'.code.toByte(), 'M'.code.toByte(), 'P'.code.toByte(), 'Y'.code.toByte())
    private const val ALIGNMENT = 64
    private const val PREAMBLE = 10 // magic (6), version (2), header length (2)

    /** The `.npy` bytes of a 0-d object array holding [item] (a dict of pickleable values). */
    fun objectScalar(item: Map<String, Any?>): ByteArray {
        val out = ByteArrayOutputStream()
        out.write(MAGIC)
        out.write(1); out.write(0)
        val dict = "{'descr': '|O', 'fortran_order': False, 'shape': (), }"
        val padded = ((PREAMBLE + dict.length + 1 + ALIGNMENT - 1) / ALIGNMENT) * ALIGNMENT - PREAMBLE
        val header = dict.padEnd(padded - 1, ' ') + "\n"
        out.write(header.length and 0xFF); out.write(header.length ushr 8)
        out.write(header.toByteArray(Charsets.US_ASCII))
        out.write(PickleWriter().objectScalar(item))
        return out.toByteArray()
    }
}
