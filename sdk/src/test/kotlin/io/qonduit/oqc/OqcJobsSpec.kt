package io.qonduit.oqc

import io.qonduit.job.SubmissionUnknownException
import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.maps.shouldContainKey
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.ServerException
import io.qonduit.errors.ValidationException
import io.qonduit.job.CompositeJob
import io.qonduit.job.Endianness
import io.qonduit.job.Job
import io.qonduit.job.JobFailedException
import io.qonduit.job.JobState
import io.qonduit.oqc.OqcTesting.LUCY
import io.qonduit.oqc.OqcTesting.LUCY_PATH
import io.qonduit.oqc.OqcTesting.TOSHIKO
import io.qonduit.oqc.OqcTesting.TOSHIKO_PATH
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.PythonJson
import kotlinx.serialization.json.addJsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import io.qonduit.oqc.config.ExperimentalConfig
import io.qonduit.oqc.config.QuantumResultsFormat
import io.qonduit.testing.Circuits
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import kotlin.time.Duration.Companion.seconds

/** The compiler config a job's OQC task is sent with. */
private fun Job.compilerConfig(): CompilerConfig = (options.provider as OqcOptions).config.compilerConfig

class OqcJobsSpec : FunSpec({
    val emulator = OqcTesting.emulator()
    val sdk = OqcTesting.sdk(emulator)
    afterSpec {
        sdk.close()
        emulator.close()
    }
    beforeTest {
        emulator.faults.clear()
        sdk.open()
    }

    fun shots(n: Int) = CompilerConfig.builder().shots(n).build()

    test("a single job submits once without id and returns big-endian counts over the configured shots") {
        val job = sdk.createJob(Circuits.X0, LUCY, shots(50), tag = "x0")
        val config = job.compilerConfig().toWireString()
        config shouldBe shots(50).toWireString()
        val outputs = job.execute(10.seconds)
        outputs.raiseForError().resultList().single().counts("c") shouldBe mapOf("100" to 50L)
        job.state shouldBe JobState.COMPLETED
        job.rawStatus shouldBe "COMPLETED"
        emulator.faults.requests("$LUCY_PATH/tasks/submit", "POST") shouldHaveSize 1
        emulator.faults.requests("$LUCY_PATH/tasks", "POST") shouldHaveSize 0
        val task = emulator.oqc.task(job.taskId!!)!!
        task.config shouldBe config
        task.tag shouldBe "x0"
    }

    test("a composite of 2 programs x 2 QPUs pre-allocates ids and submits once per QPU") {
        val composite = sdk.createJob(listOf(Circuits.BELL, Circuits.X0), listOf(LUCY, TOSHIKO), listOf(shots(200)))
        composite.jobs.map { it.device } shouldContainExactly listOf(LUCY, TOSHIKO, LUCY, TOSHIKO)
        composite.jobs.map { it.programs.single() } shouldContainExactly listOf(Circuits.BELL, Circuits.BELL, Circuits.X0, Circuits.X0)
        val outputs = composite.execute(10.seconds)
        composite.completed shouldBe true
        for (path in listOf(LUCY_PATH, TOSHIKO_PATH)) {
            emulator.faults.requests("$path/tasks", "POST") shouldHaveSize 1
            emulator.faults.requests("$path/tasks/submit", "POST") shouldHaveSize 1
        }
        outputs.resultList() shouldHaveSize 4
        composite.jobs.map { emulator.oqc.task(it.taskId!!)!!.qpuId } shouldContainExactly listOf(LUCY, TOSHIKO, LUCY, TOSHIKO)
        // Counts tables and wildcard filters on real OQC results: Bell rows only hold 00/11, x0 rows only 100.
        val bell = CompositeJob(composite.jobs.take(2)).outputs.countsTable("c")
        bell.rows shouldBe 2
        bell.bitstrings.toSet() shouldBe setOf("00", "11")
        bell.totals().toList() shouldBe listOf(200L, 200L)
        val x0 = CompositeJob(composite.jobs.drop(2)).outputs.like("1**", "c")
        x0.bitstrings shouldBe listOf("100")
        x0.totals().toList() shouldBe listOf(200L, 200L)
        // The same results in little-endian (Qiskit) notation: c[0] is the rightmost character.
        val x0Outputs = CompositeJob(composite.jobs.drop(2)).outputs
        val little = x0Outputs.countsTable("c", Endianness.LITTLE)
        little.endianness shouldBe Endianness.LITTLE
        little.bitstrings shouldBe listOf("001")
        little.bits.toList() shouldBe listOf(4L)
        little[0, "001"] shouldBe 200L
        x0Outputs.like("**1", "c", Endianness.LITTLE).totals().toList() shouldBe listOf(200L, 200L)
        x0Outputs.like("1**", "c", Endianness.LITTLE).columns shouldBe 0
        val bellLittle = CompositeJob(composite.jobs.take(2)).outputs.like("1*", "c", Endianness.LITTLE)
        bellLittle.bitstrings shouldBe listOf("11")
    }

    test("broadcasting: configs pair with programs, lengths must be 1 or equal") {
        val composite = sdk.createJob(listOf(Circuits.BELL, Circuits.X0), null, listOf(shots(10), shots(20)))
        composite.jobs.map { it.device } shouldContainExactly listOf(LUCY, LUCY)
        composite.jobs.map { it.compilerConfig().shots } shouldBe listOf(10, 20)
        shouldThrow<ValidationException> {
            sdk.createJob(listOf(Circuits.BELL, Circuits.X0, Circuits.BELL), null, listOf(shots(1), shots(2)))
        }.violations.single().field shouldBe "configs"
        shouldThrow<ValidationException> { sdk.createJob(emptyList<Program>()) }.violations.single().field shouldBe "programs"
    }

    test("a program that fails to compile gives a JobError with OQC's error code") {
        val job = sdk.createJob(Circuits.BROKEN, LUCY)
        val error = job.execute(10.seconds).errorList().single()
        error.code shouldBe 400
        error.message shouldContain "foo"
        job.state shouldBe JobState.FAILED
        shouldThrow<JobFailedException> { job.raiseForStatus() }.code shouldBe 400
    }

    test("OQC's failure payloads (fixture) become a JobError and a JobFailedException with code and message") {
        // all_info says FAILED without task_error, so the client reads GET /tasks/{id}/error: OQC's fixture reply.
        emulator.faults.error("GET", "$LUCY_PATH/tasks/*/all_info", 200, times = 1, body = """{"status": "FAILED"}""")
        emulator.faults.error("GET", "$LUCY_PATH/tasks/*/error", 200, times = 1, body = OqcFixtures.text("GET_tasks_id_error.response.json"))
        val job = sdk.createJob(Circuits.BELL, LUCY, shots(10))
        val outputs = job.execute(10.seconds)
        job.state shouldBe JobState.FAILED
        outputs.errorList().single().let {
            it.code shouldBe 400
            it.message shouldBe "Error"
        }
        val raised = shouldThrow<JobFailedException> { job.raiseForStatus() }
        raised.code shouldBe 400
        raised.details shouldBe "Error"
        raised.taskId shouldBe job.taskId
        raised.device shouldBe LUCY
        shouldThrow<JobFailedException> { outputs.raiseForError() }.details shouldBe "Error"
        // task_error inside all_info is used as is.
        val inline = """{"status": "FAILED", "task_error": {"error_message": "QPU calibration in progress", "error_code": 503}}"""
        emulator.faults.error("GET", "$LUCY_PATH/tasks/*/all_info", 200, times = 1, body = inline)
        job.execute(10.seconds)
        shouldThrow<JobFailedException> { job.raiseForStatus() }.let {
            it.code shouldBe 503
            it.details shouldBe "QPU calibration in progress"
            it.message!! shouldContain "with code 503: QPU calibration in progress"
        }
    }

    test("the config is checked against the QPU's Maximum Shots before sending") {
        shouldThrow<ValidationException> { sdk.createJob(Circuits.BELL, TOSHIKO, shots(200_000)) }.violations.single().field shouldBe "shots"
    }

    test("diagnostics: timings, metrics and metadata are fetched when the run ends") {
        val job = sdk.createJob(Circuits.BELL, LUCY, shots(10), fetchDiagnostics = true)
        job.execute(10.seconds)
        job.timings!! shouldContainKey "SERVER_RECEIVED"
        job.metrics!!["optimized_instruction_count"]!!.jsonPrimitive.content shouldBe "4"
        job.metadata!!["config"]!!.jsonPrimitive.content shouldBe shots(10).toWireString()
        job.metadata!!["id"]!!.jsonPrimitive.content shouldBe job.taskId
        job.outputs.latest!!.diagnostics shouldNotBe null
    }

    test("an experimental config travels as config string plus external_config") {
        val experimental = ExperimentalConfig.builder().baseConfig(shots(5)).noiseEnabled(true).bondDimension(4).build()
        val job = sdk.createJob(Circuits.BELL, LUCY, experimental)
        (job.options.provider as OqcOptions).config shouldBe experimental
        job.execute(10.seconds).raiseForError()
        OqcJobConfig.taskConfig(job.input) shouldBe experimental
    }

    test("non-BinaryCount results complete with the raw per-shot data and no counts") {
        val config = CompilerConfig.builder().shots(3).resultsFormat(QuantumResultsFormat.binary()).build()
        val result = sdk.createJob(Circuits.BELL, LUCY, config).execute(10.seconds).resultList().single()
        result.item.counts shouldBe emptyMap()
        Json.parseToJsonElement(result.item.extras(OqcExtras::class.java)!!.resultsJson).jsonObject.keys shouldBe setOf("c")
    }

    test("status UNKNOWN keeps polling; EXPIRED becomes FAILED") {
        emulator.faults.error("GET", "$LUCY_PATH/tasks/*/all_info", 200, times = 2, body = """{"status":"UNKNOWN"}""")
        val job = sdk.createJob(Circuits.BELL, LUCY, shots(10))
        job.submit()
        job.refresh().rawStatus shouldBe "UNKNOWN"
        job.state shouldBe JobState.QUEUED
        job.wait(10.seconds).state shouldBe JobState.COMPLETED
        emulator.faults.error("GET", "$LUCY_PATH/tasks/*/all_info", 200, times = 1, body = """{"status":"EXPIRED"}""")
        job.execute(10.seconds).errorList().single().message shouldContain "EXPIRED"
    }

    test("emulated UNKNOWN (QPU taken offline) keeps the job waiting with the raw status; it can still be cancelled") {
        val slow = OqcTesting.emulator(queued = 30_000)
        OqcTesting.sdk(slow).use { slowSdk ->
            try {
                val job = slowSdk.createJob(Circuits.BELL, LUCY, shots(10))
                job.submit()
                slow.oqc.setQpuActive(LUCY, false)
                slow.oqc.setQpuActive(LUCY, true)
                job.refresh().rawStatus shouldBe "UNKNOWN"
                job.state shouldBe JobState.QUEUED
                job.cancel()
                job.refresh().state shouldBe JobState.CANCELLED
            } finally {
                slow.close()
            }
        }
    }

    test("a lost batch submit whose allocated ids EXPIRED is known not to have been submitted; the job can be sent again") {
        emulator.oqc.setCreatedTaskLifetime(java.time.Duration.ZERO)
        try {
            emulator.faults.dropConnection("POST", "$LUCY_PATH/tasks/submit")
            val before = emulator.oqc.tasks().size
            val composite = sdk.createJob(listOf(Circuits.BELL, Circuits.X0), listOf(LUCY), listOf(shots(5)))
            shouldThrow<SubmissionUnknownException> { composite.submit() }
            val lost = emulator.oqc.tasks().drop(before)
            lost.map { it.status } shouldBe listOf("EXPIRED", "EXPIRED")
            sdk.tasks.status(lost[0].id, LUCY).taskStatus shouldBe io.qonduit.oqc.wire.OqcTaskStatus.EXPIRED
            emulator.faults.clear()
            composite.jobs.forEach { it.reconcile().state shouldBe JobState.CREATED }
            emulator.oqc.setCreatedTaskLifetime(OqcEmulatorState.DEFAULT_CREATED_TASK_LIFETIME)
            composite.execute(10.seconds)
            composite.completed shouldBe true
            composite.jobs.map { it.taskId }.intersect(lost.map { it.id }.toSet()) shouldBe emptySet()
        } finally {
            emulator.oqc.setCreatedTaskLifetime(OqcEmulatorState.DEFAULT_CREATED_TASK_LIFETIME)
        }
    }

    test("a failed single submit (POST) is not retried; a batch submit with pre-allocated ids is") {
        emulator.faults.error("POST", "$LUCY_PATH/tasks/submit", 503, times = 1)
        shouldThrow<ServerException> { sdk.createJob(Circuits.BELL, LUCY).submit() }
        emulator.faults.requests("$LUCY_PATH/tasks/submit") shouldHaveSize 1
        emulator.faults.clear()
        emulator.faults.error("POST", "$LUCY_PATH/tasks/submit", 503, times = 1)
        val before = emulator.oqc.tasks().size
        val composite = sdk.createJob(listOf(Circuits.BELL, Circuits.X0), listOf(LUCY), listOf(shots(5)))
        composite.execute(10.seconds)
        composite.completed shouldBe true
        emulator.faults.requests("$LUCY_PATH/tasks/submit") shouldHaveSize 2
        emulator.faults.requests("$LUCY_PATH/tasks", "POST") shouldHaveSize 1
        emulator.oqc.tasks().size shouldBe before + 2
    }

    test("a batch submit whose reply is lost after the server acted is retried safely: N tasks, not 2N") {
        emulator.faults.loseReply("POST", "$LUCY_PATH/tasks/submit", times = 1)
        val before = emulator.oqc.tasks().size
        val composite = sdk.createJob(listOf(Circuits.BELL, Circuits.X0, Circuits.BELL), listOf(LUCY), listOf(shots(5)))
        val outputs = composite.execute(10.seconds)
        composite.completed shouldBe true
        outputs.resultList() shouldHaveSize 3
        emulator.faults.requests("$LUCY_PATH/tasks/submit", "POST") shouldHaveSize 2
        emulator.faults.requests("$LUCY_PATH/tasks", "POST") shouldHaveSize 1
        val created = emulator.oqc.tasks().drop(before)
        created shouldHaveSize 3
        created.map { it.id }.toSet() shouldBe composite.jobs.map { it.taskId }.toSet()
        created.forEach { it.status shouldBe "COMPLETED" }
        // A single task has no pre-allocated id: its lost reply leaves the job in doubt, never repeated.
        emulator.faults.loseReply("POST", "$LUCY_PATH/tasks/submit", times = 1)
        val single = sdk.createJob(Circuits.BELL, LUCY)
        shouldThrow<SubmissionUnknownException> { single.submit() }.provider shouldBe "oqc"
        single.state shouldBe JobState.UNKNOWN_SUBMISSION
        shouldThrow<SubmissionUnknownException> { single.execute(5.seconds) }
        emulator.faults.requests("$LUCY_PATH/tasks/submit", "POST") shouldHaveSize 3
    }

    test("a garbled batch reply on one QPU (or both) of a composite leaves only that QPU's tasks in doubt, each looked up by its own id") {
        // Children alternate LUCY, TOSHIKO: each QPU's batch holds every other child, so a batch-local
        // index is not the child's index in the composite.
        for (garbled in listOf(listOf(LUCY_PATH), listOf(TOSHIKO_PATH), listOf(LUCY_PATH, TOSHIKO_PATH))) {
            emulator.faults.clear()
            garbled.forEach { emulator.faults.corruptBody("POST", "$it/tasks/submit", times = 1) }
            val before = emulator.oqc.tasks().size
            val composite = sdk.createJob(listOf(Circuits.BELL, Circuits.X0), listOf(LUCY, TOSHIKO), listOf(shots(5)))
            composite.execute(20.seconds).resultList() shouldHaveSize 4
            composite.jobs.forEach { it.state shouldBe JobState.COMPLETED }
            val created = emulator.oqc.tasks().drop(before)
            created.map { it.id }.toSet() shouldBe composite.jobs.map { it.taskId }.toSet()
            composite.jobs.map { emulator.oqc.task(it.taskId!!)!!.qpuId } shouldContainExactly listOf(LUCY, TOSHIKO, LUCY, TOSHIKO)
            emulator.faults.requests("$LUCY_PATH/tasks/submit", "POST") shouldHaveSize 1
            emulator.faults.requests("$TOSHIKO_PATH/tasks/submit", "POST") shouldHaveSize 1
        }
        emulator.faults.clear()
    }

    test("a request over 128 KiB is refused before sending, naming the field and the limit") {
        val huge = OpenQasmProgram("// " + "x".repeat(OqcApi.MAX_REQUEST_BYTES) + "\n" + Circuits.BELL.toQasm3())
        val error = shouldThrow<ValidationException> { sdk.createJob(huge, LUCY).submit() }
        error.violations.single().field shouldBe "tasks"
        error.message!! shouldContain "131072 bytes (128 KiB)"
        shouldThrow<ValidationException> { sdk.createJob(listOf(huge, Circuits.BELL), listOf(LUCY)).submit() }
        emulator.faults.requests("$LUCY_PATH/**") shouldHaveSize 0
    }

    test("the 128 KiB limit counts what OQC's client counts: the body as Python writes it plus the client's own headers") {
        val limit = OqcApi.MAX_REQUEST_BYTES
        fun program(filler: Int) = OpenQasmProgram("// " + "x".repeat(filler) + "\n" + Circuits.BELL.toQasm3())
        suspend fun refusedSize(filler: Int): Int = shouldThrow<ValidationException> { sdk.createJob(program(filler), LUCY, shots(5)).submit() }
            .violations.single().value.toString().removeSuffix(" bytes").toInt()
        val atLimit = 2 * limit - refusedSize(limit) // one filler character is one byte
        refusedSize(atLimit + 1) shouldBe limit + 1
        val job = sdk.createJob(program(atLimit), LUCY, shots(5))
        job.execute(10.seconds).raiseForError()
        // The Python client's count of the same task: json.dumps of the body, header names + values.
        val task = emulator.oqc.task(job.taskId!!)!!
        val body = PythonJson.write(
            buildJsonObject {
                putJsonArray("tasks") {
                    addJsonObject { put("program", task.program); put("config", task.config); put("qpu_id", LUCY); put("tag", "") }
                }
            },
        )
        val headers = mapOf(
            "User-Agent" to io.qonduit.transport.TransportConfig.DEFAULT.userAgent, "Authentication-Token" to OqcEmulatorState.DEMO_TOKEN,
            "Content-Type" to "application/json", "Content-Length" to body.length.toString(),
        )
        body.length + headers.entries.sumOf { it.key.length + it.value.length } shouldBe limit
    }

    test("a batch too large for one 128 KiB request is split into several, each within the limit, as OQC's SDK splits it") {
        emulator.faults.clear()
        val before = emulator.oqc.tasks().size
        // 30 programs of about 10 KiB each: about 300 KiB in all, so at least three submit requests.
        val programs = (0 until 30).map { i -> OpenQasmProgram("// $i " + "x".repeat(10_000) + "\n" + Circuits.X0.toQasm3()) }
        val composite = sdk.createJob(programs, listOf(LUCY), listOf(shots(5)))
        val outputs = composite.execute(30.seconds)
        composite.completed shouldBe true
        outputs.resultList() shouldHaveSize 30
        val submits = emulator.faults.requests("$LUCY_PATH/tasks/submit", "POST").size
        (submits in 3..4) shouldBe true // the emulator answers 413 to any request over the limit
        emulator.faults.requests("$LUCY_PATH/tasks", "POST") shouldHaveSize submits
        val created = emulator.oqc.tasks().drop(before)
        created shouldHaveSize 30
        // Each task got its own program, in order: the split neither drops nor repeats one.
        created.map { it.id } shouldContainExactly composite.jobs.map { it.taskId }
        created.map { it.program!!.substringBefore(" x") } shouldContainExactly (0 until 30).map { "// $it" }
    }

    test("a batch with one task over the limit sends nothing, not the part before it") {
        emulator.faults.clear()
        val huge = OpenQasmProgram("// " + "x".repeat(OqcApi.MAX_REQUEST_BYTES) + "\n" + Circuits.BELL.toQasm3())
        val small = (0 until 20).map { OpenQasmProgram("// $it " + "x".repeat(10_000) + "\n" + Circuits.X0.toQasm3()) }
        shouldThrow<ValidationException> { sdk.createJob(small + huge, listOf(LUCY)).submit() }.violations.single().field shouldBe "tasks"
        emulator.faults.requests("$LUCY_PATH/**") shouldHaveSize 0
    }

    test("snapshot save, load through OqcSdk.load, resume polling in a new SDK") {
        val slow = OqcTesting.emulator(queued = 300, running = 50)
        val dir = tempdir()
        try {
            val file = File(dir, "composite.json").toPath()
            val submittedIds = OqcTesting.sdk(slow).use { first ->
                val composite = first.createJob(listOf(Circuits.BELL), listOf(LUCY, TOSHIKO), listOf(shots(64)))
                composite.submit()
                composite.activeJobs shouldHaveSize 2
                composite.save(file)
                composite.jobs.map { it.taskId!! }
            }
            val saved = file.toFile().readText()
            submittedIds.forEach { saved shouldContain it }
            saved shouldNotContain OqcEmulatorState.DEMO_TOKEN
            saved shouldNotContain "Authentication-Token"
            OqcTesting.sdk(slow).use { second ->
                val restored = second.load(file).shouldBeInstanceOf<CompositeJob>()
                restored.jobs.map { it.backend } shouldBe listOf(second.backend, second.backend)
                restored.jobs.map { it.state } shouldBe listOf(JobState.QUEUED, JobState.QUEUED)
                restored.wait(10.seconds)
                restored.completed shouldBe true
                restored.outputs.countsTable("c").totals().toList() shouldBe listOf(64L, 64L)
                restored.jobs[0].compilerConfig().shots shouldBe 64
                // A single job round-trips through fromSnapshot as well.
                val single = second.fromSnapshot(restored.jobs[0].toSnapshot()).shouldBeInstanceOf<Job>()
                single.result!!.counts("c").values.sum() shouldBe 64L
            }
        } finally {
            slow.close()
        }
    }
})

class OqcCancelJobsSpec : FunSpec({
    val emulator = OqcTesting.emulator(queued = 30_000)
    val sdk = OqcTesting.sdk(emulator)
    afterSpec {
        sdk.close()
        emulator.close()
    }

    test("cancel goes through cancel_many and the job ends CANCELLED") {
        val job = sdk.createJob(Circuits.BELL, LUCY)
        job.submit()
        job.cancel().state shouldBe JobState.CANCELLED
        emulator.oqc.task(job.taskId!!)!!.status shouldBe "CANCELLED"
        emulator.faults.requests("$LUCY_PATH/tasks/cancel_many", "POST") shouldHaveSize 1
    }

    test("cancelIfActive on a composite cancels every child") {
        val composite = sdk.createJob(listOf(Circuits.BELL, Circuits.X0), listOf(LUCY, TOSHIKO))
        composite.submit()
        composite.cancelIfActive()
        composite.cancelledJobs shouldHaveSize 4
        composite.jobs.forEach { emulator.oqc.task(it.taskId!!)!!.status shouldBe "CANCELLED" }
    }
})
