package io.qonduit.program

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class BindingsSpec : FunSpec({
    test("sweep, zip and product keep order, other varying fastest") {
        val theta = Bindings.sweep("theta", 0.0, 1.0)
        theta.values shouldContainExactly listOf(mapOf("theta" to 0.0), mapOf("theta" to 1.0))
        theta.product(Bindings.sweep("phi", 5.0, 6.0)).values shouldContainExactly listOf(
            mapOf("theta" to 0.0, "phi" to 5.0), mapOf("theta" to 0.0, "phi" to 6.0),
            mapOf("theta" to 1.0, "phi" to 5.0), mapOf("theta" to 1.0, "phi" to 6.0),
        )
        theta.zip(Bindings.sweep("phi", 5.0, 6.0)).values shouldContainExactly listOf(
            mapOf("theta" to 0.0, "phi" to 5.0), mapOf("theta" to 1.0, "phi" to 6.0),
        )
        Bindings.NONE.product(theta) shouldBe theta
    }

    test("zip of different sizes and a name bound twice are refused") {
        shouldThrow<IllegalArgumentException> { Bindings.sweep("a", 1.0).zip(Bindings.sweep("b", 1.0, 2.0)) }
            .message shouldContain "sizes must be equal"
        shouldThrow<IllegalArgumentException> { Bindings.sweep("a", 1.0).product(Bindings.sweep("a", 2.0)) }
            .message shouldContain "[a]"
    }

    test("OpenQASM programs keep their text, know their version and parameters") {
        val text = "// comment\nOPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nrx({{theta}}) q[0];\n"
        val program = OpenQasmProgram(text)
        program.text shouldBe text
        program.version shouldBe 2
        program.parameterNames shouldContainExactly listOf("theta")
        OpenQasmProgram("OPENQASM 3;\ninput float[64] phi;\nqubit q;\nrz(phi) q;").parameterNames shouldContainExactly listOf("phi")
        OpenQasmProgram("OPENQASM 3;\nqubit q;").version shouldBe 3
    }
})
