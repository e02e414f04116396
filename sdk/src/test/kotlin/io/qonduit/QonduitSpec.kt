package io.qonduit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.local.LocalBackend
import io.qonduit.qpi.QpiBackend
import io.qonduit.qpi.QpiEmulatorFixture
import io.qonduit.testing.Circuits
import kotlin.time.Duration.Companion.seconds

class QonduitSpec : FunSpec({
    test("with no account configured the default target is the embedded simulator") {
        val target = Qonduit.defaultTarget(emptyMap())
        target.shouldBeSameInstanceAs(Qonduit.local())
        target.run(Circuits.X0).execute(10.seconds).items().single().counts("c").keys shouldBe setOf("100")
        Qonduit.defaultTarget(mapOf(Qonduit.QPI_URL to "http://127.0.0.1:1")).shouldBeSameInstanceAs(Qonduit.local())
    }

    test("a configured QPI account becomes the default target") {
        QpiEmulatorFixture().use { qpi ->
            val env = mapOf(Qonduit.QPI_URL to qpi.url, Qonduit.QPI_API_TOKEN to QpiEmulatorState.DEMO_TOKEN, Qonduit.QPI_QPU to QpiEmulatorState.SIM_QPU)
            val target = Qonduit.defaultTarget(env).shouldBeInstanceOf<QpiBackend>()
            target.device shouldBe QpiEmulatorState.SIM_QPU
            target.numQubits shouldBe QpiEmulatorState.SIM_QPU_QUBITS
            // Cached per process and account: no new client, no new QPU lookup.
            qpi.emulator.faults.clearRequests()
            Qonduit.defaultTarget(env).shouldBeSameInstanceAs(target)
            qpi.emulator.faults.requests("/qpi/api/qpus/**") shouldBe emptyList()
            target.run(Circuits.X0).execute(10.seconds).items().single().counts("c").keys shouldBe setOf("100")
        }
    }
})
