package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.errors.QonduitException
import io.qonduit.errors.ValidationException
import io.qonduit.job.Job
import io.qonduit.job.JobState
import io.qonduit.job.Snapshots
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.TimeOfFlightOutput
import io.qonduit.local.LocalBackend
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import java.nio.file.Files
import kotlin.time.Duration.Companion.seconds

class OqtantBackendSpec : FunSpec({
    val env = OqtantTestEnv(queued = 40, running = 40)
    afterSpec { env.close() }
    val client = env.client

    test("status mapping") {
        JobStatus.entries.associateWith { OqtantBackend.stateOf(it) } shouldBe mapOf(
            JobStatus.PENDING to JobState.QUEUED,
            JobStatus.RUNNING to JobState.RUNNING,
            JobStatus.COMPLETE to JobState.COMPLETED,
            JobStatus.FAILED to JobState.FAILED,
            JobStatus.CANCELLED to JobState.CANCELLED,
            JobStatus.INCOMPLETE to JobState.FAILED,
        )
    }

    test("an Oqtant job runs as a Qonduit Job: tracked states, result without counts, typed outputs") {
        val job = client.createJob(becJob("as-job"), tag = "bec")
        job.backend.provider shouldBe "oqtant"
        job.device shouldBe OqtantBackend.DEVICE
        job.submit()
        val states = job.track().map { it.state }.toList()
        states.first() shouldBe JobState.QUEUED
        states.last() shouldBe JobState.COMPLETED
        // Statuses repeat a state when only the provider's raw status changed; states never go back.
        states shouldBe states.sortedBy { it.ordinal }
        val result = job.result.shouldNotBeNull()
        result.item.counts shouldBe emptyMap()
        result.oqtantJob().externalId shouldBe job.taskId
        result.oqtantOutputs().single().values.shouldBeInstanceOf<TimeOfFlightOutput>().tofImage.columns shouldBe 100
    }

    test("multi-run results hold every run's output, in run order") {
        val base = barrierJob("two-runs")
        val job = client.createJob(base.copy(inputs = listOf(base.inputs[0], base.inputs[0].copy(run = 2))))
        job.execute(20.seconds)
        val outputs = job.result!!.oqtantOutputs()
        outputs shouldHaveSize 2
        outputs.forEach { it.values.shouldBeInstanceOf<InTrapOutput>().itPlot.rows shouldBe 148 }
    }

    test("FAILED and INCOMPLETE become FAILED with the provider's status; cancel becomes CANCELLED") {
        env.emulator.oqtant.failNextJob("INCOMPLETE")
        val base = becJob("incomplete")
        val incomplete = client.createJob(base.copy(inputs = listOf(base.inputs[0], base.inputs[0].copy(run = 2))))
        incomplete.execute(20.seconds)
        incomplete.state shouldBe JobState.FAILED
        incomplete.rawStatus shouldBe "INCOMPLETE"
        incomplete.error!!.message shouldContain "failed runs: 2"

        OqtantTestEnv(queued = 5_000).use { slow ->
            val job = slow.client.createJob(becJob("cancel"))
            job.submit()
            job.cancel()
            job.state shouldBe JobState.CANCELLED
        }
    }

    test("the track() flow of an Oqtant job ends when the job is cancelled elsewhere (the Python client would poll forever)") {
        OqtantTestEnv(queued = 5_000).use { slow ->
            val job = slow.client.createJob(becJob("cancelled elsewhere"))
            job.submit()
            val states = coroutineScope {
                val tracking = async { job.track().map { it.state }.toList() }
                delay(50)
                slow.client.cancelJob(job.taskId!!) // not job.cancel(): only the polls can see it
                withTimeout(10.seconds) { tracking.await() }
            }
            states.first() shouldBe JobState.QUEUED
            states.last() shouldBe JobState.CANCELLED
            job.rawStatus shouldBe "CANCELLED"
        }
    }

    test("composite execution and diagnostics") {
        val composite = client.createJobs(listOf(becJob("c1"), becJob("c2"), becJob("c3")))
        composite.execute(30.seconds)
        composite.completedJobs shouldHaveSize 3
        val withDiagnostics = Job(client.backend, client.createJob(becJob("diag")).input, fetchDiagnostics = true)
        withDiagnostics.execute(20.seconds)
        withDiagnostics.timings!!.keys shouldBe setOf("time_submit", "time_start", "time_complete")
    }

    test("snapshots: a finished and an in-flight Oqtant job save and load, without the token") {
        val dir = tempdir().toPath()
        val done = client.createJob(becJob("snap-done"))
        done.execute(20.seconds)
        done.save(dir.resolve("done.json"))
        Files.readString(dir.resolve("done.json")) shouldNotContain OqtantEmulatorState.DEMO_TOKEN
        val loaded = Job.load(dir.resolve("done.json"), client.backend)
        loaded.state shouldBe JobState.COMPLETED
        loaded.result!!.oqtantJob() shouldBe done.result!!.oqtantJob()

        val flying = client.createJob(becJob("snap-flying"))
        flying.submit()
        flying.save(dir.resolve("flying.json"))
        val resumed = Snapshots.load(dir.resolve("flying.json"), client.backend).shouldBeInstanceOf<Job>()
        resumed.taskId shouldBe flying.taskId
        resumed.wait(20.seconds)
        resumed.state shouldBe JobState.COMPLETED
    }

    test("attach to an existing id; invalid jobs fail before submission; foreign results are rejected") {
        val id = client.submitJob(becJob("attach")).jobId
        val attached = client.job(id)
        attached.wait(20.seconds)
        attached.result!!.oqtantJob().externalId shouldBe id

        val bad = becJob("x".repeat(60))
        shouldThrow<ValidationException> { client.createJob(bad) }.violations.single().field shouldBe "name"
        LocalBackend().use { local ->
            val result = local.createJob(io.qonduit.testing.Circuits.X0).execute(10.seconds).resultList().single()
            shouldThrow<QonduitException> { result.oqtantJob() }.message!! shouldContain "not an Oqtant job"
        }
    }
})
