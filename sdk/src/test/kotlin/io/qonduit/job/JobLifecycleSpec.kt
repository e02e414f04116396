package io.qonduit.job

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.doubles.plusOrMinus
import io.qonduit.backend.ResultData
import io.qonduit.backend.TaskReport
import io.qonduit.local.LocalBackend
import io.qonduit.testing.Circuits
import io.qonduit.testing.ScriptedBackend
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Duration as JavaDuration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class JobLifecycleSpec : FunSpec({
    val local = LocalBackend(seed = 7)
    afterSpec { local.close() }

    test("execute runs a Bell circuit through queued, running, completed and returns its counts") {
        // Phases of half a second and a second, not the default 20 ms: on a loaded machine the
        // poller can otherwise step over RUNNING entirely (seen with other builds on both cores).
        LocalBackend(seed = 7, queuedDelay = java.time.Duration.ofMillis(500), runningDelay = java.time.Duration.ofSeconds(1)).use { slow ->
            val job = slow.createJob(Circuits.BELL, shots = 2000)
            val seen = mutableListOf<JobState>()
            coroutineScope {
                val watcher = launch(Dispatchers.Unconfined) { job.states.collect { seen += it } }
                val outputs = job.execute(10.seconds)
                watcher.cancel()
                val counts = outputs.raiseForError().resultList().single().counts("c")
                counts.keys shouldBe setOf("00", "11")
                counts.values.sum() shouldBe 2000
                counts.getValue("00").toDouble() / 2000 shouldBe (0.5 plusOrMinus 0.05)
            }
            job.state shouldBe JobState.COMPLETED
            job.completed shouldBe true
            job.rawStatus shouldBe "COMPLETED"
            seen.first() shouldBe JobState.CREATED
            seen shouldContain JobState.QUEUED
            seen shouldContain JobState.RUNNING
            seen.last() shouldBe JobState.COMPLETED
        }
    }

    test("counts keys are big-endian: c[0] is the leftmost character") {
        val counts = local.createJob(Circuits.X0, shots = 10).execute(10.seconds).resultList().single().counts("c")
        counts shouldBe mapOf("100" to 10L)
    }

    test("submit refuses a job that is already submitted") {
        val job = local.createJob(Circuits.BELL).submit()
        job.taskId.shouldNotBeNull()
        shouldThrow<IllegalStateException> { job.submit() }.message shouldContain "already submitted"
        job.wait(10.seconds).state shouldBe JobState.COMPLETED
    }

    test("execute on a finished job resets it, runs again and keeps the earlier output in history") {
        val job = local.createJob(Circuits.BELL, shots = 100)
        job.execute(10.seconds)
        val firstTask = job.taskId
        job.execute(10.seconds)
        job.taskId shouldNotBe firstTask
        job.history.size shouldBe 2
        job.history.all().map { it.taskId } shouldContainExactly listOf(firstTask, job.taskId)
        job.outputs.size shouldBe 1
        job.outputs.latest!!.taskId shouldBe job.taskId
    }

    test("execute resumes polling a job already in flight instead of submitting again") {
        val backend = ScriptedBackend()
        val job = Job(backend, JobInput(Circuits.BELL, "d")).submit()
        job.execute(5.seconds)
        backend.submitCalls.get() shouldBe 1
        job.completed shouldBe true
    }

    test("wait times out with a typed error naming the task, and the job can be resumed") {
        val slow = LocalBackend(queuedDelay = JavaDuration.ofMillis(600))
        try {
            val job = slow.createJob(Circuits.BELL).submit()
            val e = shouldThrow<JobTimeoutException> { job.wait(100.milliseconds) }
            e.taskIds shouldBe listOf(job.taskId)
            e.lastStates shouldBe listOf(JobState.QUEUED)
            e.message shouldContain "go on at the provider"
            job.wait(10.seconds).state shouldBe JobState.COMPLETED
        } finally {
            slow.close()
        }
    }

    test("cancel stops a queued job; cancelling again is refused; cancelIfActive is a no-op") {
        val slow = LocalBackend(queuedDelay = JavaDuration.ofSeconds(5))
        try {
            val job = slow.createJob(Circuits.BELL).submit()
            job.cancel().state shouldBe JobState.CANCELLED
            job.outputs.isEmpty() shouldBe true
            shouldThrow<IllegalStateException> { job.cancel() }.message shouldContain "CANCELLED"
            job.cancelIfActive().state shouldBe JobState.CANCELLED
            shouldThrow<IllegalStateException> { slow.createJob(Circuits.BELL).cancel() }.message shouldContain "never submitted"
            slow.createJob(Circuits.BELL).cancelIfActive().state shouldBe JobState.CREATED
        } finally {
            slow.close()
        }
    }

    test("a program that does not parse fails the job with the error position; raiseForStatus throws it") {
        val job = local.createJob(Circuits.BROKEN)
        val outputs = job.execute(10.seconds)
        job.state shouldBe JobState.FAILED
        val error = outputs.errorList().single()
        error.message shouldContain "line 5"
        shouldThrow<JobFailedException> { job.raiseForStatus() }.details shouldContain "foo"
        shouldThrow<JobFailedException> { outputs.raiseForError() }
        local.createJob(Circuits.BELL).execute(10.seconds).raiseForError().size shouldBe 1
    }

    test("reconfigure takes a memento's inputs with overrides, resets to CREATED and keeps history") {
        val job = local.createJob(Circuits.BELL, shots = 10, tag = "first")
        job.execute(10.seconds)
        val memento = job.history.latest!!
        job.reconfigure(memento, programs = listOf(Circuits.X0), tag = "second")
        job.state shouldBe JobState.CREATED
        job.taskId.shouldBeNull()
        job.result.shouldBeNull()
        job.tag shouldBe "second"
        job.programs shouldBe listOf(Circuits.X0)
        job.options.shots shouldBe 10
        job.execute(10.seconds).resultList().single().counts("c") shouldBe mapOf("100" to 10L)
        job.history.size shouldBe 2
        job.reconfigure(options = RunOptions.shots(20)).execute(10.seconds).resultList().single().counts("c").values.sum() shouldBe 20
    }

    test("diagnostics are fetched on terminal states when asked for, and their failure never affects the result") {
        val job = local.createJob(Circuits.BELL, fetchDiagnostics = true)
        job.execute(10.seconds)
        job.timings.shouldNotBeNull().keys shouldContain "FINISHED"
        job.metadata.shouldNotBeNull()["backend"] shouldBe JsonPrimitive("local")

        val broken = ScriptedBackend().apply { failDiagnostics = true }
        val other = Job(broken, JobInput(Circuits.BELL, "d"), fetchDiagnostics = true)
        other.execute(5.seconds).resultList().single().counts("c") shouldBe mapOf("00" to 3L, "11" to 5L)
        broken.diagnosticsCalls.get() shouldBe 1
        other.diagnostics.shouldBeNull()

        val plain = ScriptedBackend()
        Job(plain, JobInput(Circuits.BELL, "d")).execute(5.seconds)
        plain.diagnosticsCalls.get() shouldBe 0
    }

    test("a provider status it cannot map keeps the previous state and polling goes on") {
        val backend = ScriptedBackend(
            listOf(
                TaskReport(JobState.RUNNING, "RUNNING"),
                TaskReport(null, "UNKNOWN"),
                TaskReport(JobState.COMPLETED, "COMPLETED"), // result not there yet
                TaskReport(JobState.COMPLETED, "COMPLETED", result = ScriptedBackend.counts(mapOf("c" to mapOf("1" to 1L)))),
            ),
        )
        val job = Job(backend, JobInput(Circuits.BELL, "d")).submit()
        job.refresh().state shouldBe JobState.RUNNING
        job.refresh().state shouldBe JobState.RUNNING
        job.rawStatus shouldBe "UNKNOWN"
        job.refresh().state shouldBe JobState.RUNNING
        job.refresh().state shouldBe JobState.COMPLETED
        job.result.shouldNotBeNull().counts("c") shouldBe mapOf("1" to 1L)
    }

    test("concurrent execute, refresh and wait on one fresh job submit it exactly once and record one output") {
        val backend = ScriptedBackend(pollLatencyMillis = 5)
        val job = Job(backend, JobInput(Circuits.BELL, "d"))
        withContext(Dispatchers.Default) {
            // UNDISPATCHED: every caller has reached the job before the first submission finishes.
            (1..30).map { i ->
                async(start = CoroutineStart.UNDISPATCHED) {
                    when (i % 3) {
                        0 -> job.execute(5.seconds)
                        1 -> job.refresh()
                        else -> runCatching { job.wait(5.seconds) }
                    }
                }
            }.awaitAll()
            job.wait(5.seconds)
        }
        backend.submitCalls.get() shouldBe 1
        job.history.size shouldBe 1
        job.completed shouldBe true
    }

    test("concurrent submits: exactly one wins, the others are refused") {
        val backend = ScriptedBackend()
        val job = Job(backend, JobInput(Circuits.BELL, "d"))
        val outcomes = withContext(Dispatchers.Default) {
            (1..20).map { async { runCatching { job.submit() } } }.awaitAll()
        }
        outcomes.count { it.isSuccess } shouldBe 1
        outcomes.mapNotNull { it.exceptionOrNull() }.forEach { it.shouldBeInstanceOf<IllegalStateException>() }
        backend.submitCalls.get() shouldBe 1
    }

    test("track polls with the cadence, emits each change and ends on a terminal state") {
        val job = Job(ScriptedBackend(), JobInput(Circuits.BELL, "d")).submit()
        val statuses = job.track(PollCadence.ofMillis(1)).toList()
        // The first status is the submission itself; each later one is a change the provider reported.
        statuses.map { it.state to it.rawStatus } shouldContainExactly listOf(
            JobState.QUEUED to null,
            JobState.QUEUED to "pending",
            JobState.RUNNING to "running",
            JobState.COMPLETED to "completed",
        )
        statuses.last().taskId shouldBe job.taskId
    }

    test("cancelling the collector of track stops polling") {
        val backend = ScriptedBackend(listOf(TaskReport(JobState.RUNNING, "running")))
        val job = Job(backend, JobInput(Circuits.BELL, "d")).submit()
        coroutineScope {
            val collector = launch { job.track(PollCadence.ofMillis(5)).collect() }
            delay(100)
            collector.cancel()
        }
        val polls = backend.pollCalls.get()
        (polls > 3) shouldBe true
        delay(100)
        backend.pollCalls.get() shouldBe polls
    }

    test("track on a fresh job waits for its submission") {
        val job = Job(ScriptedBackend(), JobInput(Circuits.BELL, "d"))
        coroutineScope {
            val tracked = async { job.track(PollCadence.ofMillis(1)).take(1).toList() }
            delay(50)
            tracked.isCompleted shouldBe false
            job.submit()
            tracked.await().single().state shouldBe JobState.QUEUED
        }
    }

    test("the JobError of a failed provider task carries code and message") {
        val job = Job(ScriptedBackend.failing(42, "qubit 3 is offline"), JobInput(Circuits.BELL, "d"))
        val error = job.execute(5.seconds).errorList().single()
        error.code shouldBe 42
        error.message shouldBe "qubit 3 is offline"
        job.error.shouldNotBeNull().shouldBeInstanceOf<JobError>()
        val e = shouldThrow<JobFailedException> { job.raiseForStatus() }
        e.code shouldBe 42
        e.message shouldContain "qubit 3 is offline"
    }
})
