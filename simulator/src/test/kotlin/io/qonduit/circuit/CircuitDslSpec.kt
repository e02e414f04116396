package io.qonduit.circuit

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.program.Bindings
import kotlin.math.PI

class CircuitDslSpec : FunSpec({
    val theta = Parameter("theta")
    val phi = Parameter("phi")

    fun bell() = circuit {
        val q = qreg("q", 2)
        val c = creg("c", 2)
        h(q[0]); cx(q[0], q[1]); rz(theta * 2, q[1]); measure(q, c)
        ifEquals(c, 3) { x(q[0]) }
    }

    test("the DSL builds registers, instructions and parameters, compared structurally") {
        val bell = bell()
        bell shouldBe bell()
        bell.hashCode() shouldBe bell().hashCode()
        bell.quantumRegisters shouldContainExactly listOf(QuantumRegister("q", 2))
        bell.classicalRegisters shouldContainExactly listOf(ClassicalRegister("c", 2))
        bell.parameterNames shouldContainExactly listOf("theta")
        bell.numQubits shouldBe 2
        bell.instructions.size shouldBe 5
        bell.toString() shouldBe "Circuit(input float[64] theta; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; " +
            "rz(theta * 2) q[1]; c = measure q; if (c == 3) { x q[0]; })"
        bell shouldNotBe circuit {
            val q = qreg("q", 2); val c = creg("c", 2)
            h(q[0]); cx(q[0], q[1]); rz(theta * 3, q[1]); measure(q, c)
            ifEquals(c, 3) { x(q[0]) }
        }
    }

    test("parameters are listed in order of first appearance, declared inputs first") {
        val c = circuit {
            val q = qreg("q", 1)
            rx(PI / 2 - phi, q[0]); ry(-theta, q[0]); rz(phi * theta, q[0])
        }
        c.parameterNames shouldContainExactly listOf("phi", "theta")
        circuit { input(theta, phi); val q = qreg("q", 1); rx(phi, q[0]) }.parameterNames shouldContainExactly listOf("theta", "phi")
    }

    test("Parameter.bind sweeps its name") {
        theta.bind(0.0, PI) shouldBe Bindings.sweep("theta", 0.0, PI)
    }

    test("angles print with the parentheses they need and evaluate") {
        (theta * 2).toString() shouldBe "theta * 2"
        (PI / 2 - phi).toString() shouldBe "1.5707963267948966 - phi"
        (Angle.PI / 2 - phi).toString() shouldBe "pi / 2 - phi"
        ((theta + phi) * 2).toString() shouldBe "(theta + phi) * 2"
        (theta - (phi - 1.0)).toString() shouldBe "theta - (phi - 1)"
        (-(theta + phi)).toString() shouldBe "-(theta + phi)"
        (-Angle.of(0.5)) shouldBe Angle.of(-0.5)
        (theta * -0.5).toString() shouldBe "theta * -0.5"
        (Angle.of(-2.0).pow(theta)).toString() shouldBe "(-2) ** theta"
        Angle.sin(theta).pow(2.0).toString() shouldBe "sin(theta) ** 2"
        (Angle.PI / 2 - phi).evaluate(mapOf("phi" to 0.5)) shouldBe (PI / 2 - 0.5)
        shouldThrow<IllegalArgumentException> { theta.evaluate(emptyMap()) }.message shouldContain "unbound parameter 'theta'"
    }

    test("user gates keep their definition and are applied like standard gates") {
        val rzx = gate("rzx", theta) { a, b -> h(b); cx(a, b); rz(theta, b); cx(a, b); h(b) }
        rzx.numQubits shouldBe 2
        rzx.numParameters shouldBe 1
        rzx.body.map { it.gate } shouldContainExactly listOf(StandardGate.H, StandardGate.CX, StandardGate.RZ, StandardGate.CX, StandardGate.H)
        rzx.toString() shouldBe "gate rzx(theta) q0, q1 { h q1; cx q0, q1; rz(theta) q1; cx q0, q1; h q1; }"
        val c = circuit {
            val q = qreg("q", 2)
            gate(rzx, listOf(phi / 2), q[0], q[1])
        }
        c.gateDefinitions shouldContainExactly listOf(rzx)
        c.parameterNames shouldContainExactly listOf("phi")
    }

    test("index and arity mistakes fail when the circuit is built, naming the register or gate and the limit") {
        fun fails(body: CircuitBuilder.() -> Unit): String = shouldThrow<IllegalArgumentException> { circuit(body) }.message!!
        fails { val q = qreg("q", 2); h(q[2]) } shouldContain "index 2 is out of range for register 'q' of size 2"
        fails { val q = qreg("q", 2); cx(q[1], q[1]) } shouldContain "gate 'cx' uses the same qubit q[1] twice"
        fails { val q = qreg("q", 2); val c = creg("c", 3); measure(q, c) } shouldContain "cannot measure 2 qubit(s) of 'q' into 3 bit(s) of 'c'"
        fails { qreg("q", 1); h(QuantumRegister("r", 1)[0]) } shouldContain "unknown register 'r'"
        fails { val a = qreg("a", 2); val b = qreg("b", 3); cx(a, b) } shouldContain "register 'b' has size 3 but 'a' has size 2"
        fails { val q = qreg("q", 1); gate(StandardGate.RX, q) } shouldContain "gate 'rx' takes 1 parameter(s) but 0 were given"
        val rzx = gate("rzx", theta) { a, b -> rz(theta, b); cx(a, b) }
        fails { val q = qreg("q", 2); gate(rzx, q[0], q[1]) } shouldContain "gate 'rzx' takes 1 parameter(s) but 0 were given"
        fails { val q = qreg("q", 3); gate(rzx, listOf(phi), q[0]) } shouldContain "gate 'rzx' acts on 2 qubit(s) but 1 were given"
        fails { qreg("q", 1); qreg("q", 2) } shouldContain "'q' is already declared"
        fails { val q = qreg("q", 1); val c = creg("c", 2); ifEquals(c, 4) { x(q[0]) } } shouldContain "value 4 does not fit in the 2 bit(s) of 'c'"
        shouldThrow<IllegalArgumentException> { gate("bad", theta) { a -> rx(phi, a) } }.message shouldContain
            "gate 'bad' uses 'phi', which is not one of its parameters [theta]"
        shouldThrow<IllegalArgumentException> { gate("rzz") { a -> x(a) } }.message shouldContain "taken by the standard gate"
        shouldThrow<IllegalArgumentException> { Parameter("pi") }.message shouldContain "reserved"
    }
})
