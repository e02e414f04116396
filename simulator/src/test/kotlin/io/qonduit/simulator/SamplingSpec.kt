package io.qonduit.simulator

import io.qonduit.circuit.OpenQasm
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.maps.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.math.sin

class SamplingSpec : FunSpec({
    test("Bell state gives only 00 and 11, about half each") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n")
        val result = StateVectorSimulator(seed = 7).run(circuit, 10_000)
        result.shots shouldBe 10_000
        result.counts.keys shouldContainExactly setOf("c")
        val c = result.counts.getValue("c")
        c.keys shouldBe setOf("00", "11")
        c.values.sum() shouldBe 10_000
        shouldBeBinomial(c.getValue("00"), 10_000, 0.5)
        result.clbitCounts shouldBe c
    }

    test("GHZ-n gives only all-zero and all-one bitstrings") {
        for (n in listOf(3, 5, 8, 12)) {
            val body = (1 until n).joinToString("") { "cx q[${it - 1}],q[$it];\n" }
            val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[$n];\ncreg c[$n];\nh q[0];\n$body measure q -> c;\n")
            val counts = StateVectorSimulator(seed = n.toLong()).run(circuit, 4000).counts.getValue("c")
            counts.keys shouldBe setOf("0".repeat(n), "1".repeat(n))
            shouldBeBinomial(counts.getValue("1".repeat(n)), 4000, 0.5)
        }
    }

    test("20-qubit GHZ (the parallel kernels) samples only all-zeros and all-ones") {
        // Speed is measured in bench/ (BENCHMARKS.md), not asserted here.
        val body = (1 until 20).joinToString("") { "cx q[${it - 1}],q[$it];\n" }
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[20];\ncreg c[20];\nh q[0];\n$body measure q -> c;\n")
        val counts = StateVectorSimulator(seed = 1).run(circuit, 100_000).counts.getValue("c")
        counts.keys shouldBe setOf("0".repeat(20), "1".repeat(20))
        shouldBeBinomial(counts.getValue("1".repeat(20)), 100_000, 0.5)
    }

    test("bitstrings are big-endian: c[0] is the leftmost character") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[3];\ncreg c[3];\nx q[0];\nmeasure q -> c;\n")
        StateVectorSimulator(seed = 1).run(circuit, 10).counts shouldBe mapOf("c" to mapOf("100" to 10))
    }

    test("multiple cregs: per-register counts and clbitCounts in declaration order; unmeasured bits read 0") {
        val circuit = OpenQasm.parse(
            QELIB_HEADER + """
            qreg q[3];
            creg a[2];
            creg b[1];
            creg unused[2];
            x q[0];
            x q[2];
            measure q[0] -> a[0];
            measure q[1] -> a[1];
            measure q[2] -> b[0];
            """.trimIndent(),
        )
        circuit.classicalRegisters.map { it.name } shouldContainExactly listOf("a", "b", "unused")
        circuit.numClbits shouldBe 5
        val result = StateVectorSimulator(seed = 3).run(circuit, 50)
        result.counts shouldBe mapOf("a" to mapOf("10" to 50), "b" to mapOf("1" to 50), "unused" to mapOf("00" to 50))
        result.clbitCounts shouldContainExactly mapOf("10100" to 50)
    }

    test("measurement into a permuted register maps qubits to the right clbits") {
        val circuit = OpenQasm.parse(
            QELIB_HEADER + "qreg q[2];\ncreg c[2];\nx q[1];\nmeasure q[1] -> c[0];\nmeasure q[0] -> c[1];\n",
        )
        StateVectorSimulator(seed = 3).run(circuit, 5).clbitCounts shouldBe mapOf("10" to 5)
    }

    test("sampled counts: ascending bitstrings, states that read alike merged, clbits in any order or repeated") {
        // q[1] is not measured, so two basis states give each string; q[0] is read into two clbits; c[3], c[5] never set.
        val circuit = OpenQasm.parse(
            QELIB_HEADER + "qreg q[4];\ncreg c[6];\nh q;\nmeasure q[2] -> c[0];\nmeasure q[0] -> c[1];\n" +
                "measure q[3] -> c[2];\nmeasure q[0] -> c[4];\n",
        )
        val shots = 16_000
        val counts = StateVectorSimulator(seed = 12).run(circuit, shots).clbitCounts
        counts.keys.toList() shouldContainExactly counts.keys.sorted()
        counts.keys.map { "${it[0]}${it[1]}${it[2]}" }.toSet() shouldBe
            (0 until 8).map { Integer.toBinaryString(8 + it).substring(1) }.toSet()
        for ((bits, count) in counts) {
            bits[4] shouldBe bits[1]
            "${bits[3]}${bits[5]}" shouldBe "00"
            shouldBeBinomial(count, shots, 1.0 / 8)
        }
        counts.values.sum() shouldBe shots
    }

    test("sampled rotation frequencies match analytic probabilities within 5 sigma") {
        val shots = 20_000
        for ((gate, p1) in listOf("rx(1.0)" to sin(0.5) * sin(0.5), "ry(2.2)" to sin(1.1) * sin(1.1), "u3(0.7,0.3,1.9)" to sin(0.35) * sin(0.35))) {
            val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[1];\ncreg c[1];\n$gate q[0];\nmeasure q[0] -> c[0];\n")
            val ones = StateVectorSimulator(seed = 11).run(circuit, shots).counts.getValue("c")["1"] ?: 0
            shouldBeBinomial(ones, shots, p1)
        }
    }

    test("teleportation with if conditionals reproduces the prepared state") {
        val theta = 1.2
        val source = QELIB_HEADER + """
            qreg q[3];
            creg c0[1];
            creg c1[1];
            creg c2[1];
            ry($theta) q[0];
            h q[1];
            cx q[1],q[2];
            barrier q;
            cx q[0],q[1];
            h q[0];
            measure q[0] -> c0[0];
            measure q[1] -> c1[0];
            if (c1==1) x q[2];
            if (c0==1) z q[2];
            measure q[2] -> c2[0];
        """.trimIndent()
        val circuit = OpenQasm.parse(source)
        circuit.hasMidCircuitMeasurement() shouldBe true
        val shots = 8000
        val result = StateVectorSimulator(seed = 5).run(circuit, shots)
        shouldBeBinomial(result.counts.getValue("c2")["1"] ?: 0, shots, sin(theta / 2) * sin(theta / 2))
        // The Bell-measurement outcomes themselves are uniform.
        shouldBeBinomial(result.counts.getValue("c0")["1"] ?: 0, shots, 0.5)
    }

    test("QASM 3 teleportation with bit conditions") {
        val source = """
            OPENQASM 3.0;
            include "stdgates.inc";
            input angle theta;
            qubit[3] q;
            bit[2] m;
            bit out;
            ry(theta) q[0];
            h q[1];
            cx q[1], q[2];
            cx q[0], q[1];
            h q[0];
            m[0] = measure q[0];
            m[1] = measure q[1];
            if (m[1] == 1) { x q[2]; }
            if (m[0]) z q[2];
            out = measure q[2];
        """.trimIndent()
        val theta = 2.0
        val circuit = OpenQasm.parse(source)
        val shots = 8000
        val result = StateVectorSimulator(seed = 9).run(circuit, shots, mapOf("theta" to theta))
        shouldBeBinomial(result.counts.getValue("out")["1"] ?: 0, shots, sin(theta / 2) * sin(theta / 2))
    }

    test("if compares the whole register value with c[0] as least significant bit") {
        val source = QELIB_HEADER + """
            qreg q[3];
            creg c[2];
            creg d[2];
            x q[1];
            measure q[0] -> c[0];
            measure q[1] -> c[1];
            if (c==2) x q[2];
            if (c==1) x q[0];
            measure q[2] -> d[0];
            measure q[0] -> d[1];
        """.trimIndent()
        StateVectorSimulator(seed = 1).run(OpenQasm.parse(source), 20).counts shouldBe
            mapOf("c" to mapOf("01" to 20), "d" to mapOf("10" to 20))
    }

    test("mid-circuit measurement collapses the state") {
        val source = QELIB_HEADER + "qreg q[2];\ncreg c[3];\nh q[0];\nmeasure q[0] -> c[0];\ncx q[0],q[1];\n" +
            "measure q[1] -> c[1];\nh q[0];\nmeasure q[0] -> c[2];\n"
        val circuit = OpenQasm.parse(source)
        circuit.hasMidCircuitMeasurement() shouldBe true
        val result = StateVectorSimulator(seed = 21).run(circuit, 4000)
        result.counts.getValue("c").keys.map { it.substring(0, 2) }.toSet() shouldBe setOf("00", "11")
        // After collapse q0 is a basis state, so a second Hadamard gives a fair coin, not interference back to 0.
        val thirdOnes = result.clbitCounts.filterKeys { it[2] == '1' }.values.sum()
        shouldBeBinomial(thirdOnes, 4000, 0.5)
    }

    test("reset returns a qubit to |0>") {
        val source = QELIB_HEADER + "qreg q[2];\ncreg c[2];\nx q[0];\nh q[1];\nreset q;\nmeasure q -> c;\n"
        val circuit = OpenQasm.parse(source)
        circuit.hasMidCircuitMeasurement() shouldBe true
        StateVectorSimulator(seed = 2).run(circuit, 200).counts shouldBe mapOf("c" to mapOf("00" to 200))
    }

    test("reset after entanglement leaves the partner qubit mixed") {
        val source = QELIB_HEADER + "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nreset q[0];\nmeasure q -> c;\n"
        val counts = StateVectorSimulator(seed = 4).run(OpenQasm.parse(source), 4000).counts.getValue("c")
        counts.keys shouldBe setOf("00", "01")
        shouldBeBinomial(counts.getValue("01"), 4000, 0.5)
    }

    test("terminal measurements do not count as mid-circuit") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[2];\ncreg c[2];\nmeasure q[0] -> c[0];\nh q[1];\nmeasure q[1] -> c[1];\n")
        circuit.hasMidCircuitMeasurement() shouldBe false
    }

    test("the same seed gives the same counts") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[3];\ncreg c[3];\nh q;\nmeasure q -> c;\n")
        val a = StateVectorSimulator(seed = 42).run(circuit, 1000)
        val b = StateVectorSimulator(seed = 42).run(circuit, 1000)
        a.counts shouldBe b.counts
        a.counts.getValue("c").size shouldBe 8
        val mid = OpenQasm.parse(QELIB_HEADER + "qreg q[2];\ncreg c[2];\nh q;\nmeasure q[0] -> c[0];\nif (c==1) x q[1];\nmeasure q[1] -> c[1];\n")
        StateVectorSimulator(seed = 8).run(mid, 500).counts shouldBe StateVectorSimulator(seed = 8).run(mid, 500).counts
    }

    test("shots must be at least 1") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[1];\n")
        shouldThrow<IllegalArgumentException> { StateVectorSimulator().run(circuit, 0) }.message shouldContain "shots"
    }

    test("circuits wider than the limit are rejected naming numQubits and the limit") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[20];\nqreg r[10];\n")
        circuit.numQubits shouldBe 30
        val error = shouldThrow<IllegalArgumentException> { StateVectorSimulator().run(circuit, 1) }
        error.message shouldContain "numQubits 30"
        error.message shouldContain "${StateVectorSimulator.MAX_QUBITS}"
    }

    test("a circuit without classical bits reports the empty bitstring") {
        val result = StateVectorSimulator(seed = 1).run(OpenQasm.parse(QELIB_HEADER + "qreg q[1];\nh q[0];\n"), 3)
        result.counts shouldBe emptyMap()
        result.clbitCounts shouldBe mapOf("" to 3)
    }

    test("negated and bare conditions") {
        val source = """
            OPENQASM 3;
            include "stdgates.inc";
            qubit[3] q;
            bit[2] c;
            bit[3] out;
            x q[0];
            c[0] = measure q[0];
            c[1] = measure q[1];
            if (c != 1) x q[2];
            if (!c[1]) x q[1];
            if (c) { x q[0]; }
            out = measure q;
        """.trimIndent()
        StateVectorSimulator(seed = 1).run(OpenQasm.parse(source), 10).counts.getValue("out") shouldBe mapOf("010" to 10)
    }

    test("per-shot simulation on a state large enough to use both cores") {
        // 17 qubits is above the parallel threshold; the mid-circuit measurement forces per-shot trajectories.
        val body = (1 until 17).joinToString("") { "cx q[0],q[$it];\n" }
        val source = QELIB_HEADER + "qreg q[17];\ncreg m[1];\ncreg c[17];\nh q[0];\nmeasure q[0] -> m[0];\n$body" +
            "if (m==1) x q[16];\nmeasure q -> c;\n"
        val result = StateVectorSimulator(seed = 6).run(OpenQasm.parse(source), 200)
        result.clbitCounts.keys shouldBe setOf("0" + "0".repeat(17), "1" + "1".repeat(16) + "0")
        shouldBeBinomial(result.counts.getValue("m")["1"] ?: 0, 200, 0.5)
    }
})
