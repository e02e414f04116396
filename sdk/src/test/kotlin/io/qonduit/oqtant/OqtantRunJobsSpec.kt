package io.qonduit.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.qonduit.oqtant.model.JobStatus
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.util.concurrent.CopyOnWriteArrayList

class OqtantRunJobsSpec : FunSpec({
    test("runJobs with more than 30 jobs submits in chunks of 30, each after the previous chunk finished") {
        OqtantTestEnv(queued = 1, running = 1).use { env ->
            val jobs = (1..32).map { becJob("chunk-$it") }
            val ids = env.client.runJobs(jobs)
            ids shouldHaveSize 32
            val log = env.emulator.faults.requests
            val posts = log.withIndex().filter { it.value.method == "POST" }
            posts shouldHaveSize 32
            val firstChunkIds = ids.take(30)
            // The 31st POST comes only after every job of the first chunk was polled...
            val thirtyFirst = posts[30].index
            firstChunkIds.forEach { id ->
                log.take(thirtyFirst).any { it.method == "GET" && it.path.endsWith("/jobs/$id") } shouldBe true
            }
            // ...and found finished: each first-chunk job completed before any second-chunk job was submitted.
            val listed = env.client.searchJobs(OqtantSearch(name = "chunk-")).associateBy { it.externalId }
            val firstDone = firstChunkIds.map { listed.getValue(it).timeCompleteInstant!! }.max()
            val secondSubmitted = ids.drop(30).map { listed.getValue(it).timeSubmitInstant!! }.min()
            (firstDone <= secondSubmitted) shouldBe true
            // The last chunk was not tracked.
            ids.drop(30).forEach { id -> log.count { it.method == "GET" && it.path.endsWith("/jobs/$id") } shouldBe 0 }
        }
    }

    test("runJobs with track waits for completion, reports status changes and fills the active jobs") {
        OqtantTestEnv(queued = 60, running = 60).use { env ->
            val changes = CopyOnWriteArrayList<Pair<String, JobStatus>>()
            val ids = env.client.runJobs(listOf(becJob("t1"), becJob("t2")), track = true, listener = { changes += it.externalId!! to it.status })
            ids.forEach { id ->
                val seen = changes.filter { it.first == id }.map { it.second }
                seen.last() shouldBe JobStatus.COMPLETE
                seen.distinct() shouldBe seen
            }
            changes.map { it.second } shouldContainExactly changes.map { it.second }.filter { it in setOf(JobStatus.PENDING, JobStatus.RUNNING, JobStatus.COMPLETE) }
            env.client.activeJobs.map { it.externalId } shouldContainExactly ids
            env.client.activeJobs.map { it.status } shouldContainExactly listOf(JobStatus.COMPLETE, JobStatus.COMPLETE)
        }
    }

    test("tracking stops on CANCELLED (the Python client would poll forever) and on FAILED/INCOMPLETE") {
        OqtantTestEnv(queued = 5_000).use { env ->
            val id = env.client.submitJob(becJob("to-cancel")).jobId
            val tracked = coroutineScope {
                val tracking = async { env.client.trackJobs(listOf(id)) }
                delay(50)
                env.client.cancelJob(id)
                tracking.await()
            }
            tracked.single().status shouldBe JobStatus.CANCELLED

            // runJobs(track = true) returns too once its only job is cancelled.
            val ids = coroutineScope {
                val running = async { env.client.runJobs(listOf(becJob("run-then-cancel")), track = true) }
                while (env.client.activeJobs.none { it.name == "run-then-cancel" }) delay(10)
                env.client.cancelJob(env.client.activeJobs.single { it.name == "run-then-cancel" }.externalId!!)
                withTimeout(10_000) { running.await() }
            }
            env.client.getJob(ids.single()).status shouldBe JobStatus.CANCELLED
            env.client.activeJobs.single { it.externalId == ids.single() }.status shouldBe JobStatus.CANCELLED
        }
        OqtantTestEnv().use { env ->
            env.emulator.oqtant.failNextJob("FAILED")
            env.emulator.oqtant.failNextJob("INCOMPLETE")
            val failed = env.client.submitJob(becJob("fails")).jobId
            val incomplete = env.client.submitJob(becJob("incomplete")).jobId
            env.client.trackJobs(listOf(failed, incomplete)).map { it.status } shouldContainExactly listOf(JobStatus.FAILED, JobStatus.INCOMPLETE)
        }
    }

    test("seeActiveJobs refreshes only pending and running jobs; load from ids fills the registry") {
        OqtantTestEnv(queued = 30, running = 30).use { env ->
            val ids = env.client.runJobs(listOf(becJob("a"), becJob("b")))
            env.client.activeJobs.map { it.status } shouldContainExactly listOf(JobStatus.PENDING, JobStatus.PENDING)
            env.client.trackJobs(ids)
            env.emulator.faults.clearRequests()
            env.client.seeActiveJobs().map { it.status } shouldContainExactly listOf(JobStatus.COMPLETE, JobStatus.COMPLETE)
            env.emulator.faults.requests shouldHaveSize 0 // all terminal: nothing to refresh

            env.client(io.qonduit.emulator.oqtant.OqtantEmulatorState.DEMO_TOKEN).use { fresh ->
                fresh.activeJobs shouldHaveSize 0
                fresh.loadJobFromIdList(ids).map { it.externalId } shouldContainExactly ids
                fresh.loadJobFromId(ids[0], run = 1).status shouldBe JobStatus.COMPLETE
                fresh.activeJobs.map { it.externalId } shouldContainExactly ids
            }
        }
    }

    test("the submit window of tracking is bounded by the poll interval, not busy polling") {
        OqtantTestEnv(queued = 200, running = 100).use { env ->
            val id = env.client.submitJob(becJob("cadence")).jobId
            env.emulator.faults.clearRequests()
            env.client.trackJobs(listOf(id))
            env.emulator.faults.requests.size shouldBeLessThan 60 // 300 ms at a 10 ms interval, plus request time
        }
    }
})
