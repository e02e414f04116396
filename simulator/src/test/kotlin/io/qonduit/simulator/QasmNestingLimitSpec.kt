package io.qonduit.simulator

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmLimitException
import io.qonduit.program.OpenQasmProgram

/** Programs nested absurdly deep get a QasmLimitException with line and column, never a StackOverflowError. */
class QasmNestingLimitSpec : FunSpec({
    val header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\n"

    test("parentheses nested 20 000 deep: refused at the first parenthesis past the limit") {
        val e = shouldThrow<QasmLimitException> { OpenQasm.parse(header + "rx(" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ") q[0];\n") }
        e.line shouldBe 5
        // rx( is columns 1-3; the expression opens level 1 at column 4, level 257 is refused.
        e.column shouldBe 4 + 256
        e.message!! shouldContain "nesting deeper than 256 levels"
    }

    test("a program through OpenQasmProgram reports the same typed error") {
        val program = OpenQasmProgram(header + "rz(" + "(".repeat(20_000) + "0" + ")".repeat(20_000) + ") q[0];\n")
        shouldThrow<QasmLimitException> { program.toCircuit() }.line shouldBe 5
    }

    test("chains of signs, powers, function calls and if statements are bounded too") {
        shouldThrow<QasmLimitException> { OpenQasm.parse(header + "rx(" + "-".repeat(20_000) + "1) q[0];\n") }
        shouldThrow<QasmLimitException> { OpenQasm.parse(header + "rx(" + "2^".repeat(20_000) + "1) q[0];\n") }
        shouldThrow<QasmLimitException> { OpenQasm.parse(header + "rx(" + "sin(".repeat(20_000) + "1" + ")".repeat(20_000) + ") q[0];\n") }
        shouldThrow<QasmLimitException> { OpenQasm.parse(header + "if (c == 1) ".repeat(20_000) + "x q[0];\n") }
    }

    test("a long flat sum is bounded: its tree would be as deep as it is long") {
        val e = shouldThrow<QasmLimitException> { OpenQasm.parse(header + "rx(" + "1+".repeat(100_000) + "1) q[0];\n") }
        e.message!! shouldContain "more than 1000 operators"
    }

    test("ordinary nesting still parses") {
        OpenQasm.parse(header + "rx(" + "(".repeat(100) + "pi/2" + ")".repeat(100) + ") q[0];\nif (c == 1) x q[0];\n").numQubits shouldBe 1
        OpenQasm.parse(header + "rx(" + "1+".repeat(999) + "1) q[0];\n").numQubits shouldBe 1
    }
})
