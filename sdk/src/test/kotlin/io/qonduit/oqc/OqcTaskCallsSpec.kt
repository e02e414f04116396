package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.OqcTesting.LUCY
import io.qonduit.oqc.OqcTesting.LUCY_PATH
import io.qonduit.oqc.OqcTesting.TOSHIKO
import io.qonduit.oqc.OqcTesting.TOSHIKO_PATH
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.wire.OqcTaskStatus
import io.qonduit.testing.Circuits
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlin.time.Duration.Companion.seconds

class OqcTaskCallsSpec : FunSpec({
    val emulator = OqcTesting.emulator()
    val sdk = OqcTesting.sdk(emulator)
    afterSpec {
        sdk.close()
        emulator.close()
    }
    beforeTest { emulator.faults.clear() }

    test("a completed task by id: status, results, error, all-info, timings, metrics, metadata on its QPU's URL") {
        val config = CompilerConfig.builder().shots(40).build()
        val job = sdk.createJob(Circuits.BELL, TOSHIKO, config, tag = "by-id")
        job.execute(10.seconds).raiseForError()
        val id = job.taskId!!
        emulator.faults.clearRequests()

        sdk.tasks.status(id, TOSHIKO).taskStatus shouldBe OqcTaskStatus.COMPLETED
        val results = sdk.tasks.results(id, TOSHIKO)
        results.isReady shouldBe true
        results.counts()!!["c"]!!.values.sum() shouldBe 40L
        sdk.tasks.error(id, TOSHIKO).taskError shouldBe null
        sdk.tasks.allInfo(id, TOSHIKO).counts() shouldBe results.counts()
        sdk.tasks.timings(id, TOSHIKO).instants().keys shouldHaveSize 7
        sdk.tasks.metrics(id, TOSHIKO).optimizedInstructionCount shouldBe 4L
        val metadata = sdk.tasks.metadata(id, TOSHIKO).metadata
        metadata.compilerConfig() shouldBe config
        metadata.tag shouldBe "by-id"
        metadata.createdAtInstant() shouldNotBe null

        val paths = emulator.faults.requests.map { it.path }
        paths shouldContainExactly listOf("status", "results", "error", "all_info", "timings", "execution_metadata", "metadata")
            .map { "$TOSHIKO_PATH/tasks/$id/$it" }
        emulator.faults.requests.forEach { it.hasHeader("Authentication-Token") shouldBe true }
    }

    test("a failed task's error by id, on the default QPU when none is named") {
        val job = sdk.createJob(Circuits.BROKEN, LUCY)
        job.execute(10.seconds)
        val error = sdk.tasks.error(job.taskId!!).taskError!!
        error.errorCode shouldBe 400
        error.errorMessage!! shouldContain "foo"
        sdk.tasks.status(job.taskId!!, "lucy").taskStatus shouldBe OqcTaskStatus.FAILED
        emulator.faults.requests("$LUCY_PATH/tasks/*/error") shouldHaveSize 1 // the job itself read the error from all_info
    }

    test("unknown ids are 404s; blank ids and empty cancel lists are refused before sending") {
        shouldThrow<NotFoundException> { sdk.tasks.status("00000000-0000-0000-0000-000000000000", LUCY) }
        emulator.faults.clearRequests()
        shouldThrow<ValidationException> { sdk.tasks.results(" ", LUCY) }.violations.single().field shouldBe "taskId"
        shouldThrow<ValidationException> { sdk.tasks.cancel(emptyList(), LUCY) }.violations.single().field shouldBe "taskIds"
        emulator.faults.requests shouldHaveSize 0
    }
})

class OqcTaskCallsQueuedSpec : FunSpec({
    val emulator = OqcTesting.emulator(queued = 30_000)
    val sdk = OqcTesting.sdk(emulator)
    afterSpec {
        sdk.close()
        emulator.close()
    }

    test("a queued task has no results yet; cancel-many by id cancels it and reports unknown ids") {
        val a = sdk.createJob(Circuits.BELL, LUCY).submit().taskId!!
        val b = sdk.createJob(Circuits.X0, LUCY).submit().taskId!!
        sdk.tasks.status(a, LUCY).taskStatus shouldBe OqcTaskStatus.SUBMITTED
        sdk.tasks.results(a, LUCY).isReady shouldBe false
        val reply = sdk.tasks.cancel(listOf(a, b, "unknown"), LUCY).jsonObject
        reply["cancelled"]!!.jsonArray.map { it.jsonPrimitive.content } shouldContainExactly listOf(a, b)
        reply["not_cancelled"]!!.jsonArray.map { it.jsonPrimitive.content } shouldContainExactly listOf("unknown")
        listOf(a, b).forEach { sdk.tasks.allInfo(it, LUCY).taskStatus shouldBe OqcTaskStatus.CANCELLED }
        emulator.faults.requests("$LUCY_PATH/tasks/cancel_many", "POST") shouldHaveSize 1
    }
})
