package io.qonduit.qibo

/** The kind of a NumPy dtype (`descr`'s letter after the byte order). */
public enum class NpyKind(
    /** NumPy's letter. */
    public val letter: Char,
) {
    /** `b`: booleans, one byte each. */
    BOOL('b'),

    /** `i`: signed integers of 1, 2, 4 or 8 bytes. */
    SIGNED('i'),

    /** `u`: unsigned integers of 1, 2, 4 or 8 bytes. */
    UNSIGNED('u'),

    /** `f`: IEEE floats of 4 or 8 bytes. */
    FLOAT('f'),

    /** `c`: complex numbers of 8 or 16 bytes (two floats). */
    COMPLEX('c'),

    /** `O`: Python objects; the array's data is a pickle. */
    OBJECT('O'),
    ;

    internal companion object {
        fun of(letter: Char): NpyKind? = entries.firstOrNull { it.letter == letter }
    }
}

/**
 * A NumPy dtype as a `.npy` header's `descr` writes it: byte order, kind and item size (`<f8`,
 * `>i4`, `|b1`, `|O`).
 *
 * @property bigEndian true for `>` (and for `!`, network order); `<`, `|` and `=` read little-endian
 */
public class NpyDtype internal constructor(
    public val kind: NpyKind,
    public val itemSize: Int,
    public val bigEndian: Boolean,
) {
    /** The dtype as a `descr` string, e.g. `<f8`. */
    public val descr: String get() = when {
        kind == NpyKind.OBJECT -> "|O"
        itemSize == 1 -> "|${kind.letter}1"
        else -> "${if (bigEndian) '>' else '<'}${kind.letter}$itemSize"
    }

    override fun equals(other: Any?): Boolean =
        other is NpyDtype && other.kind == kind && other.itemSize == itemSize && (itemSize == 1 || other.bigEndian == bigEndian)

    override fun hashCode(): Int = kind.hashCode() * 31 + itemSize

    override fun toString(): String = descr

    internal companion object {
        private val SIZES = mapOf(
            NpyKind.BOOL to setOf(1),
            NpyKind.SIGNED to setOf(1, 2, 4, 8),
            NpyKind.UNSIGNED to setOf(1, 2, 4, 8),
            NpyKind.FLOAT to setOf(4, 8),
            NpyKind.COMPLEX to setOf(8, 16),
        )

        /** Reads a `descr` such as `<f8`; the object dtype is `|O` (or `|O8`, as pickles name it). */
        fun parse(descr: String): NpyDtype {
            if (descr.isEmpty()) throw NpyFormatException("empty descr")
            val order = descr[0]
            val rest = if (order in "<>|=!") descr.substring(1) else descr
            val big = order == '>' || order == '!'
            val kind = rest.firstOrNull()?.let { NpyKind.of(it) }
                ?: throw NpyFormatException("unsupported descr '$descr': kinds b, i, u, f, c and O are read")
            if (kind == NpyKind.OBJECT) {
                if (rest != "O" && rest != "O8" && rest != "O4") throw NpyFormatException("unsupported descr '$descr'")
                return NpyDtype(kind, 8, big)
            }
            val size = rest.substring(1).toIntOrNull() ?: throw NpyFormatException("descr '$descr' has no item size")
            if (size !in SIZES.getValue(kind)) throw NpyFormatException("unsupported descr '$descr': ${kind.name.lowercase()} items of $size bytes")
            return NpyDtype(kind, size, big)
        }
    }
}
