package io.qonduit.job

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldBeSortedWith
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.backend.TaskReport
import io.qonduit.local.LocalBackend
import io.qonduit.testing.Circuits
import io.qonduit.testing.ScriptedBackend
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.flow.onEach
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

private fun jobsOn(backend: ScriptedBackend, n: Int): List<Job> = List(n) { Job(backend, JobInput(Circuits.BELL, "dev", tag = "child-$it")) }

/** A provider whose tasks stay queued until cancelled. */
private fun stuckBackend() = ScriptedBackend(listOf(TaskReport(JobState.QUEUED, "pending")), provider = "stuck")

class CompositeJobSpec : FunSpec({

    test("children of one backend are submitted in one batch call; two backends get one call each") {
        val backend = ScriptedBackend()
        val composite = CompositeJob(jobsOn(backend, 5))
        composite.execute(5.seconds)
        backend.submitAllCalls.get() shouldBe 1
        backend.submitCalls.get() shouldBe 0
        composite.jobs.map { it.taskId }.toSet().size shouldBe 5

        val a = ScriptedBackend()
        val b = ScriptedBackend(provider = "other")
        val mixed = CompositeJob(jobsOn(a, 2) + jobsOn(b, 3) + jobsOn(a, 1))
        mixed.submit()
        a.submitAllCalls.get() shouldBe 1
        b.submitAllCalls.get() shouldBe 1
        mixed.activeJobs.size shouldBe 6
        // Ids go back to the children in order, per backend.
        mixed.jobs.map { it.taskId } shouldContainExactly listOf("task-1", "task-2", "task-1", "task-2", "task-3", "task-3")
    }

    test("a batch of 20 000 children is submitted in one call, every child's lock taken and released") {
        // The locks used to nest one withLock per child: a StackOverflowError from about 2 000 children.
        val backend = ScriptedBackend()
        val composite = CompositeJob(jobsOn(backend, 20_000))
        composite.submit(30.seconds)
        backend.submitAllCalls.get() shouldBe 1
        composite.jobs.mapNotNull { it.taskId }.toSet().size shouldBe 20_000
        composite.jobs.first().refresh() // its lock was released: refreshing takes it again
    }

    test("polling is bounded by maxConcurrency") {
        val backend = ScriptedBackend(pollLatencyMillis = 20)
        val composite = CompositeJob(jobsOn(backend, 10), maxConcurrency = 3)
        composite.execute(10.seconds)
        backend.maxConcurrentPolls.get() shouldBe 3
        backend.pollCalls.get() shouldBe 30
        composite.completed shouldBe true

        shouldThrow<IllegalArgumentException> { CompositeJob(emptyList(), maxConcurrency = 0) }.message!! shouldContain "maxConcurrency"
    }

    test("progress emits counts per state and completes once every child is terminal") {
        val composite = CompositeJob(jobsOn(ScriptedBackend(), 4))
        val seen = coroutineScope {
            val subscribed = CompletableDeferred<Unit>()
            val collected = async { composite.progress.onEach { subscribed.complete(Unit) }.toList() }
            subscribed.await()
            composite.execute(5.seconds)
            collected.await()
        }
        seen.first() shouldBe Progress(mapOf(JobState.CREATED to 4))
        seen.last().isDone shouldBe true
        seen.last().count(JobState.COMPLETED) shouldBe 4
        seen.forEach { it.total shouldBe 4 }
        seen.map { it.done } shouldBeSortedWith naturalOrder()
        seen.any { it.count(JobState.QUEUED) > 0 } shouldBe true
        composite.currentProgress.done shouldBe 4

        // Already finished: one emission, then completion.
        composite.progress.toList() shouldBe listOf(Progress(mapOf(JobState.COMPLETED to 4)))
    }

    test("active, completed, failed, terminal and cancelled children with a mix of outcomes") {
        val good = ScriptedBackend()
        val bad = ScriptedBackend.failing(13, "qubit lost")
        val stuck = stuckBackend()
        val composite = CompositeJob(jobsOn(good, 3) + jobsOn(bad, 2) + jobsOn(stuck, 1))
        composite.submit()
        composite.activeJobs.size shouldBe 6
        composite.terminalJobs.shouldBeEmpty()

        repeat(3) { composite.refresh() }
        composite.completedJobs.map { it.backend }.toSet() shouldBe setOf(good)
        composite.completedJobs.size shouldBe 3
        composite.failedJobs.size shouldBe 2
        composite.activeJobs.map { it.backend } shouldContainExactly listOf(stuck)
        composite.terminalJobs.size shouldBe 5
        composite.completed shouldBe false

        composite.cancel()
        composite.cancelledJobs.map { it.backend } shouldContainExactly listOf(stuck)
        composite.activeJobs.shouldBeEmpty()
        composite.terminalJobs.size shouldBe 6
        good.cancelCalls.get() shouldBe 0
        bad.cancelCalls.get() shouldBe 0

        composite.outputs.size shouldBe 5 // a cancelled run has no output
        composite.outputs.errorList().map { it.code } shouldContainExactly listOf(13, 13)
        shouldThrow<JobFailedException> { composite.outputs.raiseForError() }.details shouldBe "qubit lost"
        composite.outputs.countsTable("c").skippedErrors shouldBe 2
    }

    test("execute again keeps completed children and re-runs only those that did not complete") {
        val backend = ScriptedBackend()
        val ok = jobsOn(backend, 2)
        val failing = Job(ScriptedBackend.failing(1, "boom"), JobInput(Circuits.BELL, "dev"))
        val composite = CompositeJob(ok + failing)
        composite.execute(5.seconds)
        val firstIds = ok.map { it.taskId }
        composite.execute(5.seconds)
        ok.map { it.taskId } shouldContainExactly firstIds
        backend.submitAllCalls.get() shouldBe 1
        ok.forEach { it.history.size shouldBe 1 }
        failing.history.size shouldBe 2
    }

    test("execute(rerunAll = true) resets every terminal child, submits them in one batch and keeps their history") {
        val backend = ScriptedBackend()
        val composite = CompositeJob(jobsOn(backend, 3))
        composite.execute(5.seconds)
        val firstIds = composite.jobs.map { it.taskId }
        composite.execute(5.seconds, rerunAll = true)

        backend.submitAllCalls.get() shouldBe 2
        composite.jobs.map { it.taskId }.toSet().intersect(firstIds.toSet()).shouldBeEmpty()
        composite.jobs.forEach { it.history.size shouldBe 2 }
        composite.outputs.size shouldBe 3
        composite.history.size shouldBe 6
        composite.history.map { it.taskId }.toSet() shouldBe (firstIds + composite.jobs.map { it.taskId }).toSet()
    }

    test("execute polls children already in flight and submits only the others") {
        val backend = ScriptedBackend()
        val inFlight = Job(backend, JobInput(Circuits.BELL, "dev")).submit()
        val fresh = Job(backend, JobInput(Circuits.BELL, "dev"))
        val composite = CompositeJob(listOf(inFlight, fresh))
        val before = inFlight.taskId
        composite.execute(5.seconds)
        inFlight.taskId shouldBe before
        backend.submitCalls.get() shouldBe 2 // the one fresh child goes alone
        backend.submitAllCalls.get() shouldBe 0
        composite.completedJobs.size shouldBe 2
    }

    test("cancel stops every child in flight; cancelIfActive leaves finished children alone") {
        LocalBackend(queuedDelay = java.time.Duration.ofSeconds(5)).use { slow ->
            val composite = slow.createJobs(listOf(Circuits.BELL, Circuits.X0, Circuits.BELL))
            composite.submit()
            composite.cancel()
            composite.cancelledJobs.size shouldBe 3
            composite.activeJobs.shouldBeEmpty()
            composite.cancel() // nothing in flight: nothing to do
            composite.cancelledJobs.size shouldBe 3
        }

        val done = ScriptedBackend()
        val stuck = stuckBackend()
        val composite = CompositeJob(jobsOn(done, 2) + jobsOn(stuck, 2))
        composite.submit()
        repeat(3) { composite.refresh() }
        composite.cancelIfActive()
        stuck.cancelCalls.get() shouldBe 2
        done.cancelCalls.get() shouldBe 0
        composite.completedJobs.size shouldBe 2
        composite.cancelledJobs.size shouldBe 2
    }

    test("a wait that runs out of time names the task ids still in flight; waiting again resumes") {
        val stuck = stuckBackend()
        val done = ScriptedBackend()
        val composite = CompositeJob(jobsOn(done, 1) + jobsOn(stuck, 2))
        composite.submit()
        val e = shouldThrow<JobTimeoutException> { composite.wait(100.milliseconds) }
        val stuckIds = composite.jobs.filter { it.backend === stuck }.map { it.taskId!! }
        e.operation shouldBe "waiting for"
        e.taskIds shouldContainExactlyInAnyOrder stuckIds
        e.lastStates shouldBe listOf(JobState.QUEUED, JobState.QUEUED)
        e.timeoutMillis shouldBe 100
        stuckIds.forEach { e.message!! shouldContain it }
        composite.completedJobs.size shouldBe 1

        shouldThrow<JobTimeoutException> { composite.execute(50.milliseconds) }.taskIds shouldContainExactlyInAnyOrder stuckIds
        stuck.submitAllCalls.get() shouldBe 1 // execute joined the children in flight
        composite.cancel()
        composite.wait(1.seconds).activeJobs.shouldBeEmpty()
    }

    test("outputs, history and counts tables span the children, in child order") {
        val local = LocalBackend(seed = 5)
        local.use {
            val composite = CompositeJob(listOf(local.createJob(Circuits.X0, shots = 10), local.createJob(Circuits.X0, shots = 20), local.createJob(Circuits.X0, shots = 30)))
            composite.execute(5.seconds)
            val table = composite.outputs.countsTable("c")
            table.rows shouldBe 3
            table.bitstrings shouldBe listOf("100")
            table.column("100").toList() shouldBe listOf(10L, 20L, 30L)
            composite.outputs.like("1**", "c").columns shouldBe 1
            composite.outputs.countsTable("c", Endianness.LITTLE).bitstrings shouldBe listOf("001")

            composite.execute(5.seconds, rerunAll = true)
            composite.history.countsTable("c").column("100").toList() shouldBe listOf(10L, 10L, 20L, 20L, 30L, 30L)
            composite.outputs.size shouldBe 3
        }
    }

    test("an empty composite runs, waits, cancels and reports progress without doing anything") {
        val empty = CompositeJob(emptyList())
        empty.execute(1.seconds).isEmpty() shouldBe true
        empty.submit()
        empty.wait(null)
        empty.cancel()
        empty.cancelIfActive()
        empty.completed shouldBe true
        empty.history.isEmpty() shouldBe true
        empty.progress.toList() shouldBe listOf(Progress(emptyMap()))
        empty.currentProgress.isDone shouldBe true
        Snapshots.encode(empty.toSnapshot()) shouldContain "\"jobs\": []"
        empty.toString() shouldNotBe ""
    }
})
