package io.qonduit.simulator

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.qonduit.circuit.OpenQasm
import io.qonduit.simulator.ops.CacheBlockOp
import io.qonduit.simulator.ops.DiagonalOp
import io.qonduit.simulator.ops.GateOp
import io.qonduit.simulator.ops.MatrixKind
import io.qonduit.simulator.ops.Matrices
import io.qonduit.simulator.ops.SwapOp
import io.qonduit.simulator.ops.TwoQubitOp
import io.qonduit.simulator.ops.UnitaryOp
import kotlin.math.abs
import kotlin.math.sqrt
import kotlin.random.Random

/**
 * The run kernels of [StateVector] against a reference that visits every basis index one by one and applies
 * the textbook rule, on random states. 17 qubits: large enough that the kernels split over the cores and cut
 * runs into segments, small enough for the reference.
 */
class KernelSpec : FunSpec({
    val n = 17

    fun randomState(random: Random): StateVector {
        val s = StateVector(n)
        for (k in 0 until s.dim) { s.re[k] = random.nextDouble(-1.0, 1.0); s.im[k] = random.nextDouble(-1.0, 1.0) }
        s.width = n
        return s
    }

    fun copy(s: StateVector) = StateVector(n).also { it.copyFrom(s) }

    /** Every index with all controls set and the target clear is paired with its target-set partner. */
    fun referenceApply(s: StateVector, op: UnitaryOp) {
        val m = op.m
        val bit = 1 shl op.target
        for (a in 0 until s.dim) {
            if (a and bit != 0 || a and op.controlMask != op.controlMask) continue
            val b = a or bit
            val ar = s.re[a]; val ai = s.im[a]; val br = s.re[b]; val bi = s.im[b]
            s.re[a] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi
            s.im[a] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br
            s.re[b] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi
            s.im[b] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br
        }
    }

    fun referenceSwap(s: StateVector, op: SwapOp) {
        for (x in 0 until s.dim) {
            val bitA = (x ushr op.a) and 1
            val bitB = (x ushr op.b) and 1
            if (bitA != 1 || bitB != 0 || x and op.controlMask != op.controlMask) continue
            val y = x xor (1 shl op.a) xor (1 shl op.b)
            val r = s.re[x]; val i = s.im[x]
            s.re[x] = s.re[y]; s.im[x] = s.im[y]; s.re[y] = r; s.im[y] = i
        }
    }

    /** The largest deviation over all amplitudes, asserted once: an assertion per amplitude is slow. */
    fun shouldAgree(actual: StateVector, expected: StateVector) {
        var worst = 0.0
        for (k in 0 until actual.dim) {
            worst = maxOf(worst, abs(actual.re[k] - expected.re[k]), abs(actual.im[k] - expected.im[k]))
        }
        worst shouldBe (0.0 plusOrMinus 1e-12)
    }

    /** Applies [op] to a random state with the kernel and with the reference, and compares. */
    fun checkAgainstReference(random: Random, op: UnitaryOp) {
        val state = randomState(random)
        val expected = copy(state)
        state.apply(op)
        referenceApply(expected, op)
        shouldAgree(state, expected)
    }

    /** Distinct qubits, drawn so that qubit 0, high qubits and every order of target and controls all occur. */
    fun qubits(random: Random, count: Int): IntArray = (0 until n).shuffled(random).take(count).toIntArray()

    val matrices = listOf(
        "general" to Matrices.u3(0.7, -1.1, 2.3),
        "real" to Matrices.H,
        "diagonal" to Matrices.rz(0.9),
        "phase only" to Matrices.phase(-0.4),
        "anti-diagonal" to Matrices.Y,
        "X" to Matrices.X,
    )

    test("every matrix kind, with zero to three controls, matches the index-by-index reference") {
        val random = Random(14)
        UnitaryOp(0, IntArray(0), Matrices.phase(1.0)).kind shouldBe MatrixKind.DIAGONAL
        UnitaryOp(0, IntArray(0), Matrices.Y).kind shouldBe MatrixKind.ANTI_DIAGONAL
        for ((_, m) in matrices) {
            for (controls in 0..3) {
                repeat(4) {
                    val q = qubits(random, controls + 1)
                    checkAgainstReference(random, UnitaryOp(q[0], q.copyOfRange(1, q.size), m))
                }
            }
        }
    }

    test("gates on qubit 0 and on the top qubit (shortest and longest runs) match the reference") {
        val random = Random(15)
        for ((_, m) in matrices) {
            for (op in listOf(UnitaryOp(0, IntArray(0), m), UnitaryOp(n - 1, IntArray(0), m), UnitaryOp(n - 1, intArrayOf(0), m))) {
                checkAgainstReference(random, op)
            }
        }
    }

    test("uncontrolled gates on qubits 1, 2 and 3 (the short-stride loop and the first run loop) match the reference") {
        val random = Random(19)
        for ((_, m) in matrices) for (target in 1..3) checkAgainstReference(random, UnitaryOp(target, IntArray(0), m))
    }

    test("a DiagonalOp of phases on low qubits, high qubits and across them matches its members one by one") {
        val random = Random(20)
        repeat(6) {
            val members = List(12) {
                val q = qubits(random, 1 + random.nextInt(3))
                val m = if (random.nextBoolean()) Matrices.rz(random.nextDouble(-3.0, 3.0)) else Matrices.phase(random.nextDouble(-3.0, 3.0))
                UnitaryOp(q[0], q.copyOfRange(1, q.size), m)
            }.let { all ->
                // At most MAX_MIXED_HIGH high qubits may choose the row: keep members until that would be passed.
                var high = 0
                all.takeWhile { op ->
                    high = high or DiagonalOp.mixedHighBits(op.qubitMask, DiagonalOp.LOW_BITS)
                    Integer.bitCount(high) <= DiagonalOp.MAX_MIXED_HIGH
                }
            }
            val state = randomState(random)
            val expected = copy(state)
            state.apply(DiagonalOp(n, members))
            members.forEach { referenceApply(expected, it) }
            shouldAgree(state, expected)
        }
    }

    test("swap as a block exchange, either operand order, with and without controls, matches the reference") {
        val random = Random(16)
        for (controls in 0..2) {
            repeat(6) {
                val q = qubits(random, controls + 2)
                val op = SwapOp(q[0], q[1], q.copyOfRange(2, q.size))
                val state = randomState(random)
                val expected = copy(state)
                state.apply(op)
                referenceSwap(expected, op)
                shouldAgree(state, expected)
            }
        }
    }

    /** Every index with all controls set and both targets clear, with its three partners, times the 4x4. */
    fun referenceApply(s: StateVector, op: TwoQubitOp) {
        val bitA = 1 shl op.a
        val bitB = 1 shl op.b
        for (x in 0 until s.dim) {
            if (x and bitA != 0 || x and bitB != 0 || x and op.controlMask != op.controlMask) continue
            val idx = intArrayOf(x, x or bitA, x or bitB, x or bitA or bitB)
            val r = DoubleArray(4) { s.re[idx[it]] }
            val i = DoubleArray(4) { s.im[idx[it]] }
            for (row in 0..3) {
                var nr = 0.0
                var ni = 0.0
                for (col in 0..3) {
                    val mr = op.m[8 * row + 2 * col]; val mi = op.m[8 * row + 2 * col + 1]
                    nr += mr * r[col] - mi * i[col]
                    ni += mr * i[col] + mi * r[col]
                }
                s.re[idx[row]] = nr; s.im[idx[row]] = ni
            }
        }
    }

    test("the dense 4x4 kernel, zero to two controls, targets in every order incl. qubit 0 and the top qubit, matches the reference") {
        val random = Random(18)
        fun randomMatrix() = DoubleArray(32) { random.nextDouble(-1.0, 1.0) }
        val fixed = listOf(intArrayOf(0, 1), intArrayOf(1, 0), intArrayOf(0, n - 1), intArrayOf(n - 1, 0), intArrayOf(n - 1, n - 2), intArrayOf(n - 2, n - 1))
        val cases = fixed.map { it to IntArray(0) } + (0..2).flatMap { controls ->
            List(4) { qubits(random, controls + 2).let { q -> q.copyOfRange(0, 2) to q.copyOfRange(2, q.size) } }
        } + listOf(intArrayOf(n - 1, 0) to intArrayOf(5), intArrayOf(3, 4) to intArrayOf(0, n - 1))
        for ((targets, controls) in cases) {
            val op = TwoQubitOp(targets[0], targets[1], controls, randomMatrix())
            val state = randomState(random)
            val expected = copy(state)
            state.apply(op)
            referenceApply(expected, op)
            shouldAgree(state, expected)
        }
    }

    test("a fresh state evolves on its first 2^width amplitudes exactly as a state of full width") {
        val source = StringBuilder(QELIB_HEADER).append("qreg q[$n];\n")
        // A GHZ ladder up to qubit 9, then a layer of ry, the rest of the ladder, a random tail and a phase run.
        source.append("h q[0];\n")
        for (q in 0 until 9) source.append("cx q[$q],q[${q + 1}];\n")
        val random = Random(18)
        for (q in 0 until n) source.append("ry(${random.nextDouble(-3.0, 3.0)}) q[$q];\n")
        for (q in 9 until n - 1) source.append("cx q[$q],q[${q + 1}];\n")
        repeat(40) {
            val (a, b) = (0 until n).shuffled(random).take(2)
            source.append(listOf("cx", "cz", "swap", "cp(0.3)").random(random) + " q[$a],q[$b];\n")
            source.append("u3(0.1,0.2,${random.nextDouble()}) q[${random.nextInt(n)}];\n")
        }
        for (q in 0 until 12) source.append("rz(0.${q + 1}) q[$q];\n")
        val ops = CircuitCompiler.compile(OpenQasm.parse(source.toString()), emptyMap()).ops.filterIsInstance<GateOp>()
        ops.any { it is CacheBlockOp } shouldBe true
        val fresh = StateVector(n)
        val full = StateVector(n).also { it.width = n }
        val widths = ops.map { op ->
            fresh.apply(op)
            full.apply(op)
            fresh.width
        }
        // The ladder below qubit 14 is one cache block, whose blocks the state must span; the ladder then widens it qubit by qubit.
        (ops[0] as CacheBlockOp).blockBits shouldBe 14
        widths.take(4) shouldBe listOf(14, 15, 16, 17)
        shouldAgree(fresh, full)
    }

    test("probabilityOfOne and collapse match summing and projecting index by index") {
        val random = Random(17)
        for (qubit in listOf(0, 5, 12, n - 1)) {
            for (outcome in listOf(false, true)) {
                val state = randomState(random)
                var total = 0.0
                var one = 0.0
                for (k in 0 until state.dim) {
                    val p = state.re[k] * state.re[k] + state.im[k] * state.im[k]
                    total += p
                    if ((k ushr qubit) and 1 == 1) one += p
                }
                state.probabilityOfOne(qubit) shouldBe (one plusOrMinus 1e-9)
                val kept = if (outcome) one else total - one
                val expected = copy(state)
                val scale = 1.0 / sqrt(kept)
                for (k in 0 until expected.dim) {
                    val keep = ((k ushr qubit) and 1 == 1) == outcome
                    expected.re[k] = if (keep) expected.re[k] * scale else 0.0
                    expected.im[k] = if (keep) expected.im[k] * scale else 0.0
                }
                state.collapse(qubit, outcome, kept)
                shouldAgree(state, expected)
            }
        }
    }
})
