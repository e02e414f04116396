package io.qonduit.simulator

import io.qonduit.circuit.ClassicalRegister
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException
import io.qonduit.circuit.QasmSemanticException
import io.qonduit.circuit.QasmSyntaxException
import io.qonduit.circuit.QuantumRegister
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf

class QasmParserSpec : FunSpec({
    test("registers are listed in declaration order with global sizes") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg a[2];\ncreg x[3];\nqreg b[1];\ncreg y[1];\n")
        circuit.numQubits shouldBe 3
        circuit.numClbits shouldBe 4
        circuit.quantumRegisters shouldContainExactly listOf(QuantumRegister("a", 2), QuantumRegister("b", 1))
        circuit.classicalRegisters shouldContainExactly listOf(ClassicalRegister("x", 3), ClassicalRegister("y", 1))
    }

    test("QASM 3 declarations: qubit[n], qubit, bit[n], bit, and legacy qreg/creg") {
        val circuit = OpenQasm.parse("OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[2] q;\nqubit r;\nbit[2] c;\nbit d;\nqreg s[1];\ncreg e[1];\n")
        circuit.numQubits shouldBe 4
        circuit.classicalRegisters.map { it.name to it.size } shouldContainExactly listOf("c" to 2, "d" to 1, "e" to 1)
    }

    test("provider fixture programs parse and run") {
        val oqtopus = "OPENQASM 3; include \"stdgates.inc\"; qubit[2] q; bit[2] c; rz(1.5707963267948932) q[0]; " +
            "sx q[0]; rz(1.5707963267948966) q[0]; cx q[0], q[1]; c = measure q;"
        StateVectorSimulator(seed = 1).run(OpenQasm.parse(oqtopus), 1000).counts.getValue("c").keys shouldBe setOf("00", "11")
        val qpi = "OPENQASM 3.0; include \"stdgates.inc\"; qubit[1] q; bit[1] c; rx({{theta}}) q[0]; c = measure q;"
        OpenQasm.parameterNames(qpi) shouldContainExactly listOf("theta")
        StateVectorSimulator(seed = 1).run(OpenQasm.parse(qpi), 10, mapOf("theta" to Math.PI)).counts shouldBe
            mapOf("c" to mapOf("1" to 10))
    }

    test("parameterNames lists inputs and placeholders in order of first appearance") {
        val source = """
            OPENQASM 3;
            include "stdgates.inc";
            input float[64] alpha;
            qubit[1] q;
            rx({{beta}}) q[0];
            input angle gamma;
            ry({{ alpha }}) q[0];
            rz({{beta}} + gamma) q[0];
            input angle[32] delta;
        """.trimIndent()
        OpenQasm.parameterNames(source) shouldContainExactly listOf("alpha", "beta", "gamma", "delta")
        OpenQasm.parameterNames(QELIB_HEADER + "qreg q[1];\nh q[0];\n") shouldBe emptyList()
    }

    fun semanticError(source: String): QasmSemanticException = shouldThrow<QasmSemanticException> { OpenQasm.parse(source) }

    test("syntax error reports line and column of the offending token") {
        val error = shouldThrow<QasmSyntaxException> { OpenQasm.parse(QELIB_HEADER + "qreg q[2]\nh q[0];\n") }
        error.line shouldBe 4
        error.column shouldBe 1
        error.message shouldContain "line 4, column 1"
        error.message shouldContain "expected ';'"
        error.shouldBeInstanceOf<QasmException>()

        val bad = shouldThrow<QasmSyntaxException> { OpenQasm.parse(QELIB_HEADER + "qreg q[2];\n  h q[0]) ;\n") }
        (bad.line to bad.column) shouldBe (4 to 9)
        shouldThrow<QasmSyntaxException> { OpenQasm.parse("OPENQASM 2.0;\n/* never closed\nqreg q[1];") }.line shouldBe 2
    }

    test("unknown gate reports its position") {
        val error = semanticError(QELIB_HEADER + "qreg q[2];\n\n   foo q[0];\n")
        (error.line to error.column) shouldBe (5 to 4)
        error.message shouldContain "unknown gate 'foo'"
        error.message shouldContain "line 5, column 4"
        semanticError("OPENQASM 2.0;\nqreg q[1];\nh q[0];\n").message shouldContain "include"
        // OQTOPUS' invalid-program fixture: a misspelled declaration keyword.
        val oqtopus = semanticError("OPENQASM 3;\ninclude \"stdgates.inc\";\nquit[2] q;\n")
        (oqtopus.line to oqtopus.column) shouldBe (3 to 1)
    }

    test("undeclared register reports its position") {
        val error = semanticError(QELIB_HEADER + "qreg q[2];\ncreg c[2];\ncx q[0], r[1];\n")
        (error.line to error.column) shouldBe (5 to 10)
        error.message shouldContain "undeclared quantum register 'r'"
        val creg = semanticError(QELIB_HEADER + "qreg q[2];\nmeasure q[0] -> c[0];\n")
        (creg.line to creg.column) shouldBe (4 to 17)
    }

    test("index out of range reports the index position") {
        val error = semanticError(QELIB_HEADER + "qreg q[2];\nh q[5];\n")
        (error.line to error.column) shouldBe (4 to 5)
        error.message shouldContain "index 5 is out of range for register 'q' of size 2"
    }

    test("wrong argument counts, duplicate qubits and size mismatches") {
        semanticError(QELIB_HEADER + "qreg q[2];\nrx q[0];\n").message shouldContain "takes 1 parameter(s) but 0 were given"
        semanticError(QELIB_HEADER + "qreg q[2];\ncx q[0];\n").message shouldContain "acts on 2 qubit(s) but 1 were given"
        semanticError(QELIB_HEADER + "qreg q[2];\ncx q[0], q[0];\n").message shouldContain "gate 'cx' uses the same qubit q[0] twice"
        semanticError(QELIB_HEADER + "qreg a[2];\nqreg b[3];\ncx a, b;\n").message shouldContain "has size 3"
        semanticError(QELIB_HEADER + "qreg q[2];\ncreg c[3];\nmeasure q -> c;\n").message shouldContain "cannot measure"
        semanticError(QELIB_HEADER + "gate g a { h b; }\n").message shouldContain "'b' is not a qubit argument"
        semanticError(QELIB_HEADER + "gate g(t) a { rx(u) a; }\n").message shouldContain "unknown identifier 'u'"
        semanticError(QELIB_HEADER + "qreg q[1];\nqreg q[2];\n").message shouldContain "already declared"
    }

    test("parameters stay free when parsed; running without binding them names them") {
        val circuit = OpenQasm.parse("OPENQASM 3;\ninclude \"stdgates.inc\";\ninput float[64] phi;\nqubit q;\nrx({{theta}} + phi) q;\n")
        circuit.parameterNames shouldContainExactly listOf("phi", "theta")
        val unbound = shouldThrow<IllegalArgumentException> { StateVectorSimulator().run(circuit, 1, mapOf("phi" to 1.0)) }
        unbound.message shouldContain "unbound parameter(s) 'theta'"
        StateVectorSimulator().run(circuit, 1, mapOf("phi" to 1.0, "theta" to 2.0)).shots shouldBe 1
        val inBody = semanticError("OPENQASM 3;\ninclude \"stdgates.inc\";\ngate g a { rx({{theta}}) a; }\n")
        (inBody.line to inBody.column) shouldBe (3 to 15)
    }

    test("opaque gates are semantic errors where they are called") {
        val opaque = semanticError(QELIB_HEADER + "opaque magic(a) q;\nqreg r[1];\nmagic(0.1) r[0];\n")
        (opaque.line to opaque.column) shouldBe (5 to 1)
        opaque.message shouldContain "opaque"
    }

    test("unsupported versions and includes are rejected") {
        semanticError("OPENQASM 4.0;\n").message shouldContain "unsupported OpenQASM version"
        semanticError("OPENQASM 2.0;\ninclude \"other.inc\";\n").message shouldContain "other.inc"
    }

    test("physical qubits form an implicit register sized by the highest index") {
        val source = "OPENQASM 3;\ninclude \"stdgates.inc\";\nbit[2] c;\nh \$0;\ncx \$0, \$2;\nc[0] = measure \$0;\nc[1] = measure \$2;\n"
        val circuit = OpenQasm.parse(source)
        circuit.numQubits shouldBe 3
        circuit.quantumRegisters shouldContainExactly listOf(QuantumRegister("\$", 3))
        StateVectorSimulator(seed = 2).run(circuit, 500).counts.getValue("c").keys shouldBe setOf("00", "11")
    }
})
