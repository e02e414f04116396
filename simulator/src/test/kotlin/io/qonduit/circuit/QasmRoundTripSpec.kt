package io.qonduit.circuit

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.program.OpenQasmProgram

class QasmRoundTripSpec : FunSpec({
    val theta = Parameter("theta")

    /** [gate] on the first qubits of q, once with numbers and once with a parameter expression as first angle. */
    fun onceEach(gate: StandardGate): List<Circuit> = listOf(
        circuit {
            val q = qreg("q", gate.numQubits)
            gate(gate, List(gate.numParameters) { Angle.of(0.25 * (it + 1)) }, *Array(gate.numQubits) { q[it] })
        },
        circuit {
            val q = qreg("q", gate.numQubits + 1)
            val c = creg("c", 1)
            val args = List(gate.numParameters) { if (it == 0) theta * 2 - Angle.PI / 4 else Angle.of(-0.5 * it) }
            // Reversed qubits, so controls and targets are not just 0, 1, 2.
            gate(gate, args, *Array(gate.numQubits) { q[gate.numQubits - it] })
            measure(q[0], c[0])
            ifEquals(c, 1) { gate(gate, args, *Array(gate.numQubits) { q[it] }) }
        },
    )

    test("every catalogue gate survives OpenQASM 2 and OpenQASM 3") {
        for (gate in StandardGate.entries) {
            for (c in onceEach(gate)) {
                withClue("$gate via QASM 2:\n${c.toQasm2()}") { OpenQasm.parse(c.toQasm2()) shouldBe c }
                withClue("$gate via QASM 3:\n${c.toQasm3()}") { OpenQasm.parse(c.toQasm3()) shouldBe c }
            }
        }
    }

    test("OpenQASM 3 output uses stdgates names, exact modifiers or recognised definitions, never qelib1-only names") {
        for (gate in StandardGate.entries.filter { it.stdgatesNames.isEmpty() }) {
            val text = onceEach(gate)[0].toQasm3()
            val call = text.lines().first { it.startsWith("ctrl") || it.startsWith("inv") || it.contains(" q[") && !it.startsWith("qubit") }
            withClue(text) { (call.startsWith(gate.qelib1Names[0] + " ") || call.startsWith(gate.qelib1Names[0] + "(")) shouldBe text.contains("gate ${gate.qelib1Names[0]}") }
        }
        circuit { val q = qreg("q", 4); c3x(q[0], q[1], q[2], q[3]) }.toQasm3() shouldContain "ctrl(3) @ x q[0], q[1], q[2], q[3];"
        circuit { val q = qreg("q", 2); rzz(0.5, q[0], q[1]) }.toQasm3() shouldContain "gate rzz(theta) q0, q1 { cx q0, q1; rz(theta) q1; cx q0, q1; }"
    }

    test("a definition under a standard name that differs from the reference is refused") {
        val error = shouldThrow<QasmSemanticException> {
            OpenQasm.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ngate rzz(t) a, b { cx a, b; rz(2 * t) b; cx a, b; }\n")
        }
        error.message shouldContain "differs from its reference"
        shouldThrow<QasmSemanticException> { OpenQasm.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nctrl @ sdg q[0], q[1];\n") }
            .message shouldContain "only where they spell a standard gate"
    }

    test("the Bell example as OpenQASM 3 and OpenQASM 2 text") {
        val bell = circuit {
            val q = qreg("q", 2); val c = creg("c", 2)
            h(q[0]); cx(q[0], q[1]); rz(theta * 2, q[1]); measure(q, c)
            ifEquals(c, 3) { x(q[0]) }
        }
        bell.toQasm3() shouldBe """
            OPENQASM 3.0;
            include "stdgates.inc";
            input float[64] theta;
            qubit[2] q;
            bit[2] c;
            h q[0];
            cx q[0], q[1];
            rz(theta * 2) q[1];
            c = measure q;
            if (c == 3) { x q[0]; }

        """.trimIndent()
        bell.toQasm2() shouldBe """
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg q[2];
            creg c[2];
            h q[0];
            cx q[0], q[1];
            rz({{theta}} * 2) q[1];
            measure q -> c;
            if (c == 3) x q[0];

        """.trimIndent()
    }

    test("user gates, nested conditionals, resets, barriers and physical qubits round-trip") {
        val phi = Parameter("phi")
        val inner = gate("inner", 4, phi) { (a, b, c, d) -> rx(phi / 2, a); c3x(a, b, c, d) }
        val c = circuit {
            input(phi, theta)
            val q = qreg("q", 4); val m = creg("m", 2); val out = creg("out", 4)
            gate(inner, listOf(-theta), q[0], q[1], q[2], q[3])
            barrier(); barrier(q[0], q); reset(q)
            measure(q[0], m[0]); measure(q[1])
            ifNotEquals(m[0], 1) { ifEquals(m, 2) { x(q[1]); rzz(Angle.sin(theta).pow(2), q[0], q[1]) } }
            measure(q, out)
        }
        OpenQasm.parse(c.toQasm3()) shouldBe c
        c.parameterNames shouldContainExactly listOf("phi", "theta")
        OpenQasm.parse(c.toQasm3()).gateDefinitions shouldContainExactly listOf(inner)
        val physical = OpenQasm.parse("OPENQASM 3;\ninclude \"stdgates.inc\";\nbit[2] c;\nh \$0;\ncx \$0, \$2;\nc[0] = measure \$2;\n")
        OpenQasm.parse(physical.toQasm3()) shouldBe physical
        shouldThrow<UnsupportedOperationException> { physical.toQasm2() }.message shouldContain "physical qubits"
    }

    test("toQasm2 refuses what OpenQASM 2 cannot say, naming it") {
        fun refused(body: CircuitBuilder.() -> Unit): String = shouldThrow<UnsupportedOperationException> { circuit(body).toQasm2() }.message!!
        refused { val q = qreg("q", 1); val c = creg("c", 2); ifEquals(c[1], 1) { x(q[0]) } } shouldContain "single bit c[1]"
        refused { val q = qreg("q", 1); val c = creg("c", 1); ifNotEquals(c, 1) { x(q[0]) } } shouldContain "'!='"
        refused { val q = qreg("q", 1); val c = creg("c", 1); ifEquals(c, 1) { x(q[0]); h(q[0]) } } shouldContain "guarding 2 instructions"
        refused { val q = qreg("q", 1); rx(Angle.TAU / 3, q[0]) } shouldContain "constant 'tau'"
        refused { val q = qreg("q", 1); rx(Angle.arccos(theta), q[0]) } shouldContain "function 'arccos'"
        refused { val q = qreg("q", 1); measure(q) } shouldContain "measurement without a classical target"
        refused { input(Parameter("b"), theta); val q = qreg("q", 1); rx(theta, q[0]) } shouldContain "order other than their use"
        refused { qreg("q", 1); barrier() } shouldContain "barrier without operands"
    }

    test("hand-written OpenQASM parses to the same circuit as the DSL") {
        val rzx = gate("rzx", theta) { a, b -> h(b); cx(a, b); rz(theta, b); cx(a, b); h(b) }
        val phi = Parameter("phi")
        val dsl = circuit {
            val q = qreg("q", 2); val c = creg("c", 2)
            h(q); p(Angle.PI / 2, q[0]); cp(phi, q[0], q[1]); u3(1.0, 2.0, 3.0, q[1])
            gate(rzx, listOf(Angle.PI / 2 - phi), q[0], q[1])
            measure(q, c)
            ifEquals(c, 3) { x(q[0]) }
        }
        val qasm2 = """
            OPENQASM 2.0;
            include "qelib1.inc";
            gate rzx(alpha) left, right { h right; cx left, right; rz(alpha) right; cx left, right; h right; }
            qreg q[2];
            creg c[2];
            h q;
            u1(pi/2) q[0];
            cu1({{phi}}) q[0],q[1];
            U(1, 2.0, 3) q[1];
            rzx(pi / 2 - {{phi}}) q[0], q[1];
            measure q -> c;
            if(c==3) x q[0];
        """.trimIndent()
        // Formal parameter names are part of a definition; qubit names are not.
        OpenQasm.parse(qasm2.replace("alpha", "theta")) shouldBe dsl
        OpenQasm.parse(qasm2) shouldNotBe dsl
        val qasm3 = """
            OPENQASM 3;
            include "stdgates.inc";
            input angle phi;
            gate rzx(theta) a, b { h b; cx a, b; rz(theta) b; cx a, b; h b; }
            qubit[2] q;
            bit[2] c;
            h q;
            phase(π / 2) q[0];
            cphase(phi) q[0], q[1];
            u3(1, 2, 3) q[1];
            rzx(pi / 2 - phi) q[0], q[1];
            c[0] = measure q[0];
            c[1] = measure q[1];
            if (c == 3) { x q[0]; }
        """.trimIndent()
        val parsed = OpenQasm.parse(qasm3)
        // Bit-by-bit measurement is a different (equivalent) instruction list; everything else is equal.
        parsed.instructions.filterNot { it is Measurement } shouldBe dsl.instructions.filterNot { it is Measurement }
        parsed.toQasm3() shouldNotContain "cphase"
        OpenQasmProgram(qasm3).parameterNames shouldContainExactly parsed.parameterNames
        OpenQasmProgram(qasm2).toCircuit().parameterNames shouldContainExactly OpenQasmProgram(qasm2).parameterNames
    }
})
