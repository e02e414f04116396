package io.qonduit.simulator

import io.qonduit.simulator.ops.MatrixKind
import io.qonduit.simulator.ops.SwapOp
import io.qonduit.simulator.ops.UnitaryOp
import java.util.stream.IntStream
import kotlin.math.sqrt

/**
 * Amplitudes of an n-qubit state in two primitive arrays; basis index bit q is qubit q (little-endian).
 * All kernels work in place; large states split the index range over the common fork-join pool.
 */
internal class StateVector(val numQubits: Int) {
    val dim: Int = 1 shl numQubits
    val re = DoubleArray(dim)
    val im = DoubleArray(dim)

    init {
        re[0] = 1.0
    }

    fun copyFrom(other: StateVector) {
        System.arraycopy(other.re, 0, re, 0, dim)
        System.arraycopy(other.im, 0, im, 0, dim)
    }

    fun apply(op: UnitaryOp) {
        // Locals, not fields, inside the loops: the JIT does not trust instance fields to stay put.
        val re = re
        val im = im
        val m = op.m
        val positions = op.sortedPositions
        val mask = op.controlMask
        val stride = 1 shl op.target
        val count = dim ushr positions.size
        when (op.kind) {
            MatrixKind.DIAGONAL -> {
                val r0 = m[0]; val i0 = m[1]; val r1 = m[6]; val i1 = m[7]
                val phaseOnly = r0 == 1.0 && i0 == 0.0
                forRange(count) { lo, hi ->
                    for (k in lo until hi) {
                        val a = deposit(k, positions) or mask
                        val b = a or stride
                        if (!phaseOnly) {
                            val ar = re[a]; val ai = im[a]
                            re[a] = ar * r0 - ai * i0; im[a] = ar * i0 + ai * r0
                        }
                        val br = re[b]; val bi = im[b]
                        re[b] = br * r1 - bi * i1; im[b] = br * i1 + bi * r1
                    }
                }
            }
            MatrixKind.ANTI_DIAGONAL -> {
                val r01 = m[2]; val i01 = m[3]; val r10 = m[4]; val i10 = m[5]
                val isX = r01 == 1.0 && i01 == 0.0 && r10 == 1.0 && i10 == 0.0
                forRange(count) { lo, hi ->
                    for (k in lo until hi) {
                        val a = deposit(k, positions) or mask
                        val b = a or stride
                        val ar = re[a]; val ai = im[a]; val br = re[b]; val bi = im[b]
                        if (isX) {
                            re[a] = br; im[a] = bi; re[b] = ar; im[b] = ai
                        } else {
                            re[a] = r01 * br - i01 * bi; im[a] = r01 * bi + i01 * br
                            re[b] = r10 * ar - i10 * ai; im[b] = r10 * ai + i10 * ar
                        }
                    }
                }
            }
            MatrixKind.GENERAL -> {
                val r00 = m[0]; val i00 = m[1]; val r01 = m[2]; val i01 = m[3]
                val r10 = m[4]; val i10 = m[5]; val r11 = m[6]; val i11 = m[7]
                forRange(count) { lo, hi ->
                    for (k in lo until hi) {
                        val a = deposit(k, positions) or mask
                        val b = a or stride
                        val ar = re[a]; val ai = im[a]; val br = re[b]; val bi = im[b]
                        re[a] = r00 * ar - i00 * ai + r01 * br - i01 * bi
                        im[a] = r00 * ai + i00 * ar + r01 * bi + i01 * br
                        re[b] = r10 * ar - i10 * ai + r11 * br - i11 * bi
                        im[b] = r10 * ai + i10 * ar + r11 * bi + i11 * br
                    }
                }
            }
        }
    }

    fun apply(op: SwapOp) {
        val re = re
        val im = im
        val positions = op.sortedPositions
        val mask = op.controlMask
        val bitA = 1 shl op.a
        val bitB = 1 shl op.b
        forRange(dim ushr positions.size) { lo, hi ->
            for (k in lo until hi) {
                val base = deposit(k, positions) or mask
                val x = base or bitA
                val y = base or bitB
                val r = re[x]; val i = im[x]
                re[x] = re[y]; im[x] = im[y]; re[y] = r; im[y] = i
            }
        }
    }

    /** Probability that [qubit] reads 1; chunk sums are added in a fixed order so results do not depend on scheduling. */
    fun probabilityOfOne(qubit: Int): Double {
        val re = re
        val im = im
        val positions = intArrayOf(qubit)
        val bit = 1 shl qubit
        return sumOver(dim ushr 1) { lo, hi ->
            var s = 0.0
            for (k in lo until hi) {
                val b = deposit(k, positions) or bit
                s += re[b] * re[b] + im[b] * im[b]
            }
            s
        }
    }

    /** Projects [qubit] onto [outcome] (whose probability is [probability]) and renormalises. */
    fun collapse(qubit: Int, outcome: Boolean, probability: Double) {
        val re = re
        val im = im
        val positions = intArrayOf(qubit)
        val bit = 1 shl qubit
        val scale = 1.0 / sqrt(probability)
        forRange(dim ushr 1) { lo, hi ->
            for (k in lo until hi) {
                val zero = deposit(k, positions)
                val one = zero or bit
                val keep = if (outcome) one else zero
                val drop = if (outcome) zero else one
                re[keep] *= scale; im[keep] *= scale
                re[drop] = 0.0; im[drop] = 0.0
            }
        }
    }

    /** Basis index drawn from the Born distribution, for a uniform [u] in [0, 1). */
    fun sampleIndex(u: Double): Int {
        val re = re
        val im = im
        var total = 0.0
        for (k in 0 until dim) total += re[k] * re[k] + im[k] * im[k]
        val target = u * total
        var acc = 0.0
        var last = 0
        for (k in 0 until dim) {
            val p = re[k] * re[k] + im[k] * im[k]
            if (p == 0.0) continue
            acc += p
            last = k
            if (acc > target) return k
        }
        return last
    }

    /** Writes |amplitude|² into [out] (which may be [re] itself, destroying the state). */
    fun probabilitiesInto(out: DoubleArray) {
        val re = re
        val im = im
        forRange(dim) { lo, hi ->
            for (k in lo until hi) {
                val r = re[k]; val i = im[k]
                out[k] = r * r + i * i
            }
        }
    }

    internal companion object {
        /** Below this many loop iterations the fork-join overhead outweighs a second core. */
        const val PARALLEL_THRESHOLD: Int = 1 shl 15
        private val CHUNKS = maxOf(2, Runtime.getRuntime().availableProcessors()) * 4

        /** Spreads the bits of [k] around zero bits inserted at [positions] (ascending). */
        @JvmStatic
        fun deposit(k: Int, positions: IntArray): Int {
            if (positions.size == 1) {
                val p = positions[0]
                return ((k ushr p) shl (p + 1)) or (k and ((1 shl p) - 1))
            }
            var i = k
            for (p in positions) {
                val low = i and ((1 shl p) - 1)
                i = ((i ushr p) shl (p + 1)) or low
            }
            return i
        }

        inline fun forRange(count: Int, crossinline body: (Int, Int) -> Unit) {
            if (count < PARALLEL_THRESHOLD) {
                body(0, count)
                return
            }
            val chunk = (count + CHUNKS - 1) / CHUNKS
            IntStream.range(0, CHUNKS).parallel().forEach { c ->
                val lo = c * chunk
                val hi = minOf(count, lo + chunk)
                if (lo < hi) body(lo, hi)
            }
        }

        inline fun sumOver(count: Int, crossinline body: (Int, Int) -> Double): Double {
            if (count < PARALLEL_THRESHOLD) return body(0, count)
            val chunk = (count + CHUNKS - 1) / CHUNKS
            val partial = DoubleArray(CHUNKS)
            IntStream.range(0, CHUNKS).parallel().forEach { c ->
                val lo = c * chunk
                val hi = minOf(count, lo + chunk)
                if (lo < hi) partial[c] = body(lo, hi)
            }
            return partial.sum()
        }
    }
}
