package io.qonduit.dsl.oqtant.plot

import kotlin.math.roundToInt

/**
 * The viridis colormap (perceptually uniform, readable in grey and with colour-vision deficiency), as a
 * 256-entry table. The table is built by linear interpolation between viridis sampled at
 * t = 0, 0.1, …, 1 (matplotlib's published values), which stays within a few RGB levels of the full table.
 */
public object Viridis {
    /** Colour of the lowest value, `#440154` (dark purple), as `0xRRGGBB`. */
    public const val BOTTOM: Int = 0x440154

    /** Colour of the highest value, `#FDE725` (yellow), as `0xRRGGBB`. */
    public const val TOP: Int = 0xFDE725

    /** Number of table entries. */
    public const val SIZE: Int = 256

    // Viridis at t = 0.0, 0.1, ..., 1.0.
    private val anchors = intArrayOf(
        BOTTOM, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C,
        0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, TOP,
    )

    private val table = IntArray(SIZE) { i -> interpolate(i / (SIZE - 1.0)) }

    /** The colour of [t] in 0..1 (clamped; NaN counts as 0) as `0xRRGGBB`. */
    @JvmStatic
    public fun rgb(t: Double): Int {
        val clamped = if (t.isNaN()) 0.0 else t.coerceIn(0.0, 1.0)
        return table[(clamped * (SIZE - 1)).roundToInt()]
    }

    /** Table entry [index] (0..255) as `0xRRGGBB`. */
    @JvmStatic
    public fun entry(index: Int): Int = table[index]

    private fun interpolate(t: Double): Int {
        val x = t * (anchors.size - 1)
        val i = x.toInt().coerceAtMost(anchors.size - 2)
        val f = x - i
        fun channel(shift: Int): Int {
            val a = (anchors[i] shr shift) and 0xFF
            val b = (anchors[i + 1] shr shift) and 0xFF
            return (a + (b - a) * f).roundToInt()
        }
        return (channel(16) shl 16) or (channel(8) shl 8) or channel(0)
    }
}
