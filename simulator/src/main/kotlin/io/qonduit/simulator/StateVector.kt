package io.qonduit.simulator

import io.qonduit.simulator.ops.CacheBlockOp
import io.qonduit.simulator.ops.DiagonalOp
import io.qonduit.simulator.ops.GateOp
import io.qonduit.simulator.ops.MatrixKind
import io.qonduit.simulator.ops.SwapOp
import io.qonduit.simulator.ops.TwoQubitOp
import io.qonduit.simulator.ops.UnitaryOp
import io.qonduit.simulator.IndexRuns.forRange
import io.qonduit.simulator.IndexRuns.forRuns
import io.qonduit.simulator.IndexRuns.sumRuns
import kotlin.math.sqrt

/**
 * Amplitudes of an n-qubit state in two primitive arrays; basis index bit q is qubit q (little-endian).
 * All kernels work in place on contiguous runs of indices ([IndexRuns]); large states split the runs over the
 * common fork-join pool.
 */
internal class StateVector(val numQubits: Int) {
    val dim: Int = 1 shl numQubits
    val re = DoubleArray(dim)
    val im = DoubleArray(dim)

    /**
     * Qubits at and above [width] are still |0>: every amplitude from `2^width` on is zero. A fresh state is
     * |0...0> (width 0); a gate widens it to the highest qubit it touches, and acts on the first `2^width`
     * amplitudes only, since what a gate on lower qubits makes of zero amplitudes is zero. So the gates that
     * prepare a state on qubit after qubit (a GHZ ladder, a layer of H) cost about one pass in all, not one each.
     * Code that writes amplitudes itself must set the width to [numQubits].
     */
    var width: Int = 0

    init {
        re[0] = 1.0
    }

    fun copyFrom(other: StateVector) {
        System.arraycopy(other.re, 0, re, 0, dim)
        System.arraycopy(other.im, 0, im, 0, dim)
        width = other.width
    }

    fun apply(op: GateOp) {
        width = maxOf(width, op.minSpan)
        if (op is CacheBlockOp) apply(op) else applyWithin(op, width, 0)
    }

    /** Every member of [op] on one block, then the next block, up to [width]: the blocks split over the cores. */
    private fun apply(op: CacheBlockOp) {
        val span = op.blockBits
        val members = op.members
        val size = 1 shl width
        forRange(size ushr span, size) { lo, hi ->
            for (block in lo until hi) {
                val base = block shl span
                for (member in members) applyWithin(member, span, base)
            }
        }
    }

    /**
     * [op] on the `2^span` amplitudes from [base] (a multiple of `2^span`; [op] acts below qubit [span]): the
     * state's [width] from 0, or a cache block. The base's bits lie above the span, so the
     * kernels take it in as part of the mask or-ed into every run start.
     */
    private fun applyWithin(op: GateOp, span: Int, base: Int) {
        when (op) {
            is UnitaryOp -> apply(op, span, base)
            is SwapOp -> apply(op, span, base)
            is TwoQubitOp -> apply(op, span, base)
            is DiagonalOp -> apply(op, span, base)
            is CacheBlockOp -> throw IllegalArgumentException("cache blocks do not nest")
        }
    }

    private fun apply(op: UnitaryOp, span: Int, base: Int) {
        val m = op.m
        val positions = op.sortedPositions
        val mask = op.controlMask or base
        val stride = 1 shl op.target
        when (op.kind) {
            MatrixKind.DIAGONAL -> {
                val r0 = m[0]; val i0 = m[1]; val r1 = m[6]; val i1 = m[7]
                // A phase gate (P, CP, S, T, CZ) leaves the |0> half alone: only the |1> half is read and written.
                val phaseOnly = r0 == 1.0 && i0 == 0.0
                forRuns(span, positions, mask) { s, e ->
                    if (!phaseOnly) multiply(s, e, r0, i0)
                    multiply(s + stride, e + stride, r1, i1)
                }
            }
            MatrixKind.ANTI_DIAGONAL -> {
                val r01 = m[2]; val i01 = m[3]; val r10 = m[4]; val i10 = m[5]
                val isX = r01 == 1.0 && i01 == 0.0 && r10 == 1.0 && i10 == 0.0
                forRuns(span, positions, mask) { s, e ->
                    if (isX) exchange(s, e, stride) else antiDiagonal(s, e, stride, r01, i01, r10, i10)
                }
            }
            MatrixKind.GENERAL -> {
                // A real matrix (H, RY) acts on the real and imaginary parts apart: two loops over one array each.
                val real = m[1] == 0.0 && m[3] == 0.0 && m[5] == 0.0 && m[7] == 0.0
                if (op.controlMask == 0 && stride < SHORT_STRIDE) {
                    // Runs of 1 to 4 amplitudes: one loop over all the pairs of a slice, not a call per run.
                    val size = 1 shl span
                    val slice = minOf(size, SLICE)
                    forRange(size / slice, size) { lo, hi ->
                        for (c in lo until hi) {
                            val start = base + c * slice
                            if (real) {
                                realPairsShort(re, start, slice / 2, stride, m)
                                realPairsShort(im, start, slice / 2, stride, m)
                            } else {
                                general(start, slice / 2, stride, m)
                            }
                        }
                    }
                } else {
                    forRuns(span, positions, mask) { s, e ->
                        if (real) {
                            realPairs(re, s, e, stride, m)
                            realPairs(im, s, e, stride, m)
                        } else {
                            general(s, e - s, stride, m)
                        }
                    }
                }
            }
        }
    }

    private fun apply(op: SwapOp, span: Int, base: Int) {
        val bitA = 1 shl op.a
        val bitB = 1 shl op.b
        // The runs start where both bits are 0; |01> and |10> are a whole run apart, exchanged as blocks.
        forRuns(span, op.sortedPositions, op.controlMask or base) { s, e -> exchange(s + bitA, e + bitA, bitB - bitA) }
    }

    private fun apply(op: TwoQubitOp, span: Int, base: Int) {
        val bitA = 1 shl op.a
        val bitB = 1 shl op.b
        val m = op.m
        // Each run index holds |00>; its three partners sit a fixed offset above it.
        forRuns(span, op.sortedPositions, op.controlMask or base) { s, e -> dense4(s, e, bitA, bitB, m) }
    }

    private fun apply(op: DiagonalOp, span: Int, base: Int) {
        val size = 1 shl op.lowBits
        val rowsRe = op.rowsRe
        val rowsIm = op.rowsIm
        forRange((1 shl span) / size, 1 shl span) { lo, hi ->
            val phase = DoubleArray(2)
            for (block in lo until hi) {
                val start = base + (block shl op.lowBits)
                val row = op.rowOf(start)
                op.blockPhase(start, phase)
                multiplyByRow(start, rowsRe[row], rowsIm[row], phase[0], phase[1])
            }
        }
    }

    /** Probability that [qubit] reads 1; run sums are added in a fixed order so results do not depend on scheduling. */
    fun probabilityOfOne(qubit: Int): Double {
        val re = re
        val im = im
        return sumRuns(numQubits, intArrayOf(qubit), 1 shl qubit) { s, e ->
            var sum = 0.0
            for (k in s until e) sum += re[k] * re[k] + im[k] * im[k]
            sum
        }
    }

    /** Projects [qubit] onto [outcome] (whose probability is [probability]) and renormalises. */
    fun collapse(qubit: Int, outcome: Boolean, probability: Double) {
        val bit = 1 shl qubit
        val keep = if (outcome) bit else 0
        val drop = bit - keep
        val scale = 1.0 / sqrt(probability)
        forRuns(numQubits, intArrayOf(qubit), 0) { s, e ->
            multiply(s + keep, e + keep, scale, 0.0)
            re.fill(0.0, s + drop, e + drop)
            im.fill(0.0, s + drop, e + drop)
        }
    }

    // The run kernels. Locals, not fields, inside the loops: the JIT does not trust instance fields to stay put.

    /** Amplitudes `[s, e)` times `r + i·i`. */
    private fun multiply(s: Int, e: Int, r: Double, i: Double) {
        val re = re
        val im = im
        for (k in s until e) {
            val ar = re[k]; val ai = im[k]
            re[k] = ar * r - ai * i; im[k] = ar * i + ai * r
        }
    }

    /** Amplitudes `[base, base + rowRe.size)` times the row's phases, each times `r + i·i`. */
    private fun multiplyByRow(base: Int, rowRe: DoubleArray, rowIm: DoubleArray, r: Double, i: Double) {
        val re = re
        val im = im
        for (j in rowRe.indices) {
            val pr = rowRe[j] * r - rowIm[j] * i
            val pi = rowRe[j] * i + rowIm[j] * r
            val k = base + j
            val ar = re[k]; val ai = im[k]
            re[k] = ar * pr - ai * pi; im[k] = ar * pi + ai * pr
        }
    }

    /** Exchanges amplitudes `[s, e)` with those [offset] above them. */
    private fun exchange(s: Int, e: Int, offset: Int) {
        val re = re
        val im = im
        for (a in s until e) {
            val b = a + offset
            val r = re[a]; val i = im[a]
            re[a] = re[b]; im[a] = im[b]; re[b] = r; im[b] = i
        }
    }

    private fun antiDiagonal(s: Int, e: Int, stride: Int, r01: Double, i01: Double, r10: Double, i10: Double) {
        val re = re
        val im = im
        for (a in s until e) {
            val b = a + stride
            val ar = re[a]; val ai = im[a]; val br = re[b]; val bi = im[b]
            re[a] = r01 * br - i01 * bi; im[a] = r01 * bi + i01 * br
            re[b] = r10 * ar - i10 * ai; im[b] = r10 * ai + i10 * ar
        }
    }

    /** The real 2x2 [m] (imaginary parts zero) on the pairs `(a, a + stride)` of [x] for a in `[s, e)`. */
    private fun realPairs(x: DoubleArray, s: Int, e: Int, stride: Int, m: DoubleArray) {
        val r00 = m[0]; val r01 = m[2]; val r10 = m[4]; val r11 = m[6]
        for (a in s until e) {
            val b = a + stride
            val u = x[a]; val v = x[b]
            x[a] = r00 * u + r01 * v
            x[b] = r10 * u + r11 * v
        }
    }

    /**
     * [realPairs] for a short [stride]: the [pairs] pairs from [base], indexed as in [general]. Apart from
     * [realPairs] because the plain index of a long run lets the JIT vectorise that loop.
     */
    private fun realPairsShort(x: DoubleArray, base: Int, pairs: Int, stride: Int, m: DoubleArray) {
        val r00 = m[0]; val r01 = m[2]; val r10 = m[4]; val r11 = m[6]
        val high = (stride - 1).inv()
        for (j in 0 until pairs) {
            val a = base + j + (j and high)
            val b = a + stride
            val u = x[a]; val v = x[b]
            x[a] = r00 * u + r01 * v
            x[b] = r10 * u + r11 * v
        }
    }

    /**
     * The 2x2 [m] on [pairs] pairs from [base], the j-th at `base + j` with a zero bit inserted at [stride]
     * (within a run, the plain `base + j`): one loop serves long runs and a whole slice of short ones.
     */
    private fun general(base: Int, pairs: Int, stride: Int, m: DoubleArray) {
        val re = re
        val im = im
        val r00 = m[0]; val i00 = m[1]; val r01 = m[2]; val i01 = m[3]
        val r10 = m[4]; val i10 = m[5]; val r11 = m[6]; val i11 = m[7]
        val high = (stride - 1).inv()
        for (j in 0 until pairs) {
            val a = base + j + (j and high)
            val b = a + stride
            val ar = re[a]; val ai = im[a]; val br = re[b]; val bi = im[b]
            re[a] = r00 * ar - i00 * ai + r01 * br - i01 * bi
            im[a] = r00 * ai + i00 * ar + r01 * bi + i01 * br
            re[b] = r10 * ar - i10 * ai + r11 * br - i11 * bi
            im[b] = r10 * ai + i10 * ar + r11 * bi + i11 * br
        }
    }

    /**
     * The 4x4 [m] on the quadruples `k, k + bitA, k + bitB, k + bitA + bitB` for k in `[s, e)`. The 32 entries
     * are read into locals once: read from [m] inside the loop, each would be read again after every store
     * (the JIT cannot tell [m] from the state arrays), which made the kernel up to 3x slower.
     */
    private fun dense4(s: Int, e: Int, bitA: Int, bitB: Int, m: DoubleArray) {
        val re = re
        val im = im
        val both = bitA + bitB
        val a0 = m[0]; val b0 = m[1]; val a1 = m[2]; val b1 = m[3]; val a2 = m[4]; val b2 = m[5]; val a3 = m[6]; val b3 = m[7]
        val c0 = m[8]; val d0 = m[9]; val c1 = m[10]; val d1 = m[11]; val c2 = m[12]; val d2 = m[13]; val c3 = m[14]; val d3 = m[15]
        val e0 = m[16]; val f0 = m[17]; val e1 = m[18]; val f1 = m[19]; val e2 = m[20]; val f2 = m[21]; val e3 = m[22]; val f3 = m[23]
        val g0 = m[24]; val h0 = m[25]; val g1 = m[26]; val h1 = m[27]; val g2 = m[28]; val h2 = m[29]; val g3 = m[30]; val h3 = m[31]
        for (k0 in s until e) {
            val k1 = k0 + bitA; val k2 = k0 + bitB; val k3 = k0 + both
            val r0 = re[k0]; val i0 = im[k0]; val r1 = re[k1]; val i1 = im[k1]
            val r2 = re[k2]; val i2 = im[k2]; val r3 = re[k3]; val i3 = im[k3]
            re[k0] = a0 * r0 - b0 * i0 + a1 * r1 - b1 * i1 + a2 * r2 - b2 * i2 + a3 * r3 - b3 * i3
            im[k0] = a0 * i0 + b0 * r0 + a1 * i1 + b1 * r1 + a2 * i2 + b2 * r2 + a3 * i3 + b3 * r3
            re[k1] = c0 * r0 - d0 * i0 + c1 * r1 - d1 * i1 + c2 * r2 - d2 * i2 + c3 * r3 - d3 * i3
            im[k1] = c0 * i0 + d0 * r0 + c1 * i1 + d1 * r1 + c2 * i2 + d2 * r2 + c3 * i3 + d3 * r3
            re[k2] = e0 * r0 - f0 * i0 + e1 * r1 - f1 * i1 + e2 * r2 - f2 * i2 + e3 * r3 - f3 * i3
            im[k2] = e0 * i0 + f0 * r0 + e1 * i1 + f1 * r1 + e2 * i2 + f2 * r2 + e3 * i3 + f3 * r3
            re[k3] = g0 * r0 - h0 * i0 + g1 * r1 - h1 * i1 + g2 * r2 - h2 * i2 + g3 * r3 - h3 * i3
            im[k3] = g0 * i0 + h0 * r0 + g1 * i1 + h1 * r1 + g2 * i2 + h2 * r2 + g3 * i3 + h3 * r3
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
        forRange(dim, dim) { lo, hi ->
            for (k in lo until hi) {
                val r = re[k]; val i = im[k]
                out[k] = r * r + i * i
            }
        }
    }

    private companion object {
        /** Below this stride (targets 0 to 2) runs are too short to pay a call each. */
        const val SHORT_STRIDE = 8

        /** Amplitudes per slice of the short-stride loop: a multiple of every short pair block, split over the cores. */
        const val SLICE = 1 shl 13
    }
}
