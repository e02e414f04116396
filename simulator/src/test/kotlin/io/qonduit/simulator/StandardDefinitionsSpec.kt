package io.qonduit.simulator

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.qonduit.circuit.Angle
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.StandardDefinitions
import io.qonduit.circuit.StandardGate
import io.qonduit.circuit.circuit
import io.qonduit.circuit.gate

/**
 * The OpenQASM 3 text written for catalogue gates that stdgates.inc lacks must mean exactly the gate: run
 * under another name (so it is not recognised), each definition gives the catalogue gate's amplitudes on
 * every basis state.
 */
class StandardDefinitionsSpec : FunSpec({
    fun columns(numQubits: Int, apply: (Int) -> io.qonduit.circuit.Circuit): List<DoubleArray> =
        (0 until (1 shl numQubits)).map { StateVectorSimulator().amplitudes(apply(it)) }

    test("every reference definition equals its catalogue gate on every basis state") {
        StandardDefinitions.references.keys.shouldNotBeEmpty()
        for ((standard, reference) in StandardDefinitions.references) {
            val renamed = gate("my_${reference.gateName}", reference.numQubits, *reference.parameters.toTypedArray()) { qs ->
                for (call in reference.body) gate(call.gate, call.arguments, *call.qubits.map { qs[it] }.toTypedArray())
            }
            val args = List(standard.numParameters) { Angle.of(0.3 + it) }
            fun prepared(k: Int, body: io.qonduit.circuit.CircuitBuilder.(io.qonduit.circuit.QuantumRegister) -> Unit) = circuit {
                val q = qreg("q", standard.numQubits)
                for (i in 0 until standard.numQubits) if ((k shr i) and 1 == 1) x(q[i])
                body(q)
            }
            val expected = columns(standard.numQubits) { k -> prepared(k) { q -> gate(standard, args, *q.qubits.toTypedArray()) } }
            val actual = columns(standard.numQubits) { k -> prepared(k) { q -> gate(renamed, args, *q.qubits.toTypedArray()) } }
            for (k in expected.indices) for (i in expected[k].indices) {
                withClue("$standard basis $k amplitude ${i / 2}") { actual[k][i] shouldBe (expected[k][i] plusOrMinus 1e-12) }
            }
        }
    }

    test("modifier spellings read as the catalogue gates they name") {
        val source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[5] q;\n" +
            "ctrl(3) @ x q[0], q[1], q[2], q[3];\nctrl(4) @ x q[0], q[1], q[2], q[3], q[4];\nctrl(3) @ sx q[0], q[1], q[2], q[3];\n" +
            "ctrl @ sx q[0], q[1];\ninv @ sx q[0];\nctrl @ U(1, 2, 3) q[0], q[1];\nctrl @ phase(0.5) q[0], q[1];\n"
        OpenQasm.parse(source) shouldBe circuit {
            val q = qreg("q", 5)
            c3x(q[0], q[1], q[2], q[3]); c4x(q[0], q[1], q[2], q[3], q[4]); c3sqrtx(q[0], q[1], q[2], q[3])
            csx(q[0], q[1]); sxdg(q[0]); cu3(1.0, 2.0, 3.0, q[0], q[1]); cp(0.5, q[0], q[1])
        }
        StandardGate.entries.size shouldBe 39
    }
})
