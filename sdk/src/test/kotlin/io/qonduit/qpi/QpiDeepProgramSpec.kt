package io.qonduit.qpi

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.circuit.QasmLimitException
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.job.JobState
import kotlin.time.Duration.Companion.seconds

/** A program with parentheses nested 20 000 deep: refused at once here, failed (not hung) by the emulator. */
class QpiDeepProgramSpec : FunSpec({
    val qpi = QpiEmulatorFixture()
    afterSpec { qpi.close() }

    val deep = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nrx(" +
        "(".repeat(20_000) + "1" + ")".repeat(20_000) + ") q[0];\nmeasure q -> c;\n"

    test("createJob fails fast with a typed error carrying line and column") {
        val backend = qpi.client().backend(QpiEmulatorState.MOCK_QPU)
        val e = shouldThrow<QasmLimitException> { backend.createJob(deep, shots = 10) }
        e.line shouldBe 5
        e.column shouldBe 4 + 256
        e.message!! shouldContain "nesting deeper than 256 levels"
    }

    test("the emulator fails such a job with QPI's error shape instead of leaving it running") {
        val client = qpi.client()
        val id = client.submitJob(listOf(QpiCircuit(deep)), shots = 10, qpuTarget = QpiEmulatorState.MOCK_QPU)
        val job = client.job(id).wait(10.seconds)
        job.state shouldBe JobState.FAILED
        job.outputs.errorList().single().message shouldContain "line 5, column 260"
    }
})
