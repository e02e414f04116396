package io.qonduit.simulator

import java.util.stream.IntStream

/**
 * Walks the amplitude indices a kernel touches as contiguous runs instead of one index at a time.
 *
 * A gate on sorted [positions] (target and controls) touches the indices whose bits there are fixed. Every
 * index below the lowest position is free, so the touched set is made of runs of `2^positions[0]`
 * consecutive indices: the bit deposit that spreads a counter around the fixed bits is paid once per run,
 * and the inner loop over a run is a plain counted loop the JIT unrolls. Long runs are cut into segments
 * of at most [SEGMENT] so that even a gate on a high qubit splits evenly over the cores. Short runs (a gate
 * on qubit 0, 1 or 2, or on a pair of neighbours such as (1, 2)) are walked in units of several: the runs told
 * apart by the lowest free bits above the lowest position are evenly spaced, so only a unit's first run pays
 * the deposit.
 */
internal object IndexRuns {
    /** Below this many touched indices the fork-join overhead outweighs a second core. */
    const val PARALLEL_THRESHOLD: Int = 1 shl 15

    /** Longest run handed to a kernel at once: long enough to amortise the deposit, short enough to split. */
    const val SEGMENT: Int = 1 shl 12

    /** Slices per parallel loop: a few per core so a core slowed by other work does not hold up the rest. */
    val CHUNKS: Int = maxOf(2, Runtime.getRuntime().availableProcessors()) * 4

    /**
     * Calls [body] with `[start, end)` for every run of indices of a `2^numQubits` state whose bits at
     * [positions] are zero, each index then or-ed with [mask].
     */
    inline fun forRuns(numQubits: Int, positions: IntArray, mask: Int, crossinline body: (Int, Int) -> Unit) {
        val count = 1 shl (numQubits - positions.size)
        val run = runLength(positions)
        val perUnit = runsPerUnit(numQubits, positions)
        val spacing = runSpacing(positions)
        val unit = run * perUnit
        forRange(count / unit, count) { lo, hi ->
            for (u in lo until hi) {
                var start = deposit(u * unit, positions) or mask
                for (r in 0 until perUnit) {
                    body(start, start + run)
                    start += spacing
                }
            }
        }
    }

    /** Like [forRuns], adding up what [body] returns per run in a fixed order (independent of scheduling). */
    inline fun sumRuns(numQubits: Int, positions: IntArray, mask: Int, crossinline body: (Int, Int) -> Double): Double {
        val count = 1 shl (numQubits - positions.size)
        val run = runLength(positions)
        val perUnit = runsPerUnit(numQubits, positions)
        val spacing = runSpacing(positions)
        val unit = run * perUnit
        return sumRange(count / unit, count) { lo, hi ->
            var s = 0.0
            for (u in lo until hi) {
                var start = deposit(u * unit, positions) or mask
                for (r in 0 until perUnit) {
                    s += body(start, start + run)
                    start += spacing
                }
            }
            s
        }
    }

    /** Indices handed to a kernel at once: a whole run below [SEGMENT], else a segment of one. */
    fun runLength(positions: IntArray): Int = minOf(1 shl positions[0], SEGMENT)

    /**
     * Runs walked from one deposit: those told apart only by the free bits from the lowest one above
     * `positions[0]` up to the next position (all [runSpacing] apart), up to [SEGMENT] indices in all; 1 for
     * runs cut into segments, which are contiguous instead.
     */
    fun runsPerUnit(numQubits: Int, positions: IntArray): Int {
        val run = 1 shl positions[0]
        if (run >= SEGMENT) return 1
        val free = firstFreeBit(positions)
        if (free >= numQubits) return 1
        val next = positions.firstOrNull { it > free } ?: numQubits
        return minOf(1 shl (next - free), SEGMENT / run)
    }

    /** Distance between the starts of the runs of one unit: the weight of the lowest free bit above `positions[0]`. */
    fun runSpacing(positions: IntArray): Int = 1 shl firstFreeBit(positions)

    /** The lowest bit above `positions[0]` that is not a position (positions ascending). */
    private fun firstFreeBit(positions: IntArray): Int {
        var bit = positions[0] + 1
        for (k in 1 until positions.size) if (positions[k] == bit) bit++
        return bit
    }

    /** Spreads the bits of [k] around zero bits inserted at [positions] (ascending). */
    @JvmStatic
    fun deposit(k: Int, positions: IntArray): Int {
        var i = k
        for (p in positions) {
            val low = i and ((1 shl p) - 1)
            i = ((i ushr p) shl (p + 1)) or low
        }
        return i
    }

    /** Calls [body] on slices of `[0, units)`, in parallel when the [work] they stand for is large. */
    inline fun forRange(units: Int, work: Int, crossinline body: (Int, Int) -> Unit) {
        if (work < PARALLEL_THRESHOLD || units < 2) {
            body(0, units)
            return
        }
        val chunks = minOf(units, CHUNKS)
        val chunk = (units + chunks - 1) / chunks
        IntStream.range(0, chunks).parallel().forEach { c ->
            val lo = c * chunk
            val hi = minOf(units, lo + chunk)
            if (lo < hi) body(lo, hi)
        }
    }

    /** [forRange] for partial sums, added in chunk order. */
    inline fun sumRange(units: Int, work: Int, crossinline body: (Int, Int) -> Double): Double {
        if (work < PARALLEL_THRESHOLD || units < 2) return body(0, units)
        val chunks = minOf(units, CHUNKS)
        val chunk = (units + chunks - 1) / chunks
        val partial = DoubleArray(chunks)
        IntStream.range(0, chunks).parallel().forEach { c ->
            val lo = c * chunk
            val hi = minOf(units, lo + chunk)
            if (lo < hi) partial[c] = body(lo, hi)
        }
        return partial.sum()
    }
}
