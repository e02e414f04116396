package io.qonduit.emulator.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.maps.shouldContainKey
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.IOException
import java.time.Duration
import java.time.LocalDate
import java.time.ZoneOffset

class OqcTasksSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig.builder().seed(7).queuedDelay(Duration.ofMillis(150)).runningDelay(Duration.ofMillis(20)).build()) // queued long enough for the first poll to see SUBMITTED on a busy machine
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqc"))
    val lucy = "/qpu/${short(OqcEmulatorState.LUCY_SIMULATOR)}"

    test("a single task without id runs to COMPLETED with big-endian counts over repeats shots") {
        val reply = http.post("$lucy/tasks/submit", submitBody(oqcTask(config = oqcConfig(repeats = 300))), TOKEN)
        reply.status shouldBe 200
        val id = reply.arr.single().jsonObject.getValue("task_id").jsonPrimitive.content
        val (seen, last) = http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, id)
        seen.last() shouldBe "COMPLETED"
        seen.first() shouldBe "SUBMITTED"
        val counts = last.obj.getValue("results").jsonObject.getValue("c").jsonObject
        setOf("00", "11").containsAll(counts.keys) shouldBe true
        counts.values.sumOf { it.jsonPrimitive.int } shouldBe 300
        http.get("$lucy/tasks/$id/status", TOKEN).str("status") shouldBe "COMPLETED"
        http.get("$lucy/tasks/$id/results", TOKEN).obj shouldContainKey "results"
    }

    test("x on q[0] of three qubits reads 100 (c[0] leftmost)") {
        val program = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nx q[0];\nmeasure q->c;\n"
        val id = http.post("$lucy/tasks/submit", submitBody(oqcTask(program, config = oqcConfig(10))), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        val (_, last) = http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, id)
        last.obj["results"]!!.jsonObject["c"]!!.jsonObject.keys shouldContainExactly setOf("100")
    }

    test("diagnostics: metadata echoes the config string, timings carry every stage, metrics follow the flags") {
        val config = oqcConfig(repeats = 5)
        val id = http.post("$lucy/tasks/submit", submitBody(oqcTask(config = config)), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, id)
        val metadata = http.get("$lucy/tasks/$id/metadata", TOKEN).obj.getValue("metadata").jsonObject
        metadata.getValue("config").jsonPrimitive.content shouldBe config
        metadata.getValue("created_at").jsonPrimitive.content shouldContain "GMT"
        val timings = http.get("$lucy/tasks/$id/timings", TOKEN).obj.getValue("timings").jsonObject
        timings.keys shouldHaveSize 7
        timings.getValue("SERVER_RECEIVED").jsonPrimitive.content shouldContain "+00:00"
        val metrics = http.get("$lucy/tasks/$id/execution_metadata", TOKEN).obj.getValue("execution_metadata").jsonObject
        metrics.getValue("optimized_circuit").jsonPrimitive.content shouldBe OQC_BELL
        metrics.getValue("optimized_instruction_count").jsonPrimitive.int shouldBe 4
    }

    test("all_info carries the same diagnostics as the three diagnostics routes (the async SDK reads them there)") {
        val config = oqcConfig(repeats = 5)
        val id = http.post("$lucy/tasks/submit", submitBody(oqcTask(config = config)), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        val (_, last) = http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, id)
        val info = last.obj
        info.getValue("metadata") shouldBe http.get("$lucy/tasks/$id/metadata", TOKEN).obj.getValue("metadata")
        info.getValue("metadata").jsonObject.getValue("config").jsonPrimitive.content shouldBe config
        info.getValue("timings") shouldBe http.get("$lucy/tasks/$id/timings", TOKEN).obj.getValue("timings")
        info.getValue("timings").jsonObject.getValue("RECEIVER_FROM_SCC").jsonPrimitive.content shouldContain "+00:00"
        info.getValue("execution_metadata") shouldBe http.get("$lucy/tasks/$id/execution_metadata", TOKEN).obj.getValue("execution_metadata")
        info.getValue("execution_metadata").jsonObject.getValue("optimized_instruction_count").jsonPrimitive.int shouldBe 4
    }

    test("ids are pre-allocated with POST /tasks (CREATED over HTTP), then submitted together") {
        val ids = http.post("$lucy/tasks", """{"qpu_id":"${OqcEmulatorState.LUCY_SIMULATOR}","task_count":2,"tag":null}""", TOKEN).arr.strings()
        ids shouldHaveSize 2
        ids.forEach {
            http.get("$lucy/tasks/$it/status", TOKEN).str("status") shouldBe "CREATED"
            http.get("$lucy/tasks/$it/all_info", TOKEN).str("status") shouldBe "CREATED"
        }
        val submitted = http.post("$lucy/tasks/submit", submitBody(oqcTask(taskId = ids[0]), oqcTask(taskId = ids[1])), TOKEN)
        submitted.arr.map { it.jsonObject["task_id"]!!.jsonPrimitive.content } shouldContainExactly ids
        ids.forEach { http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, it).first.last() shouldBe "COMPLETED" }
        http.post("$lucy/tasks/submit", submitBody(oqcTask(taskId = "00000000-0000-0000-0000-000000000000")), TOKEN).status shouldBe 400
    }

    test("the batch tag of POST /tasks survives the per-task \"\" of the submit") {
        val ids = http.post("$lucy/tasks", """{"qpu_id":"${OqcEmulatorState.LUCY_SIMULATOR}","task_count":2,"tag":"batch-7"}""", TOKEN).arr.strings()
        http.post("$lucy/tasks/submit", submitBody(oqcTask(taskId = ids[0]), oqcTask(taskId = ids[1])), TOKEN).status shouldBe 200
        val today = LocalDate.now(ZoneOffset.UTC)
        val listed = http.get("$lucy/tasks?start_date=$today&end_date=$today", TOKEN).arr.map { it.jsonObject }
        ids.forEach { id -> listed.single { it.getValue("id").jsonPrimitive.content == id }.getValue("tag").jsonPrimitive.content shouldBe "batch-7" }
    }

    test("a submitted id may be submitted again with the same task (a retry) but not with another one") {
        val ids = http.post("$lucy/tasks", """{"qpu_id":"${OqcEmulatorState.LUCY_SIMULATOR}","task_count":2,"tag":null}""", TOKEN).arr.strings()
        val body = submitBody(oqcTask(taskId = ids[0]), oqcTask(config = oqcConfig(repeats = 7), taskId = ids[1]))
        http.post("$lucy/tasks/submit", body, TOKEN).status shouldBe 200
        ids.forEach { http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, it).first.last() shouldBe "COMPLETED" }
        val before = emulator.oqc.tasks().size
        val again = http.post("$lucy/tasks/submit", body, TOKEN)
        again.status shouldBe 200
        again.arr.map { it.jsonObject["task_id"]!!.jsonPrimitive.content } shouldContainExactly ids
        emulator.oqc.tasks().size shouldBe before
        ids.forEach { emulator.oqc.task(it)!!.status shouldBe "COMPLETED" } // not run again
        http.post("$lucy/tasks/submit", submitBody(oqcTask(OQC_BROKEN, taskId = ids[0])), TOKEN).status shouldBe 400
        http.post("$lucy/tasks/submit", submitBody(oqcTask(config = oqcConfig(repeats = 8), taskId = ids[1])), TOKEN).status shouldBe 400
    }

    test("a lost reply: the submission is applied, then the connection breaks") {
        val ids = http.post("$lucy/tasks", """{"qpu_id":"${OqcEmulatorState.LUCY_SIMULATOR}","task_count":1,"tag":null}""", TOKEN).arr.strings()
        emulator.faults.loseReply("POST", "/oqc/qpu/*/tasks/submit", times = 1)
        shouldThrow<IOException> { http.post("$lucy/tasks/submit", submitBody(oqcTask(taskId = ids[0])), TOKEN) }
        http.get("$lucy/tasks/${ids[0]}/status", TOKEN).str("status") shouldNotBe "CREATED"
        http.post("$lucy/tasks/submit", submitBody(oqcTask(taskId = ids[0])), TOKEN).status shouldBe 200
        emulator.faults.clear()
    }

    test("task_id -1 gets a fresh id") {
        val reply = http.post("$lucy/tasks/submit", submitBody(oqcTask(taskId = -1)), TOKEN)
        reply.status shouldBe 200
        val id = reply.arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        id.length shouldBe 36
        emulator.oqc.task(id)!!.program shouldBe OQC_BELL
    }

    test("a program that does not compile makes the task FAILED with a task_error") {
        val id = http.post("$lucy/tasks/submit", submitBody(oqcTask(OQC_BROKEN)), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        val (_, last) = http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, id)
        last.str("status") shouldBe "FAILED"
        val error = last.obj.getValue("task_error").jsonObject
        error.getValue("error_code").jsonPrimitive.int shouldBe 400
        error.getValue("error_message").jsonPrimitive.content shouldContain "foo"
        http.get("$lucy/tasks/$id/error", TOKEN).obj.getValue("task_error").jsonObject.getValue("error_code").jsonPrimitive.int shouldBe 400
    }

    test("repeats above Maximum Shots fail the task; too many qubits fail it too") {
        val toshiko = "/qpu/${short(OqcEmulatorState.TOSHIKO)}"
        val id = http.post("$toshiko/tasks/submit", submitBody(oqcTask(qpu = OqcEmulatorState.TOSHIKO, config = oqcConfig(200_000))), TOKEN)
            .arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        http.awaitTask(OqcEmulatorState.TOSHIKO, id).second.text shouldContain "Maximum Shots"
        val nine = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[9];\ncreg c[9];\nmeasure q->c;\n"
        val big = http.post("$lucy/tasks/submit", submitBody(oqcTask(nine)), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, big).second.text shouldContain "9 qubits"
    }

    fun resultsOf(program: String, repeats: Int, format: Int, transforms: Int): JsonObject {
        val config = oqcConfig(repeats = repeats, transforms = transforms, format = format)
        val id = http.post("$lucy/tasks/submit", submitBody(oqcTask(program, config = config)), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        return http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, id).second.obj["results"]!!.jsonObject
    }

    test("raw results: one list of Z readouts per bit, shots in a mixed order that matches the counts") {
        val raw = resultsOf(OQC_BELL, repeats = 64, format = 1, transforms = 2)["c"]!!.jsonArray
        raw shouldHaveSize 2
        val bit0 = raw[0].jsonArray.map { it.jsonPrimitive.content.toDouble() }
        val bit1 = raw[1].jsonArray.map { it.jsonPrimitive.content.toDouble() }
        bit0 shouldHaveSize 64
        bit0 shouldBe bit1 // a Bell pair: both bits agree shot by shot
        bit0.toSet() shouldBe setOf(1.0, -1.0)
        // Shot order is not sorted: the outcomes alternate somewhere after the first change.
        val changes = bit0.zipWithNext().count { (a, b) -> a != b }
        (changes > 1) shouldBe true
    }

    test("binary results average each bit over the shots; squash joins them; one-bit registers unwrap") {
        val x = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\ncreg d[1];\nx q[0];\nmeasure q[0]->c[0];\nmeasure q[1]->c[1];\nmeasure q[2]->d[0];\n"
        val binary = resultsOf(x, repeats = 10, format = 2, transforms = 2)
        binary["c"]!!.jsonArray.map { it.jsonPrimitive.int } shouldContainExactly listOf(1, 0, 0)
        binary["d"]!!.jsonPrimitive.int shouldBe 0
        val squashed = resultsOf(x, repeats = 10, format = 2, transforms = 6)
        squashed["c"]!!.jsonPrimitive.content shouldBe "100"
        squashed["d"]!!.jsonPrimitive.content shouldBe "0"
        val rawOneBit = resultsOf(x, repeats = 3, format = 1, transforms = 2)["d"]!!.jsonArray
        rawOneBit.map { it.jsonPrimitive.content.toDouble() } shouldContainExactly listOf(1.0, 1.0, 1.0)
        resultsOf(x, repeats = 10, format = 1, transforms = 3)["c"]!!.jsonObject["100"]!!.jsonPrimitive.int shouldBe 10
    }

    test("an allocated id not submitted within the lifetime reads EXPIRED and can no longer be submitted") {
        emulator.oqc.setCreatedTaskLifetime(Duration.ofMillis(200))
        try {
            val id = http.post("$lucy/tasks", """{"qpu_id":"${OqcEmulatorState.LUCY_SIMULATOR}","task_count":1,"tag":null}""", TOKEN).arr.strings().single()
            http.get("$lucy/tasks/$id/status", TOKEN).str("status") shouldBe "CREATED"
            Thread.sleep(300)
            http.get("$lucy/tasks/$id/status", TOKEN).str("status") shouldBe "EXPIRED"
            val late = http.post("$lucy/tasks/submit", submitBody(oqcTask(taskId = id)), TOKEN)
            late.status shouldBe 400
            late.text shouldContain "expired"
            http.get("$lucy/tasks", TOKEN).arr.map { it.jsonObject }.single { it["id"]!!.jsonPrimitive.content == id }["status"]!!.jsonPrimitive.content shouldBe "EXPIRED"
        } finally {
            emulator.oqc.setCreatedTaskLifetime(OqcEmulatorState.DEFAULT_CREATED_TASK_LIFETIME)
        }
    }

    test("tasks queued on a QPU taken offline read UNKNOWN, stay so, and can still be cancelled") {
        val slow = Emulator.start(EmulatorConfig.builder().seed(7).queuedDelay(Duration.ofSeconds(30)).build())
        try {
            val slowHttp = TestHttp(slow.url("oqc"))
            val id = slowHttp.post("$lucy/tasks/submit", submitBody(oqcTask()), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
            slowHttp.get("$lucy/tasks/$id/status", TOKEN).str("status") shouldBe "SUBMITTED"
            slow.oqc.setQpuActive(OqcEmulatorState.LUCY_SIMULATOR, false)
            slow.oqc.setQpuActive(OqcEmulatorState.LUCY_SIMULATOR, true)
            slowHttp.get("$lucy/tasks/$id/all_info", TOKEN).str("status") shouldBe "UNKNOWN"
            slowHttp.post("$lucy/tasks/cancel_many", """{"tasks":["$id"]}""", TOKEN).obj["cancelled"]!!.jsonArray.strings() shouldContainExactly listOf(id)
            slow.oqc.task(id)!!.status shouldBe "CANCELLED"
        } finally {
            slow.close()
        }
    }

    test("bad submissions get 400: wrong QPU, inactive QPU, config that is not a string") {
        http.post("$lucy/tasks/submit", submitBody(oqcTask(qpu = OqcEmulatorState.TOSHIKO)), TOKEN).status shouldBe 400
        val inactive = "/qpu/${short(OqcEmulatorState.INACTIVE_QPU)}"
        http.post("$inactive/tasks/submit", submitBody(oqcTask(qpu = OqcEmulatorState.INACTIVE_QPU)), TOKEN).status shouldBe 400
        http.post("$lucy/tasks/submit", """{"tasks":[{"program":"x","config":{},"qpu_id":"${OqcEmulatorState.LUCY_SIMULATOR}"}]}""", TOKEN).status shouldBe 400
        http.post("$lucy/tasks/submit", submitBody(oqcTask()), emptyMap()).status shouldBe 401
        http.post("/qpu/nope/tasks/submit", submitBody(oqcTask()), TOKEN).status shouldBe 404
    }

    test("the 128 KiB limit counts the body and the client's own headers (name + value), as the Python client does") {
        val userAgent = "QCaaS Client 3.23.0"
        val headers = TOKEN + mapOf("User-Agent" to userAgent)
        fun counted(body: String) = body.length + "Content-Type".length + "application/json".length +
            "Content-Length".length + body.length.toString().length + "Authentication-Token".length +
            OqcEmulatorState.DEMO_TOKEN.length + "User-Agent".length + userAgent.length
        fun body(filler: Int) = submitBody(oqcTask("// " + "x".repeat(filler) + "\n" + OQC_BELL))
        var filler = OqcEmulatorState.MAX_REQUEST_BYTES - counted(body(0))
        filler -= counted(body(filler)) - OqcEmulatorState.MAX_REQUEST_BYTES
        counted(body(filler)) shouldBe OqcEmulatorState.MAX_REQUEST_BYTES
        // At the limit: accepted, although Host, Connection and the like make the request longer on the wire.
        http.post("$lucy/tasks/submit", body(filler), headers).status shouldBe 200
        val over = http.post("$lucy/tasks/submit", body(filler + 1), headers)
        over.status shouldBe 413
        over.text shouldContain "128KB"
    }

    test("task listing filters by creation date") {
        val today = LocalDate.now(ZoneOffset.UTC)
        val all = http.get("$lucy/tasks?start_date=$today&end_date=$today", TOKEN).arr
        (all.size > 0) shouldBe true
        (all[0] as JsonObject).keys shouldContainExactly setOf("id", "qpu_id", "tag", "status", "created_at")
        http.get("$lucy/tasks?end_date=${today.minusDays(1)}", TOKEN).arr shouldHaveSize 0
        http.get("$lucy/tasks?start_date=yesterday", TOKEN).status shouldBe 400
    }
})

class OqcLifecycleSpec : FunSpec({
    // Long enough stages that polling every 10 ms sees each one.
    val emulator = Emulator.start(EmulatorConfig.builder().seed(5).queuedDelay(Duration.ofMillis(300)).runningDelay(Duration.ofMillis(300)).build())
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqc"))
    val lucy = "/qpu/${short(OqcEmulatorState.LUCY_SIMULATOR)}"

    test("a pre-allocated task goes CREATED -> SUBMITTED -> RUNNING -> COMPLETED, as seen over HTTP") {
        val id = http.post("$lucy/tasks", """{"qpu_id":"${OqcEmulatorState.LUCY_SIMULATOR}","task_count":1,"tag":"t"}""", TOKEN).arr.strings().single()
        val created = http.get("$lucy/tasks/$id/all_info", TOKEN).str("status")
        http.post("$lucy/tasks/submit", submitBody(oqcTask(taskId = id)), TOKEN).status shouldBe 200
        val (seen, _) = http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, id)
        (listOf(created) + seen) shouldContainExactly listOf("CREATED", "SUBMITTED", "RUNNING", "COMPLETED")
    }

    test("a failing task goes SUBMITTED -> RUNNING -> FAILED; a cancelled one SUBMITTED -> CANCELLED") {
        val failing = http.post("$lucy/tasks/submit", submitBody(oqcTask(OQC_BROKEN)), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, failing).first shouldContainExactly listOf("SUBMITTED", "RUNNING", "FAILED")
        val cancelled = http.post("$lucy/tasks/submit", submitBody(oqcTask()), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        http.get("$lucy/tasks/$cancelled/status", TOKEN).str("status") shouldBe "SUBMITTED"
        http.post("$lucy/tasks/cancel_many", """{"tasks":["$cancelled"]}""", TOKEN).status shouldBe 200
        http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, cancelled).first shouldContainExactly listOf("CANCELLED")
    }
})

class OqcCancelSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig.builder().queuedDelay(Duration.ofSeconds(30)).build())
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqc"))
    val lucy = "/qpu/${short(OqcEmulatorState.LUCY_SIMULATOR)}"

    test("cancel_many cancels queued tasks and reports the ones it could not cancel") {
        val id = http.post("$lucy/tasks/submit", submitBody(oqcTask()), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        http.get("$lucy/tasks/$id/status", TOKEN).str("status") shouldBe "SUBMITTED"
        val reply = http.post("$lucy/tasks/cancel_many", """{"tasks":["$id","unknown"]}""", TOKEN).obj
        (reply["cancelled"] as JsonArray).strings() shouldContainExactly listOf(id)
        (reply["not_cancelled"] as JsonArray).strings() shouldContainExactly listOf("unknown")
        http.get("$lucy/tasks/$id/all_info", TOKEN).str("status") shouldBe "CANCELLED"
        (http.post("$lucy/tasks/cancel_many", """{"tasks":["$id"]}""", TOKEN).obj["not_cancelled"] as JsonArray).strings() shouldContainExactly listOf(id)
    }

    test("task wait time reports the queue position") {
        val id = http.post("$lucy/tasks/submit", submitBody(oqcTask()), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        val reply = http.post("$lucy/monitoring/task_wait_time", """{"task_ids":["$id"],"qpu_id":"${OqcEmulatorState.LUCY_SIMULATOR}"}""", TOKEN)
        val entry = reply.obj.getValue("task_wait_times").jsonArray.single().jsonObject
        entry.getValue("position_in_queue").jsonPrimitive.int shouldBe 1
        entry.getValue("status").jsonPrimitive.content shouldBe "SUBMITTED"
    }
})
