package io.qonduit.job

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.QonduitException
import io.kotest.matchers.shouldBe
import io.qonduit.circuit.circuit
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.oqtopus.OqtopusClient
import io.qonduit.oqtopus.OqtopusConfig
import io.qonduit.oqtopus.OqtopusPolling
import io.qonduit.qpi.QpiClient
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

/** X on qubit 0 of two: the only right counts are `{"10": shots}`. */
private val FLIP_FIRST = circuit { val q = qreg("q", 2); val c = creg("c", 2); x(q[0]); measure(q, c) }

/**
 * A 2xx reply whose body is garbage (the emulator's `corrupt garbage` fault) over real HTTP: on a
 * submission the server acted, so the job is in doubt and looked up, never sent again; on a status
 * poll it is a failed read, never a result.
 */
class CorruptReplySpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig.builder().seed(4).queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(20)).build())
    val transport = TransportConfig.builder().retryDelays(Duration.ofMillis(5), Duration.ofMillis(20)).build()
    val qpi = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN), transport)
    val oqtopus = OqtopusClient.builder(OqtopusConfig.of(emulator.url("oqtopus"), Secret.of(OqtopusEmulatorState.DEMO_TOKEN))).transport(transport).build()
    val polling = OqtopusPolling(Duration.ofMillis(20), 1.5, Duration.ofMillis(200), Duration.ofSeconds(30))
    afterSpec { qpi.close(); oqtopus.close(); emulator.close() }
    beforeTest { emulator.faults.clear() }

    test("QPI: a garbage reply to the submission is a submission in doubt, found by lookup: one server job") {
        val before = emulator.qpi.jobs().size
        emulator.faults.corruptBody("POST", "/qpi/api/jobs", times = 1)
        val job = qpi.backend(QpiEmulatorState.MOCK_QPU).create(listOf(RunItem(FLIP_FIRST)), RunOptions.shots(20)) as Job
        runCatching { job.execute(20.seconds) }
        if (job.state != JobState.COMPLETED) { job.reconcile(); job.execute(20.seconds) }
        job.result!!.item.counts("c") shouldBe mapOf("10" to 20L)
        emulator.qpi.jobs().size - before shouldBe 1
        emulator.faults.requests("/qpi/api/jobs", "POST").size shouldBe 1
    }

    test("QPI: a few garbage replies to status polls are polled past, never taken for a result") {
        emulator.faults.corruptBody("GET", "/qpi/api/jobs/*", times = 3)
        val job = qpi.backend(QpiEmulatorState.MOCK_QPU).create(listOf(RunItem(FLIP_FIRST)), RunOptions.shots(20)) as Job
        job.execute(20.seconds)
        job.result!!.item.counts("c") shouldBe mapOf("10" to 20L)
        emulator.faults.rules.single().applied shouldBe 3
    }

    test("QPI composite: garbage status answers for some children do not fail the composite's wait") {
        emulator.faults.corruptBody("GET", "/qpi/api/jobs/*", times = 4)
        val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
        val composite = CompositeJob(List(5) { mock.create(listOf(RunItem(FLIP_FIRST)), RunOptions.shots(10 + it)) })
        composite.execute(20.seconds)
        composite.jobs.mapIndexed { i, job -> job.result!!.item.counts("c") shouldBe mapOf("10" to 10L + i) }
        emulator.faults.rules.single().applied shouldBe 4
    }

    test("QPI: a provider that keeps answering garbage fails the wait with a typed error, the job keeping its task") {
        emulator.faults.corruptBody("GET", "/qpi/api/jobs/*")
        val job = qpi.backend(QpiEmulatorState.MOCK_QPU).create(listOf(RunItem(FLIP_FIRST)), RunOptions.shots(20)) as Job
        shouldThrow<QonduitException> { job.execute(20.seconds) }.message shouldContain "unexpected response body (HTTP 200)"
        job.taskId shouldNotBe null
        job.result shouldBe null
        emulator.faults.clearRules()
        job.execute(20.seconds)
        job.result!!.item.counts("c") shouldBe mapOf("10" to 20L)
    }

    test("OQTOPUS: a garbage reply to the submit call leaves one submitted job, followed by the client") {
        val before = emulator.oqtopus.jobIds().size
        emulator.faults.corruptBody("POST", "/oqtopus/jobs/*/submit", times = 1)
        val job = oqtopus.target(OqtopusEmulatorState.SVSIM, polling).create(listOf(RunItem(FLIP_FIRST)), RunOptions.shots(20)) as Job
        runCatching { job.execute(20.seconds) }
        if (job.state != JobState.COMPLETED) { job.reconcile(); job.execute(20.seconds) }
        job.result!!.item.counts("c") shouldBe mapOf("10" to 20L)
        val submitted = emulator.oqtopus.jobIds().drop(before).filter { emulator.oqtopus.status(it) != "registered" }
        submitted shouldBe listOf(job.taskId)
    }

    test("OQTOPUS: garbage replies to status polls are polled past, never taken for a result") {
        emulator.faults.corruptBody("GET", "/oqtopus/jobs/**", times = 2)
        val job = oqtopus.target(OqtopusEmulatorState.SVSIM, polling).create(listOf(RunItem(FLIP_FIRST)), RunOptions.shots(20)) as Job
        job.execute(20.seconds)
        job.result!!.item.counts("c") shouldBe mapOf("10" to 20L)
        emulator.faults.rules.single().applied shouldBe 2
    }
})
