package io.qonduit.simulator

import io.qonduit.circuit.OpenQasm
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import kotlin.math.cos
import kotlin.math.sin

class ProbabilitiesSpec : FunSpec({
    fun probs(source: String, parameters: Map<String, Double> = emptyMap()): DoubleArray =
        StateVectorSimulator().probabilities(OpenQasm.parse(source), parameters)

    fun DoubleArray.shouldMatch(vararg expected: Double) {
        size shouldBe expected.size
        for (i in indices) this[i] shouldBe (expected[i] plusOrMinus 1e-12)
    }

    test("rx, ry and u3 rotations match sin²(θ/2)") {
        for (theta in listOf(0.0, 0.4, 1.3, Math.PI, 2.9)) {
            val p1 = sin(theta / 2) * sin(theta / 2)
            probs(QELIB_HEADER + "qreg q[1];\nrx($theta) q[0];").shouldMatch(1 - p1, p1)
            probs(QELIB_HEADER + "qreg q[1];\nry($theta) q[0];").shouldMatch(1 - p1, p1)
            probs(QELIB_HEADER + "qreg q[1];\nu3($theta, 0.8, -0.3) q[0];").shouldMatch(1 - p1, p1)
        }
    }

    test("phases interfere: h, rz, h gives cos² and sin² of θ/2") {
        val theta = 0.77
        probs(QELIB_HEADER + "qreg q[1];\nh q[0];\nrz($theta) q[0];\nh q[0];")
            .shouldMatch(cos(theta / 2) * cos(theta / 2), sin(theta / 2) * sin(theta / 2))
        probs(QELIB_HEADER + "qreg q[1];\nh q[0];\nu1($theta) q[0];\nh q[0];")
            .shouldMatch(cos(theta / 2) * cos(theta / 2), sin(theta / 2) * sin(theta / 2))
        probs(QELIB_HEADER + "qreg q[1];\nh q[0];\ns q[0];\nsdg q[0];\nt q[0];\ntdg q[0];\nh q[0];").shouldMatch(1.0, 0.0)
        probs(QELIB_HEADER + "qreg q[1];\nsx q[0];\nsxdg q[0];").shouldMatch(1.0, 0.0)
    }

    test("probabilities are little-endian: index bit q is qubit q") {
        probs(QELIB_HEADER + "qreg q[3];\nx q[1];").shouldMatch(0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    }

    test("expressions: pi, arithmetic, power, unary minus and functions") {
        val expr = "-(pi/2 - 2*pi/4) + 2^2*pi/8 + sqrt(4)/2*ln(exp(0.5)) - sin(0) + cos(0) - 1 + tan(0)"
        val theta = Math.PI / 2 + 0.5
        val p1 = sin(theta / 2) * sin(theta / 2)
        probs(QELIB_HEADER + "qreg q[1];\nry($expr) q[0];").shouldMatch(1 - p1, p1)
        probs("OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit q;\nry(2 ** 1 * π / 4 + 0.5) q;").shouldMatch(1 - p1, p1)
    }

    test("user-defined gates with parameters, nesting and comments") {
        val source = QELIB_HEADER + """
            // a two-qubit entangler
            gate bell a, b { h a; cx a, b; }
            /* split rotation
               across two calls */
            gate halfry(theta) a { ry(theta/2) a; ry(theta/2) a; }
            gate wrap(t) x, y { bell x, y; halfry(-t) y; barrier x, y; }
            qreg q[2];
            wrap(0) q[0], q[1];
        """.trimIndent()
        probs(source).shouldMatch(0.5, 0.0, 0.0, 0.5)
        val theta = 1.1
        val p1 = sin(theta / 2) * sin(theta / 2)
        probs(QELIB_HEADER + "gate halfry(theta) a { ry(theta/2) a; ry(theta/2) a; }\nqreg q[1];\nhalfry($theta) q[0];")
            .shouldMatch(1 - p1, p1)
    }

    test("broadcasting over registers and mixing registers with single qubits") {
        probs(QELIB_HEADER + "qreg q[2];\nh q;").shouldMatch(0.25, 0.25, 0.25, 0.25)
        // a = |11>, then cx a,b copies it into b.
        probs(QELIB_HEADER + "qreg a[2];\nqreg b[2];\nx a;\ncx a, b;")
            .let { it[0b1111] shouldBe (1.0 plusOrMinus 1e-12) }
        // cx with one control qubit and a target register.
        probs(QELIB_HEADER + "qreg c[1];\nqreg t[2];\nx c[0];\ncx c[0], t;")
            .let { it[0b111] shouldBe (1.0 plusOrMinus 1e-12) }
    }

    test("barrier and id leave the state alone") {
        probs(QELIB_HEADER + "qreg q[2];\nx q[0];\nbarrier q;\nbarrier q[0], q[1];\nid q[1];\nu0(1) q[0];")
            .shouldMatch(0.0, 1.0, 0.0, 0.0)
    }

    test("QASM 3 program with {{theta}} placeholder and input parameters") {
        val source = """
            OPENQASM 3.0;
            include "stdgates.inc";
            input float[64] phi;
            qubit[2] q;
            bit[2] c;
            rx({{theta}}) q[0];
            ry(phi / 2) q[1];
            c = measure q;
        """.trimIndent()
        val theta = 0.9
        val phi = 2.4
        val p0 = sin(theta / 2) * sin(theta / 2)
        val p1 = sin(phi / 4) * sin(phi / 4)
        val p = probs(source, mapOf("theta" to theta, "phi" to phi))
        p[0b00] shouldBe ((1 - p0) * (1 - p1) plusOrMinus 1e-12)
        p[0b01] shouldBe (p0 * (1 - p1) plusOrMinus 1e-12)
        p[0b10] shouldBe ((1 - p0) * p1 plusOrMinus 1e-12)
        p[0b11] shouldBe (p0 * p1 plusOrMinus 1e-12)
    }

    test("stdgates names: phase, cphase, cu, U and CX") {
        val source = """
            OPENQASM 3;
            include "stdgates.inc";
            qubit[2] q;
            U(pi, 0, pi) q[0];
            CX q[0], q[1];
            h q[1];
            phase(pi) q[1];
            cphase(pi/2) q[0], q[1];
            cphase(pi/2) q[0], q[1];
            h q[1];
            cu(pi/2, 0, 0, 0) q[1], q[0];
        """.trimIndent()
        // U(pi,0,pi) = X and CX give |11>. Between the Hadamards q1 picks up Z (phase) and Z (two cphase(pi/2)
        // with q0 = 1), so it ends in |1> again; cu(pi/2,0,0,0) controlled by q1 then splits q0 evenly.
        val p = probs(source)
        p[0b10] shouldBe (0.5 plusOrMinus 1e-12)
        p[0b11] shouldBe (0.5 plusOrMinus 1e-12)
    }

    test("probabilities refuses circuits with reset or conditions") {
        shouldThrow<IllegalArgumentException> { probs(QELIB_HEADER + "qreg q[1];\nreset q[0];") }
    }
})
