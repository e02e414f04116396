package io.qonduit.simulator

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

    init {
        re[0] = 1.0
    }

    fun copyFrom(other: StateVector) {
        System.arraycopy(other.re, 0, re, 0, dim)
        System.arraycopy(other.im, 0, im, 0, dim)
    }

    fun apply(op: GateOp) {
        when (op) {
            is UnitaryOp -> apply(op)
            is SwapOp -> apply(op)
            is TwoQubitOp -> apply(op)
            is DiagonalOp -> apply(op)
        }
    }

    fun apply(op: UnitaryOp) {
        val m = op.m
        val positions = op.sortedPositions
        val mask = op.controlMask
        val stride = 1 shl op.target
        when (op.kind) {
            MatrixKind.DIAGONAL -> {
                val r0 = m[0]; val i0 = m[1]; val r1 = m[6]; val i1 = m[7]
                // A phase gate (P, CP, S, T, CZ) leaves the |0> half alone: only the |1> half is read and written.
                val phaseOnly = r0 == 1.0 && i0 == 0.0
                forRuns(numQubits, positions, mask) { s, e ->
                    if (!phaseOnly) multiply(s, e, r0, i0)
                    multiply(s + stride, e + stride, r1, i1)
                }
            }
            MatrixKind.ANTI_DIAGONAL -> {
                val r01 = m[2]; val i01 = m[3]; val r10 = m[4]; val i10 = m[5]
                val isX = r01 == 1.0 && i01 == 0.0 && r10 == 1.0 && i10 == 0.0
                forRuns(numQubits, positions, mask) { s, e ->
                    if (isX) exchange(s, e, stride) else antiDiagonal(s, e, stride, r01, i01, r10, i10)
                }
            }
            MatrixKind.GENERAL -> {
                // A real matrix (H, RY) acts on the real and imaginary parts apart: two loops over one array each.
                val real = m[1] == 0.0 && m[3] == 0.0 && m[5] == 0.0 && m[7] == 0.0
                forRuns(numQubits, positions, mask) { s, e ->
                    if (real) {
                        realPairs(re, s, e, stride, m)
                        realPairs(im, s, e, stride, m)
                    } else {
                        general(s, e, stride, m)
                    }
                }
            }
        }
    }

    fun apply(op: SwapOp) {
        val bitA = 1 shl op.a
        val bitB = 1 shl op.b
        // The runs start where both bits are 0; |01> and |10> are a whole run apart, exchanged as blocks.
        forRuns(numQubits, op.sortedPositions, op.controlMask) { s, e -> exchange(s + bitA, e + bitA, bitB - bitA) }
    }

    fun apply(op: TwoQubitOp) {
        val bitA = 1 shl op.a
        val bitB = 1 shl op.b
        val m = op.m
        // Each run index holds |00>; its three partners sit a fixed offset above it.
        forRuns(numQubits, op.sortedPositions, op.controlMask) { s, e -> dense4(s, e, bitA, bitB, m) }
    }

    fun apply(op: DiagonalOp) {
        val size = 1 shl op.lowBits
        val rowsRe = op.rowsRe
        val rowsIm = op.rowsIm
        forRange(dim / size, dim) { lo, hi ->
            val phase = DoubleArray(2)
            for (block in lo until hi) {
                val base = block shl op.lowBits
                val row = op.rowOf(base)
                op.blockPhase(base, phase)
                multiplyByRow(base, rowsRe[row], rowsIm[row], phase[0], phase[1])
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

    private fun general(s: Int, e: Int, stride: Int, m: DoubleArray) {
        val re = re
        val im = im
        val r00 = m[0]; val i00 = m[1]; val r01 = m[2]; val i01 = m[3]
        val r10 = m[4]; val i10 = m[5]; val r11 = m[6]; val i11 = m[7]
        for (a in s until e) {
            val b = a + stride
            val ar = re[a]; val ai = im[a]; val br = re[b]; val bi = im[b]
            re[a] = r00 * ar - i00 * ai + r01 * br - i01 * bi
            im[a] = r00 * ai + i00 * ar + r01 * bi + i01 * br
            re[b] = r10 * ar - i10 * ai + r11 * br - i11 * bi
            im[b] = r10 * ai + i10 * ar + r11 * bi + i11 * br
        }
    }

    /** The 4x4 [m] on the quadruples `k, k + bitA, k + bitB, k + bitA + bitB` for k in `[s, e)`. */
    private fun dense4(s: Int, e: Int, bitA: Int, bitB: Int, m: DoubleArray) {
        val re = re
        val im = im
        val both = bitA + bitB
        for (k0 in s until e) {
            val k1 = k0 + bitA; val k2 = k0 + bitB; val k3 = k0 + both
            val r0 = re[k0]; val i0 = im[k0]; val r1 = re[k1]; val i1 = im[k1]
            val r2 = re[k2]; val i2 = im[k2]; val r3 = re[k3]; val i3 = im[k3]
            for (row in 0..3) {
                val o = 8 * row
                val nr = m[o] * r0 - m[o + 1] * i0 + m[o + 2] * r1 - m[o + 3] * i1 +
                    m[o + 4] * r2 - m[o + 5] * i2 + m[o + 6] * r3 - m[o + 7] * i3
                val ni = m[o] * i0 + m[o + 1] * r0 + m[o + 2] * i1 + m[o + 3] * r1 +
                    m[o + 4] * i2 + m[o + 5] * r2 + m[o + 6] * i3 + m[o + 7] * r3
                val k = when (row) { 0 -> k0; 1 -> k1; 2 -> k2; else -> k3 }
                re[k] = nr; im[k] = ni
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
        forRange(dim, dim) { lo, hi ->
            for (k in lo until hi) {
                val r = re[k]; val i = im[k]
                out[k] = r * r + i * i
            }
        }
    }
}
