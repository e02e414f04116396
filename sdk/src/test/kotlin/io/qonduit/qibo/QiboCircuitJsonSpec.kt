package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.Parameter
import io.qonduit.circuit.circuit
import io.qonduit.circuit.gate
import io.qonduit.errors.ValidationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class QiboCircuitJsonSpec : FunSpec({
    fun qiboWrote(name: String): JsonObject = Json.parseToJsonElement(
        checkNotNull(javaClass.classLoader.getResourceAsStream("fixtures/qibo/circuits/$name.json")).use { it.readBytes().decodeToString() },
    ).jsonObject

    val everyGate = circuit {
        val q = qreg("q", 4); val c = creg("c", 2); val d = creg("d", 1)
        h(q[0]); cx(q[0], q[1]); rx(0.5, q[2]); u3(0.1, 0.2, 0.3, q[1]); cp(0.7, q[0], q[2])
        id(q[1]); s(q[0]); sdg(q[1]); t(q[2]); tdg(q[0]); sx(q[1]); sxdg(q[2])
        ry(0.25, q[0]); rz(-0.5, q[1]); p(0.125, q[2]); u2(0.5, 1.5, q[0])
        cy(q[1], q[2]); cz(q[0], q[2]); ch(q[2], q[0]); csx(q[0], q[1])
        crx(0.1, q[0], q[1]); cry(0.2, q[1], q[2]); crz(0.3, q[2], q[0]); swap(q[0], q[2])
        ccx(q[0], q[1], q[2]); rxx(0.4, q[0], q[1]); rzz(0.6, q[1], q[2])
        c3x(q[0], q[1], q[2], q[3]); c3sqrtx(q[0], q[1], q[2], q[3]); cswap(q[0], q[1], q[2])
        measure(q[0], c[0]); measure(q[1], c[1]); measure(q[3], d[0])
    }

    test("a DSL circuit with every mapped gate is written exactly as qibo 0.3.6 writes the same circuit") {
        QiboCircuitJson.write(everyGate) shouldBe qiboWrote("every_gate")
    }

    test("the same circuit read from OpenQASM 2 writes the same JSON") {
        val qasm = """
            OPENQASM 2.0; include "qelib1.inc";
            qreg q[4]; creg c[2]; creg d[1];
            h q[0]; cx q[0],q[1]; rx(0.5) q[2]; u3(0.1,0.2,0.3) q[1]; cu1(0.7) q[0],q[2];
            id q[1]; s q[0]; sdg q[1]; t q[2]; tdg q[0]; sx q[1]; sxdg q[2];
            ry(0.25) q[0]; rz(-0.5) q[1]; u1(0.125) q[2]; u2(0.5,1.5) q[0];
            cy q[1],q[2]; cz q[0],q[2]; ch q[2],q[0]; csx q[0],q[1];
            crx(0.1) q[0],q[1]; cry(0.2) q[1],q[2]; crz(0.3) q[2],q[0]; swap q[0],q[2];
            ccx q[0],q[1],q[2]; rxx(0.4) q[0],q[1]; rzz(0.6) q[1],q[2];
            c3x q[0],q[1],q[2],q[3]; c3sqrtx q[0],q[1],q[2],q[3]; cswap q[0],q[1],q[2];
            measure q[0] -> c[0]; measure q[1] -> c[1]; measure q[3] -> d[0];
        """.trimIndent()
        QiboCircuitJson.write(OpenQasm.parse(qasm)) shouldBe qiboWrote("every_gate")
    }

    test("a GHZ circuit measured by register broadcast") {
        val ghz = circuit {
            val q = qreg("q", 3); val c = creg("c", 3)
            h(q[0]); cx(q[0], q[1]); cx(q[1], q[2]); measure(q, c)
        }
        QiboCircuitJson.write(ghz) shouldBe qiboWrote("ghz")
    }

    test("measurements are grouped per register in bit order, so qibo's keys are the register's big-endian keys") {
        val c = circuit {
            val q = qreg("q", 3); val m = creg("m", 3)
            x(q[2]); measure(q[2], m[0]); measure(q[0], m[2]); measure(q[1], m[1])
        }
        val layout = QiboCircuitJson.layout(c)
        val gate = layout.json["queue"]!!.jsonArray.last().jsonObject
        gate["_target_qubits"]!!.jsonArray.map { it.jsonPrimitive.int } shouldBe listOf(2, 1, 0)
        gate["init_kwargs"]!!.jsonObject["register_name"]!!.jsonPrimitive.content shouldBe "m"
        layout.columns shouldBe listOf("m" to 0, "m" to 1, "m" to 2)
    }

    test("cu3 and cu get the U1 on the control that cancels qibo's CU3 phase; user gates and rccx are expanded") {
        val c = circuit {
            val q = qreg("q", 3)
            cu3(0.1, 0.2, 0.3, q[0], q[1]); cu(0.1, 0.2, 0.3, 0.4, q[1], q[0])
            val theta = Parameter("theta")
            val mine = gate("mine", theta) { a, b -> h(a); crz(theta * 2, a, b) }
            gate(mine, listOf(io.qonduit.circuit.Angle.of(0.25)), q[1], q[2])
            rccx(q[0], q[1], q[2])
        }
        val queue = QiboCircuitJson.write(c)["queue"]!!.jsonArray.map { it.jsonObject }
        queue.take(6).map { it["_class"]!!.jsonPrimitive.content } shouldBe listOf("CU3", "U1", "CU3", "U1", "H", "CRZ")
        queue[1]["init_kwargs"]!!.jsonObject["theta"]!!.jsonPrimitive.double shouldBe ((0.2 + 0.3) / 2)
        queue[1]["_target_qubits"]!!.jsonArray.map { it.jsonPrimitive.int } shouldBe listOf(0)
        queue[3]["init_kwargs"]!!.jsonObject["theta"]!!.jsonPrimitive.double shouldBe ((0.2 + 0.3) / 2 + 0.4)
        queue[3]["_target_qubits"]!!.jsonArray.map { it.jsonPrimitive.int } shouldBe listOf(1)
        queue[5]["init_kwargs"]!!.jsonObject["theta"]!!.jsonPrimitive.double shouldBe 0.5
        queue.drop(6).map { it["_class"]!!.jsonPrimitive.content }.toSet() shouldBe setOf("U2", "U1", "CNOT")
    }

    test("what qibo's JSON cannot say is refused naming the instruction") {
        fun refused(body: io.qonduit.circuit.CircuitBuilder.() -> Unit) = shouldThrow<ValidationException> { QiboCircuitJson.write(circuit(body)) }.violations.single()
        refused { val q = qreg("q", 1); rx(Parameter("a"), q[0]) }.limit shouldContain "bind the parameters [a]"
        refused { val q = qreg("q", 1); reset(q[0]) }.field shouldBe "circuit.instructions[0]"
        refused { val q = qreg("q", 1); val c = creg("c", 1); measure(q[0], c[0]); x(q[0]) }.limit shouldContain "qubit 0 is used after its measurement"
        refused { val q = qreg("q", 2); val c = creg("c", 1); measure(q[0], c[0]); measure(q[1], c[0]) }.limit shouldContain "each classical bit is measured once"
        refused { val q = qreg("q", 1); val c = creg("c", 1); measure(q[0], c[0]); ifEquals(c, 1L) { x(q[0]) } }.limit shouldContain "classically conditioned"
    }
})
