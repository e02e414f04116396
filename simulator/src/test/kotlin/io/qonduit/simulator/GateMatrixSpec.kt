package io.qonduit.simulator

import io.qonduit.circuit.OpenQasm
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe

/**
 * Cross-checks tricky gates against matrices computed independently with numpy (little-endian: basis
 * index = q1*2 + q0, so e.g. a control on q0 targeting q1 is kron(I,|0><0|) + kron(U,|1><1|)).
 * Column k of the matrix must equal the amplitudes after applying the gate to basis state |k>.
 */
class GateMatrixSpec : FunSpec({
    class C(val re: Double, val im: Double)
    fun c(re: Double, im: Double) = C(re, im)
    fun c(re: Int, im: Int) = C(re.toDouble(), im.toDouble())

    fun checkColumns(numQubits: Int, gate: String, expected: List<C>) {
        val dim = 1 shl numQubits
        for (k in 0 until dim) {
            val prep = (0 until numQubits).filter { (k shr it) and 1 == 1 }.joinToString("") { "x q[$it];\n" }
            val circuit = OpenQasm.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[$numQubits];\n$prep$gate\n")
            val amps = StateVectorSimulator().amplitudes(circuit)
            for (row in 0 until dim) {
                val want = expected[row * dim + k]
                withClue("$gate column $k row $row") {
                    amps[2 * row] shouldBe (want.re plusOrMinus 1e-12)
                    amps[2 * row + 1] shouldBe (want.im plusOrMinus 1e-12)
                }
            }
        }
    }

    test("cu3 with control q0 and target q1") {
        checkColumns(
            2, "cu3(0.3,0.5,0.7) q[0],q[1];",
            listOf(
                c(1, 0), c(0, 0), c(0, 0), c(0, 0),
                c(0, 0), c(0.988771077936042, 0.0), c(0, 0), c(-0.114296588104817, -0.0962706880872618),
                c(0, 0), c(0, 0), c(1, 0), c(0, 0),
                c(0, 0), c(0.131144299140294, 0.0716444571491615), c(0, 0), c(0.358288867492384, 0.921573291710338),
            ),
        )
    }

    test("cu3 with control q1 and target q0") {
        checkColumns(
            2, "cu3(0.3,0.5,0.7) q[1],q[0];",
            listOf(
                c(1, 0), c(0, 0), c(0, 0), c(0, 0),
                c(0, 0), c(1, 0), c(0, 0), c(0, 0),
                c(0, 0), c(0, 0), c(0.988771077936042, 0.0), c(-0.114296588104817, -0.0962706880872618),
                c(0, 0), c(0, 0), c(0.131144299140294, 0.0716444571491615), c(0.358288867492384, 0.921573291710338),
            ),
        )
    }

    test("crz applies diag(e^-iθ/2, e^iθ/2) only when the control is set") {
        checkColumns(
            2, "crz(0.9) q[0],q[1];",
            listOf(
                c(1, 0), c(0, 0), c(0, 0), c(0, 0),
                c(0, 0), c(0.900447102352677, -0.43496553411123), c(0, 0), c(0, 0),
                c(0, 0), c(0, 0), c(1, 0), c(0, 0),
                c(0, 0), c(0, 0), c(0, 0), c(0.900447102352677, 0.43496553411123),
            ),
        )
    }

    test("sx is the square root of x") {
        checkColumns(1, "sx q[0];", listOf(c(0.5, 0.5), c(0.5, -0.5), c(0.5, -0.5), c(0.5, 0.5)))
        checkColumns(1, "sx q[0]; sx q[0];", listOf(c(0, 0), c(1, 0), c(1, 0), c(0, 0)))
    }

    test("rzz is exp(-iθ/2 Z⊗Z)") {
        checkColumns(
            2, "rzz(1.1) q[0],q[1];",
            listOf(
                c(0.852524522059506, -0.522687228930659), c(0, 0), c(0, 0), c(0, 0),
                c(0, 0), c(0.852524522059506, 0.522687228930659), c(0, 0), c(0, 0),
                c(0, 0), c(0, 0), c(0.852524522059506, 0.522687228930659), c(0, 0),
                c(0, 0), c(0, 0), c(0, 0), c(0.852524522059506, -0.522687228930659),
            ),
        )
    }

    test("rxx is exp(-iθ/2 X⊗X)") {
        checkColumns(
            2, "rxx(0.8) q[0],q[1];",
            listOf(
                c(0.921060994002885, 0.0), c(0, 0), c(0, 0), c(0.0, -0.389418342308651),
                c(0, 0), c(0.921060994002885, 0.0), c(0.0, -0.389418342308651), c(0, 0),
                c(0, 0), c(0.0, -0.389418342308651), c(0.921060994002885, 0.0), c(0, 0),
                c(0.0, -0.389418342308651), c(0, 0), c(0, 0), c(0.921060994002885, 0.0),
            ),
        )
    }

    test("ccx, cswap and c3x permute basis states") {
        fun permutation(n: Int, gate: String, map: (Int) -> Int): List<C> {
            val dim = 1 shl n
            return List(dim * dim) { idx -> if (map(idx % dim) == idx / dim) c(1, 0) else c(0, 0) }
        }
        checkColumns(3, "ccx q[0],q[1],q[2];", permutation(3, "ccx") { k -> if (k and 3 == 3) k xor 4 else k })
        checkColumns(3, "cswap q[0],q[1],q[2];", permutation(3, "cswap") { k ->
            if (k and 1 == 1 && ((k shr 1) and 1) != ((k shr 2) and 1)) k xor 6 else k
        })
        checkColumns(4, "c3x q[0],q[1],q[2],q[3];", permutation(4, "c3x") { k -> if (k and 7 == 7) k xor 8 else k })
        checkColumns(2, "swap q[0],q[1];", permutation(2, "swap") { k -> ((k and 1) shl 1) or (k shr 1) })
    }

    test("remaining controlled gates act only when every control is set") {
        fun probs(n: Int, body: String) = StateVectorSimulator().probabilities(OpenQasm.parse(QELIB_HEADER + "qreg q[$n];\n$body"))
        // ch, cy, csx: control off leaves |00>, control on moves the target.
        probs(2, "ch q[0],q[1];")[0] shouldBe (1.0 plusOrMinus 1e-12)
        probs(2, "x q[0];\nch q[0],q[1];").let { it[1] shouldBe (0.5 plusOrMinus 1e-12); it[3] shouldBe (0.5 plusOrMinus 1e-12) }
        probs(2, "x q[0];\ncy q[0],q[1];")[3] shouldBe (1.0 plusOrMinus 1e-12)
        probs(2, "x q[0];\ncsx q[0],q[1];\ncsx q[0],q[1];")[3] shouldBe (1.0 plusOrMinus 1e-12)
        probs(2, "x q[0];\ncrx(pi) q[0],q[1];")[3] shouldBe (1.0 plusOrMinus 1e-12)
        probs(2, "x q[1];\ncry(pi) q[0],q[1];")[2] shouldBe (1.0 plusOrMinus 1e-12)
        // Multi-controlled X family, including the relative-phase Toffolis (same permutation up to phases).
        probs(5, "x q[0];\nx q[1];\nx q[2];\nx q[3];\nc4x q[0],q[1],q[2],q[3],q[4];")[31] shouldBe (1.0 plusOrMinus 1e-12)
        probs(5, "x q[0];\nx q[1];\nx q[2];\nc4x q[0],q[1],q[2],q[3],q[4];")[7] shouldBe (1.0 plusOrMinus 1e-12)
        probs(4, "x q[0];\nx q[1];\nx q[2];\nc3sqrtx q[0],q[1],q[2],q[3];\nc3sqrtx q[0],q[1],q[2],q[3];")[15] shouldBe
            (1.0 plusOrMinus 1e-12)
        probs(3, "x q[0];\nx q[1];\nrccx q[0],q[1],q[2];")[7] shouldBe (1.0 plusOrMinus 1e-12)
        probs(3, "x q[1];\nrccx q[0],q[1],q[2];")[2] shouldBe (1.0 plusOrMinus 1e-12)
        probs(4, "x q[0];\nx q[1];\nx q[2];\nrc3x q[0],q[1],q[2],q[3];")[15] shouldBe (1.0 plusOrMinus 1e-12)
        probs(4, "x q[0];\nx q[2];\nrc3x q[0],q[1],q[2],q[3];")[5] shouldBe (1.0 plusOrMinus 1e-12)
    }
})
