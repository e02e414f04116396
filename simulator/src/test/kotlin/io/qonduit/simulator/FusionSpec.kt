package io.qonduit.simulator

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.qonduit.circuit.OpenQasm
import io.qonduit.simulator.ops.CacheBlockOp
import io.qonduit.simulator.ops.CacheBlocking
import io.qonduit.simulator.ops.DiagonalOp
import io.qonduit.simulator.ops.GateOp
import io.qonduit.simulator.ops.Matrices
import io.qonduit.simulator.ops.MeasureOp
import io.qonduit.simulator.ops.SwapOp
import io.qonduit.simulator.ops.TwoQubitOp
import io.qonduit.simulator.ops.UnitaryOp
import java.util.Locale
import kotlin.random.Random

/**
 * Fused compilation ([io.qonduit.simulator.ops.SingleQubitFusion], [io.qonduit.simulator.ops.TwoQubitFusion],
 * [io.qonduit.simulator.ops.DiagonalFusion], [CacheBlocking]) against the unfused op list, gate by gate. */
class FusionSpec : FunSpec({
    val oneQubit = listOf("h", "x", "y", "z", "s", "sdg", "t", "sx", "rz(%f)", "rx(%f)", "ry(%f)", "u3(%f,%f,%f)", "p(%f)")
    val twoQubit = listOf("cx", "cz", "cp(%f)", "crz(%f)", "swap", "cu3(%f,%f,%f)")

    fun randomCircuit(random: Random, n: Int, gates: Int): String {
        val b = StringBuilder(QELIB_HEADER).append("qreg q[$n];\n")
        repeat(gates) {
            val two = random.nextInt(4) == 0
            val template = if (two) twoQubit.random(random) else oneQubit.random(random)
            val name = template.replace(Regex("%f")) { String.format(Locale.ROOT, "%.6f", random.nextDouble(-3.0, 3.0)) }
            val qs = (0 until n).shuffled(random).take(if (two) 2 else 1)
            b.append("$name ${qs.joinToString(",") { "q[$it]" }};\n")
        }
        return b.toString()
    }

    fun evolve(compiled: CompiledCircuit): StateVector {
        val s = StateVector(compiled.numQubits)
        for (op in compiled.ops) if (op is GateOp) s.apply(op)
        return s
    }

    test("200 random circuits evolve to the same state fused and unfused, with fewer ops fused") {
        val random = Random(2026)
        repeat(200) {
            val n = 2 + random.nextInt(7)
            val circuit = OpenQasm.parse(randomCircuit(random, n, 40))
            val fused = CircuitCompiler.compile(circuit, emptyMap())
            val plain = CircuitCompiler.compile(circuit, emptyMap(), fuse = false)
            fused.ops.size shouldBeLessThan plain.ops.size
            val a = evolve(fused)
            val b = evolve(plain)
            for (k in 0 until a.dim) {
                a.re[k] shouldBe (b.re[k] plusOrMinus 1e-12)
                a.im[k] shouldBe (b.im[k] plusOrMinus 1e-12)
            }
        }
    }

    fun shouldMatchUnfused(source: String, blockBits: Int = CacheBlocking.BLOCK_BITS): List<io.qonduit.simulator.ops.Op> {
        val circuit = OpenQasm.parse(source)
        val fused = CircuitCompiler.compile(circuit, emptyMap(), blockBits = blockBits)
        val a = evolve(fused)
        val b = evolve(CircuitCompiler.compile(circuit, emptyMap(), fuse = false))
        var worst = 0.0
        for (k in 0 until a.dim) worst = maxOf(worst, Math.abs(a.re[k] - b.re[k]), Math.abs(a.im[k] - b.im[k]))
        worst shouldBe (0.0 plusOrMinus 1e-12)
        return fused.ops
    }

    test("a decomposed two-qubit unitary (eight u3, three cx, as in the benchmark's u2q) becomes one 4x4 op") {
        val random = Random(7)
        fun u3() = (1..3).joinToString(",", "u3(", ")") { String.format(Locale.ROOT, "%.6f", random.nextDouble(-3.0, 3.0)) }
        for ((a, b) in listOf(0 to 1, 1 to 0, 0 to 3, 3 to 1)) {
            val body = StringBuilder()
            for (layer in 0..3) {
                body.append("${u3()} q[$a];\n${u3()} q[$b];\n")
                if (layer < 3) body.append(if (layer == 1) "cx q[$b],q[$a];\n" else "cx q[$a],q[$b];\n")
            }
            val ops = shouldMatchUnfused(QELIB_HEADER + "qreg q[4];\nh q[2];\n" + body)
            ops.count { it is TwoQubitOp } shouldBe 1
            ops.count { it is UnitaryOp } shouldBe 1
        }
    }

    test("cx, cp, cz and swap within a pair, with single-qubit gates between and gates elsewhere, fuse into one op") {
        val ops = shouldMatchUnfused(
            QELIB_HEADER + "qreg q[3];\nh q[0];\ncx q[0],q[1];\nh q[2];\ncp(0.3) q[1],q[0];\nt q[1];\ncz q[0],q[1];\nswap q[1],q[0];\n",
        )
        ops.size shouldBe 2
        ops.count { it is TwoQubitOp } shouldBe 1
        ops.filterIsInstance<UnitaryOp>().single().target shouldBe 2
    }

    test("a lone cheap gate keeps its fast path; a block of diagonal gates is one diagonal pass, not a dense 4x4") {
        val lone = shouldMatchUnfused(QELIB_HEADER + "qreg q[2];\ncp(0.5) q[0],q[1];\n")
        lone.map { it::class.simpleName } shouldBe listOf("UnitaryOp")
        val diagonal = shouldMatchUnfused(QELIB_HEADER + "qreg q[2];\ncz q[0],q[1];\nt q[1];\ncp(0.2) q[1],q[0];\n")
        diagonal.map { it::class.simpleName } shouldBe listOf("DiagonalOp")
        val swap = shouldMatchUnfused(QELIB_HEADER + "qreg q[2];\nswap q[0],q[1];\n")
        swap.map { it::class.simpleName } shouldBe listOf("SwapOp")
    }

    // Wider than DiagonalOp.LOW_BITS, so members fall on low qubits, high qubits and both (the row choice).
    val diagonalGates = listOf("rz(%f)", "p(%f)", "t", "sdg", "z", "cz", "cp(%f)", "crz(%f)")

    test("random runs of diagonal gates on 12 and 13 qubits, low, high and across, evolve as unfused") {
        val random = Random(14)
        repeat(40) {
            val n = 12 + random.nextInt(2)
            val b = StringBuilder(QELIB_HEADER).append("qreg q[$n];\n")
            for (q in 0 until n) b.append("h q[$q];\n")
            repeat(60) {
                val template = if (random.nextInt(12) == 0) "h" else diagonalGates.random(random)
                val name = template.replace(Regex("%f")) { String.format(Locale.ROOT, "%.6f", random.nextDouble(-3.0, 3.0)) }
                val qs = (0 until n).shuffled(random).take(if (template.startsWith("c")) 2 else 1)
                b.append("$name ${qs.joinToString(",") { "q[$it]" }};\n")
            }
            val ops = shouldMatchUnfused(b.toString())
            ops.any { it is DiagonalOp } shouldBe true
        }
    }

    test("a QFT's ladders of controlled phases become one diagonal pass each; a layer of rz on 8 qubits one pass") {
        val n = 14
        val qft = StringBuilder(QELIB_HEADER).append("qreg q[$n];\n")
        for (q in 0 until n) qft.append("x q[$q];\n".takeIf { q % 3 == 0 } ?: "h q[$q];\n")
        for (j in n - 1 downTo 0) {
            qft.append("h q[$j];\n")
            for (k in j - 1 downTo 0) qft.append("cp(${Math.PI / (1 shl (j - k))}) q[$k],q[$j];\n")
        }
        val ops = shouldMatchUnfused(qft.toString())
        // Each ladder's first phase joins the h before it in a 4x4; ladders on qubits 0-3 are too cheap to merge.
        ops.count { it is DiagonalOp } shouldBeGreaterThanOrEqual n - 4
        ops.size shouldBeLessThan 3 * n

        val layer = StringBuilder(QELIB_HEADER).append("qreg q[$n];\n")
        for (q in 0 until n) layer.append("h q[$q];\n")
        for (q in 0 until n - 1) layer.append("cx q[$q],q[${q + 1}];\n") // so the rz do not merge into the h
        for (q in listOf(1, 4, 7, 10, 11, 2, 5, 8)) layer.append("rz(0.${q + 1}) q[$q];\n")
        val layerOps = shouldMatchUnfused(layer.toString())
        layerOps.filterIsInstance<DiagonalOp>().single().members.size shouldBe 8
    }

    test("random circuits in cache blocks of 8 amplitudes on 5 to 8 qubits evolve as unfused") {
        val random = Random(15)
        var blocks = 0
        repeat(100) {
            val n = 5 + random.nextInt(4)
            val b = StringBuilder(QELIB_HEADER).append("qreg q[$n];\n")
            repeat(50) {
                val three = random.nextInt(8) == 0
                val two = !three && random.nextInt(3) == 0
                val template = when {
                    // Two controls (ccx, cswap), so members and passers-by have controls on either side of a block.
                    three -> listOf("ccx", "cswap").random(random)
                    two -> twoQubit.random(random)
                    else -> oneQubit.random(random)
                }
                val name = template.replace(Regex("%f")) { String.format(Locale.ROOT, "%.6f", random.nextDouble(-3.0, 3.0)) }
                // Mostly low qubits, so blocks fill up; now and then a high one, which must close or pass them.
                val pool = if (random.nextInt(4) == 0) (0 until n) else (0 until 4)
                val qs = pool.shuffled(random).take(if (three) 3 else if (two) 2 else 1)
                b.append("$name ${qs.joinToString(",") { "q[$it]" }};\n")
            }
            blocks += shouldMatchUnfused(b.toString(), blockBits = 3).count { it is CacheBlockOp }
        }
        blocks shouldBeGreaterThanOrEqual 100
    }

    test("diagonal passes on the low qubits of 12 join a 2^11 cache block, and evolve as unfused") {
        // Built as ops: from QASM the earlier passes would fold the phases into the gates around them.
        val random = Random(16)
        fun ry(q: Int) = UnitaryOp(q, IntArray(0), Matrices.ry(random.nextDouble(-3.0, 3.0)))
        fun phase(q: Int, vararg controls: Int) = UnitaryOp(q, controls, Matrices.rz(random.nextDouble(-3.0, 3.0)))
        repeat(10) {
            val ops = ArrayList<GateOp>()
            for (q in 0 until 12) ops += ry(q)
            ops += DiagonalOp(12, List(8) { phase(random.nextInt(11)) } + phase(9, 2))
            ops += ry(11) // passes the block by
            ops += ry(random.nextInt(11))
            ops += DiagonalOp(12, listOf(phase(3), phase(11, 4), phase(10))) // on qubit 11: closes the block
            ops += ry(random.nextInt(11))
            ops += DiagonalOp(12, listOf(phase(1), phase(5, 7)))
            val fused = CacheBlocking.fuse(ops, 12, blockBits = 11)
            fused.filterIsInstance<CacheBlockOp>().flatMap { it.members }.count { it is DiagonalOp } shouldBe 2
            val a = StateVector(12).also { s -> fused.forEach { s.apply(it as GateOp) } }
            val b = StateVector(12).also { s -> ops.forEach { s.apply(it) } }
            for (k in 0 until a.dim) {
                a.re[k] shouldBe (b.re[k] plusOrMinus 1e-12)
                a.im[k] shouldBe (b.im[k] plusOrMinus 1e-12)
            }
        }
    }

    test("ry on each of 16 qubits and a cx chain: the gates below qubit 14 in cache blocks, split over the cores") {
        val b = StringBuilder(QELIB_HEADER).append("qreg q[16];\n")
        for (q in 0 until 16) b.append("ry(0.${q + 1}) q[$q];\n")
        for (q in 0 until 15) b.append("cx q[$q],q[${q + 1}];\n")
        val ops = shouldMatchUnfused(b.toString())
        val block = ops.filterIsInstance<CacheBlockOp>().first()
        block.blockBits shouldBe CacheBlocking.BLOCK_BITS
        (block.qubitMask ushr CacheBlocking.BLOCK_BITS) shouldBe 0
        ops.size shouldBeLessThan 8
    }

    test("a measurement or reset inside a pair's gates closes the block: nothing moves across it") {
        val source = QELIB_HEADER + "qreg q[2];\ncreg c[1];\nh q[0];\ncx q[0],q[1];\nmeasure q[1] -> c[0];\n" +
            "cx q[1],q[0];\nh q[1];\nreset q[0];\ncx q[0],q[1];\nry(0.4) q[1];\n"
        val ops = CircuitCompiler.compile(OpenQasm.parse(source), emptyMap()).ops
        ops.map { it::class.simpleName } shouldBe listOf("TwoQubitOp", "MeasureOp", "TwoQubitOp", "ResetOp", "TwoQubitOp")
    }

    test("a measurement keeps its place: gates on either side of it are not merged") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[2];\ncreg c[1];\nh q[0];\nt q[0];\nmeasure q[0] -> c[0];\nh q[0];\nh q[1];")
        val ops = CircuitCompiler.compile(circuit, emptyMap()).ops
        ops.map { it::class.simpleName } shouldBe listOf("UnitaryOp", "MeasureOp", "UnitaryOp", "UnitaryOp")
        (ops[1] as MeasureOp).qubit shouldBe 0
    }

    test("a product that is exactly the identity is dropped; a lone gate keeps its own matrix") {
        val ops = CircuitCompiler.compile(OpenQasm.parse(QELIB_HEADER + "qreg q[2];\nx q[0];\nx q[0];\ns q[1];"), emptyMap()).ops
        ops.size shouldBe 1
        (ops[0] as UnitaryOp).target shouldBe 1
        (ops[0] as UnitaryOp).m[7] shouldBe 1.0
    }

    test("operationCount reports the program's primitive operations, not the fewer fused ones") {
        // h + cx fuse into one 4x4 op; the count is still what the program asks for (OQC's
        // optimized_instruction_count in the emulator reads it).
        val bell = OpenQasm.parse(QELIB_HEADER + "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n")
        (CircuitCompiler.compile(bell, emptyMap()).ops.size shouldBeLessThan 4)
        StateVectorSimulator(seed = 1).run(bell, 10).operationCount shouldBe 4
    }
})
