package io.qonduit.job

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.circuit.circuit
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.errors.QonduitException
import io.qonduit.oqc.OqcTesting
import io.qonduit.oqtant.OqtantClient
import io.qonduit.oqtant.becJob
import io.qonduit.program.Program
import io.qonduit.qpi.QpiClient
import io.qonduit.testing.Circuits
import io.qonduit.testing.ScriptedBackend
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withContext
import java.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** A distinct program per child, so every server job can be told apart. */
private fun flips(n: Int): List<Program> = List(n) { k ->
    circuit { val q = qreg("q", 3); val c = creg("c", 3); if (k % 2 == 1) x(q[0]); if (k % 3 == 1) x(q[1]); if (k % 5 == 1) x(q[2]); measure(q, c) }
}

private fun millisSince(started: Long) = (System.nanoTime() - started) / 1_000_000

/**
 * Nothing is submitted twice, nothing is orphaned, nothing outlives its deadline: the emulator
 * injects faults on the submit and status routes of QPI, OQC and Oqtant over real HTTP, and after
 * each scenario its job store holds exactly one job per logical submission.
 */
class LifecycleFaultsSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig.builder().seed(9).queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(20)).build())
    val noRetries = TransportConfig.builder().maxRetries(0).build()
    val qpi = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN), noRetries)
    val oqtant = OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN)).baseUrl(emulator.url("oqtant"))
        .pollInterval(Duration.ofMillis(10)).transportConfig(noRetries).build()
    val oqc = OqcTesting.sdk(emulator)
    afterSpec { qpi.close(); oqtant.close(); oqc.close(); emulator.close() }
    beforeTest { emulator.faults.clear() }

    test("QPI composite: a refused submission part-way keeps the ids already created and a retry sends only the rest") {
        val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
        val before = emulator.qpi.jobs().size
        emulator.faults.error("POST", "/qpi/api/jobs", 503, times = 2)
        val composite = CompositeJob(flips(6).map { mock.create(listOf(RunItem(it)), RunOptions.shots(16)) })
        shouldThrow<QonduitException> { composite.submit() }
        composite.jobs.count { it.taskId != null } shouldBe 4 // recorded the moment they were created
        composite.execute(20.seconds).raiseForError()
        emulator.qpi.jobs().size - before shouldBe 6
        emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 8 // 6 accepted + 2 refused, none repeated
    }

    test("QPI composite: lost replies (the server acted) are found, not sent again") {
        val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
        val before = emulator.qpi.jobs().size
        emulator.faults.loseReply("POST", "/qpi/api/jobs", times = 3)
        val composite = CompositeJob(flips(6).map { mock.create(listOf(RunItem(it)), RunOptions.shots(8)) })
        composite.execute(20.seconds).raiseForError()
        composite.jobs.map { it.taskId }.toSet() shouldHaveSize 6
        emulator.qpi.jobs().size - before shouldBe 6
        emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 6
    }

    test("a lost QPI reply stays findable behind many newer jobs (the lookup pages back to the submission's time)") {
        val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
        val before = emulator.qpi.jobs().size
        val programs = flips(8)
        val lost = mock.create(listOf(RunItem(programs[1])), RunOptions.shots(17))
        emulator.faults.loseReply("POST", "/qpi/api/jobs", times = 1) // the server creates the job, the reply is lost
        emulator.faults.error("GET", "/qpi/api/jobs", 503, times = 1) // and the immediate lookup fails
        shouldThrow<SubmissionUnknownException> { lost.submit() }
        emulator.faults.clear()
        repeat(60) { (mock.create(listOf(RunItem(programs[2 + it % 6])), RunOptions.shots(3))).submit() }
        lost.reconcile().taskId.shouldNotBeNull()
        lost.wait(20.seconds).outputs.items().single().shots shouldBe 17
        emulator.qpi.jobs().size - before shouldBe 61
    }

    test("a submission that times out is in doubt, then found once the server has created it: one job") {
        val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
        val before = emulator.qpi.jobs().size
        emulator.faults.latency("POST", "/qpi/api/jobs", java.time.Duration.ofMillis(1200), times = 1)
        val job = mock.createJob(Circuits.X0.toQasm3(), shots = 21)
        val started = System.nanoTime()
        val doubt = shouldThrow<SubmissionUnknownException> { job.submit(300.milliseconds) }
        millisSince(started) shouldBeLessThan 300L + 100
        doubt.message!! shouldContain "qpi"
        job.state shouldBe JobState.UNKNOWN_SUBMISSION
        job.submissionInDoubt.shouldNotBeNull()
        delay(1500)
        job.execute(10.seconds).items().single().counts("c") shouldBe mapOf("100" to 21L)
        emulator.qpi.jobs().size - before shouldBe 1
        emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 1
    }

    test("a job in doubt survives a snapshot and is reconciled after loading, never sent again") {
        val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
        emulator.faults.latency("POST", "/qpi/api/jobs", java.time.Duration.ofMillis(800), times = 1)
        val job = mock.createJob(Circuits.X0.toQasm3(), shots = 22)
        shouldThrow<SubmissionUnknownException> { job.submit(200.milliseconds) }
        val text = Snapshots.encode(job.toSnapshot())
        text shouldContain "UNKNOWN_SUBMISSION"
        delay(1000)
        val loaded = Job.fromSnapshot(Snapshots.decode(text) as JobSnapshot, mock)
        loaded.state shouldBe JobState.UNKNOWN_SUBMISSION
        loaded.reconcile().taskId.shouldNotBeNull()
        emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 1
    }

    test("Oqtant: a lost reply is found by name and runs, one job at the service") {
        val before = emulator.oqtant.jobIds().size
        emulator.faults.loseReply("POST", "/oqtant/users/*/jobs", times = 1)
        val job = oqtant.backend.createJob(becJob("lost reply ${System.nanoTime()}"))
        job.submit()
        job.taskId.shouldNotBeNull()
        emulator.oqtant.jobIds().size - before shouldBe 1
        emulator.faults.requests("/oqtant/users/*/jobs", "POST") shouldHaveSize 1
    }

    test("OQC composite over two QPUs: a group that fails keeps the other group's tasks; the retry submits only the rest") {
        oqc.open()
        val before = emulator.oqc.tasks().size
        emulator.faults.error("POST", "${OqcTesting.TOSHIKO_PATH}/tasks", 503, times = 1)
        val composite = oqc.createJob(listOf(Circuits.BELL, Circuits.X0), listOf(OqcTesting.LUCY, OqcTesting.TOSHIKO))
        shouldThrow<QonduitException> { composite.submit() }
        composite.jobs.filter { it.device == OqcTesting.LUCY }.all { it.taskId != null } shouldBe true
        composite.execute(20.seconds).raiseForError()
        emulator.oqc.tasks().size - before shouldBe 4
    }

    test("OQC batch whose submit reply is lost for good: the allocated ids are asked about, not sent blindly") {
        oqc.open()
        val before = emulator.oqc.tasks().size
        emulator.faults.loseReply("POST", "${OqcTesting.LUCY_PATH}/tasks/submit", times = 10)
        val composite = oqc.createJob(listOf(Circuits.BELL, Circuits.X0), listOf(OqcTesting.LUCY))
        shouldThrow<SubmissionUnknownException> { composite.submit() }.message!! shouldContain "allocated"
        emulator.faults.clear()
        composite.execute(20.seconds).raiseForError() // reconcile finds both tasks: they were submitted
        emulator.oqc.tasks().size - before shouldBe 2
        emulator.faults.requests("${OqcTesting.LUCY_PATH}/tasks/submit", "POST") shouldHaveSize 0
    }

    test("deadlines: a stalled status route cannot hold wait or execute past the timeout") {
        val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
        val job = mock.run(Circuits.X0.toQasm3(), shots = 5)
        emulator.faults.latency("GET", "/qpi/api/jobs/*", java.time.Duration.ofSeconds(30))
        var started = System.nanoTime()
        shouldThrow<JobTimeoutException> { job.wait(1.seconds) }
        millisSince(started) shouldBeLessThan 1000L + 100
        emulator.faults.latency("POST", "/qpi/api/jobs", java.time.Duration.ofSeconds(30))
        started = System.nanoTime()
        shouldThrow<SubmissionUnknownException> { mock.createJob(Circuits.BELL.toQasm3()).execute(2.seconds) }
        millisSince(started) shouldBeLessThan 2000L + 100
    }

    test("many callers on one job and on a composite: one provider task per run, each run with the inputs it was sent with") {
        val backend = ScriptedBackend(pollLatencyMillis = 2, batches = false)
        val job = Job(backend, JobInput(Circuits.BELL, "dev"))
        val composite = CompositeJob(listOf(job, Job(backend, JobInput(Circuits.X0, "dev"))))
        withContext(Dispatchers.Default) {
            (1..60).map { i ->
                async {
                    runCatching {
                        when (i % 6) {
                            0 -> job.execute(5.seconds)
                            1 -> job.submit()
                            2 -> job.cancelIfActive()
                            3 -> if (job.state.isTerminal) job.reconfigure(programs = listOf(if (i % 12 == 3) Circuits.X0 else Circuits.BELL)) else job
                            4 -> composite.execute(5.seconds)
                            else -> composite.refresh()
                        }
                    }
                }
            }.awaitAll()
            composite.execute(5.seconds)
        }
        // Every output records exactly what its task was submitted with, and no task was lost.
        (job.history.all() + composite.jobs[1].history.all()).forEach { output ->
            output.input shouldBe backend.submitted.getValue(output.taskId!!)
        }
        val followed = (composite.jobs.flatMap { j -> j.history.all().map { it.taskId } } + composite.jobs.map { it.taskId }).toSet()
        // A task no output mentions was cancelled (a cancelled run records no output): none is orphaned.
        (backend.submitted.keys - followed - backend.cancelled) shouldBe emptySet()
        backend.submitted.size shouldBe backend.submitCalls.get()
    }

    test("composite track() polls by itself and completes when every child is terminal") {
        val local = io.qonduit.local.LocalBackend(seed = 1)
        local.use {
            val composite = local.createJobs(listOf(Circuits.BELL, Circuits.X0), shots = 10)
            composite.submit()
            val seen = composite.track().toList()
            seen.last().isDone shouldBe true
            seen.first().done shouldBe 0
            composite.completed shouldBe true
        }
    }
})
