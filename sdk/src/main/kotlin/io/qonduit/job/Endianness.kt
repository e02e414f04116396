package io.qonduit.job

/**
 * Bit-ordering convention for bitstring labels.
 *
 * Qonduit (like OQC) stores bitstrings big-endian: the leftmost character is the most significant
 * bit and is bit 0 of the register (`c[0]`). Qiskit and several other SDKs write little-endian
 * labels, the same string reversed.
 */
public enum class Endianness {
    /** Leftmost character is the most significant bit (OQC's and Qonduit's notation). */
    BIG,

    /** Leftmost character is the least significant bit (Qiskit's notation). */
    LITTLE,
    ;

    /** Writes a big-endian bitstring in this convention. */
    public fun label(bigEndian: String): String = if (this == BIG) bigEndian else bigEndian.reversed()

    /** Reads a bitstring written in this convention back to big-endian. */
    public fun toBig(label: String): String = if (this == BIG) label else label.reversed()

    public companion object {
        /**
         * The physical (big-endian) integer value of [bitstring] written in [endianness]:
         * `bits("011", BIG)` and `bits("110", LITTLE)` are both 3.
         *
         * @throws io.qonduit.errors.ValidationException when the string is empty, not binary or wider than 63 bits
         */
        @JvmStatic
        @JvmOverloads
        public fun bits(bitstring: String, endianness: Endianness = BIG): Long {
            if (bitstring.isEmpty() || bitstring.any { it != '0' && it != '1' }) {
                throw io.qonduit.errors.ValidationException("bitstring", bitstring, "must be a non-empty string of '0' and '1'")
            }
            if (bitstring.length > 63) {
                throw io.qonduit.errors.ValidationException("bitstring", bitstring.length, "at most 63 bits")
            }
            return endianness.toBig(bitstring).toLong(2)
        }
    }
}
