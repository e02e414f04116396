package io.qonduit.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.circuit.circuit
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.kotest.assertions.throwables.shouldThrow
import io.qonduit.errors.QonduitException
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.JobState
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.testing.Circuits
import kotlin.time.Duration.Companion.seconds

/** Every job type end to end over real HTTP against the emulator, checked against analytic values. */
class OqtopusJobsSpec : FunSpec({
    val oqtopus = OqtopusEmulatorFixture()
    val client = oqtopus.client()
    val target = client.target(oqtopus.simulator, oqtopus.fast)
    afterSpec {
        client.close()
        oqtopus.close()
    }

    val plus = circuit {
        val q = qreg("q", 1)
        val c = creg("c", 1)
        h(q[0]); measure(q, c)
    }

    test("sampling a Bell pair: register, upload, submit, counts from the result zip; no token ever sent to storage") {
        oqtopus.emulator.faults.clearRequests()
        fun uploadFiles() = java.io.File(System.getProperty("java.io.tmpdir")).list { _, name -> name.startsWith("qonduit-oqtopus-") }.orEmpty().toSet()
        val filesBefore = uploadFiles()
        val job = target.create(listOf(RunItem(Circuits.BELL)), RunOptions.builder().shots(1000).build()).shouldBeInstanceOf<Job>()
        val item = job.execute(30.seconds).raiseForError().items().single()
        val counts = item.counts("c")
        counts.keys.all { it == "00" || it == "11" } shouldBe true
        counts.values.sum() shouldBe 1000L
        val extras = item.extras(OqtopusExtras::class.java)!!
        extras.jobId shouldBe job.taskId
        extras.countsWithIntegerKeys().keys.all { it == 0L || it == 3L } shouldBe true
        extras.transpiledProgram!! shouldContain "OPENQASM 3"
        extras.virtualPhysicalMapping shouldBe mapOf(0 to 0, 1 to 1)
        val storage = oqtopus.emulator.faults.requests("/oqtopus-storage/**")
        storage.map { it.method }.toSet() shouldBe setOf("POST", "GET")
        storage.forEach { it.hasHeader(OqtopusClient.TOKEN_HEADER) shouldBe false; it.hasHeader("authorization") shouldBe false }
        // The input archive is streamed from a temporary file with its length declared (S3 form posts are not chunked), and the file is gone.
        storage.single { it.method == "POST" }.let { it.hasHeader("content-length") shouldBe true; it.hasHeader("transfer-encoding") shouldBe false }
        uploadFiles() shouldBe filesBefore
        val api = oqtopus.emulator.faults.requests("/oqtopus/**")
        api.shouldNotBeEmpty()
        api.forEach { it.hasHeader(OqtopusClient.TOKEN_HEADER) shouldBe true }
        api.map { "${it.method} ${it.path}" }.take(2) shouldContainExactly listOf("POST /oqtopus/jobs", "POST /oqtopus/jobs/${job.taskId}/submit")
    }

    test("transpiler_info goes with the job; its qubit allocation comes back as the virtual-physical mapping") {
        val info = kotlinx.serialization.json.buildJsonObject {
            put("qubit_allocation", kotlinx.serialization.json.buildJsonObject { put("0", kotlinx.serialization.json.JsonPrimitive(5)); put("1", kotlinx.serialization.json.JsonPrimitive(3)) })
        }
        val options = RunOptions.builder().shots(10).provider(OqtopusOptions(name = "allocated").withInfo(transpilerInfo = info)).build()
        val job = target.create(listOf(RunItem(Circuits.BELL)), options).shouldBeInstanceOf<Job>()
        val extras = job.execute(30.seconds).raiseForError().items().single().extras(OqtopusExtras::class.java)!!
        extras.virtualPhysicalMapping shouldBe mapOf(0 to 5, 1 to 3)
        extras.statsJson!! shouldContain "before"
        val record = client.getJob(job.taskId!!)
        record.name shouldBe "allocated"
        record.transpilerInfo shouldBe info
    }

    test("big-endian per register: x on qubit 0 of three reads 100") {
        val item = target.run(Circuits.X0) { shots = 50 }.execute(30.seconds).raiseForError().items().single()
        item.counts("c") shouldBe mapOf("100" to 50L)
    }

    test("estimation: <Z⊗Z> = 1 on a Bell state, <X> = 1 and <Z> = 0 on |+>") {
        val zz = target.run(Circuits.BELL) { shots = 1000; provider = OqtopusOptions(operators = listOf(OqtopusOperator("Z 0 Z 1"))) }
        val ev = zz.execute(30.seconds).raiseForError().items().single().expectationValues.single()
        ev.value shouldBe (1.0 plusOrMinus 1e-9)
        ev.observable shouldBe "Z 0 Z 1"
        (ev.std!! >= 0.0) shouldBe true
        val x = target.run(plus) { shots = 1000; provider = OqtopusOptions(operators = listOf(OqtopusOperator("X 0", 2.0))) }
        x.execute(30.seconds).raiseForError().items().single().expectationValues.single().value shouldBe (2.0 plusOrMinus 1e-9)
        val z = target.run(plus) { shots = 1000; provider = OqtopusOptions(operators = listOf(OqtopusOperator("Z 0"))) }
        z.execute(30.seconds).raiseForError().items().single().expectationValues.single().value shouldBe (0.0 plusOrMinus 1e-9)
    }

    test("multi-manual: divided counts become one result item per program") {
        val flip1 = circuit { val q = qreg("q", 2); val c = creg("c", 2); x(q[1]); measure(q, c) }
        val h1 = circuit { val q = qreg("q", 2); val c = creg("c", 2); h(q[1]); measure(q, c) }
        val job = target.create(listOf(RunItem(flip1), RunItem(h1)), RunOptions.builder().shots(400).provider(OqtopusOptions(OqtopusJobType.MULTI_MANUAL)).build())
            .shouldBeInstanceOf<Job>()
        val items = job.execute(30.seconds).raiseForError().items()
        items shouldHaveSize 2
        items[0].programIndex shouldBe 0
        items[0].counts("c") shouldBe mapOf("01" to 400L)
        items[1].counts("c").keys shouldBe setOf("00", "01")
        (items[1].counts("c").getValue("01") / 400.0) shouldBe (0.5 plusOrMinus 0.15)
    }

    test("sampling several programs is a composite of one job per program, in order") {
        val composite = target.create(listOf(RunItem(Circuits.BELL), RunItem(Circuits.X0)), RunOptions.builder().shots(100).build())
            .shouldBeInstanceOf<CompositeJob>()
        val items = composite.execute(30.seconds).raiseForError().items()
        items[0].counts("c").keys.all { it == "00" || it == "11" } shouldBe true
        items[1].counts("c") shouldBe mapOf("100" to 100L)
    }

    test("SSE: a script runs and its log downloads from storage") {
        val job = target.createSse("print('hello from sse')\n")
        job.execute(30.seconds).raiseForError()
        job.state shouldBe JobState.COMPLETED
        // The emulator does not run Python: its log names the job and the script it received.
        val log = client.sseLogText(job.taskId!!)
        log shouldContain "SSE job ${job.taskId}"
        log shouldContain "received sse_program: ${"print('hello from sse')\n".length} bytes"
    }

    test("polling knobs: the status callback sees every change through track(), the timeout is honoured") {
        val seen = mutableListOf<JobState>()
        val polling = oqtopus.fast.withListener { seen += it.state }
        val job = target.create(listOf(RunItem(Circuits.BELL)), RunOptions.DEFAULT).shouldBeInstanceOf<Job>()
        polling.await(job).items().single().counts("c").values.sum() shouldBe 1000L
        seen.last() shouldBe JobState.COMPLETED
        seen.distinct() shouldBe seen.distinct().sortedBy { it.ordinal }
    }

    test("batch run with bounded submit and wait concurrency keeps the order") {
        val jobs = (1..5).map { n -> target.create(listOf(RunItem(Circuits.X0, shots = n * 10)), RunOptions.DEFAULT) as Job }
        val outputs = OqtopusBatch.run(jobs, submitConcurrency = 2, waitConcurrency = 2, polling = oqtopus.fast)
        outputs.map { it.items().single().counts("c").getValue("100") } shouldBe listOf(10L, 20L, 30L, 40L, 50L)
    }

    test("the batch bounds hold: one submission at a time, one wait at a time") {
        oqtopus.emulator.faults.clearRequests()
        val jobs = (1..4).map { target.create(listOf(RunItem(Circuits.X0, shots = 10)), RunOptions.DEFAULT) as Job }
        val events = java.util.Collections.synchronizedList(mutableListOf<String>())
        OqtopusBatch.run(jobs, submitConcurrency = 1, waitConcurrency = 1, polling = oqtopus.fast.withListener { events += it.taskId!! })
        // Submissions never overlap: each register is followed by its own submit before the next register.
        val sequence = oqtopus.emulator.faults.requests("/oqtopus/**", "POST")
            .filter { it.path == "/oqtopus/jobs" || it.path.endsWith("/submit") }
            .map { if (it.path.endsWith("/submit")) "submit" else "register" }
        sequence shouldBe List(4) { listOf("register", "submit") }.flatten()
        // Waits never overlap: the status callback reports one job after another, never interleaved.
        events.distinct().toSet() shouldBe jobs.map { it.taskId!! }.toSet()
        events.zipWithNext().count { (a, b) -> a != b } shouldBe events.distinct().size - 1
    }

    test("a download larger than the cap is refused with a typed error naming the limit") {
        oqtopus.client(maxDownloadBytes = 16).use { small ->
            val id = small.submitJob(OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3(), 100))
            kotlinx.coroutines.withTimeout(30.seconds) { while (client.getJobStatus(id).status != "succeeded") kotlinx.coroutines.delay(20) }
            val e = io.kotest.assertions.throwables.shouldThrow<OqtopusDownloadLimitException> { small.jobResult(id) }
            e.limitBytes shouldBe 16L
            e.message!! shouldContain "16 bytes"
        }
    }

    test("a job saved right after submission is loaded and finished; the saved result keeps its OQTOPUS extras") {
        val options = RunOptions.builder().shots(300).provider(OqtopusOptions(operators = listOf(OqtopusOperator("Z 0 Z 1", 0.5)))).build()
        val job = target.create(listOf(RunItem(Circuits.BELL)), options).shouldBeInstanceOf<Job>()
        job.submit()
        val file = kotlin.io.path.createTempFile("oqtopus-job", ".json")
        job.save(file)
        val loaded = Job.load(file, target)
        loaded.taskId shouldBe job.taskId
        loaded.wait(30.seconds).outputs.items().single().expectationValues.single().value shouldBe (0.5 plusOrMinus 1e-9)
        loaded.save(file)
        val again = Job.load(file, target).outputs.items().single()
        again.extras(OqtopusExtras::class.java)!!.jobId shouldBe job.taskId
        again.expectationValues.single().value shouldBe (0.5 plusOrMinus 1e-9)
    }

    test("a job submitted elsewhere is attached by id, its input read back from storage") {
        val id = client.submitJob(OqtopusJobSpec.multiManual(oqtopus.simulator, listOf(Circuits.X0.toQasm3(), Circuits.BELL.toQasm3()), 100))
        val job = client.job(id, oqtopus.fast)
        val items = oqtopus.fast.await(job).items()
        items[0].counts("c") shouldBe mapOf("100" to 100L)
        items[1].counts("c").keys.all { it == "00" || it == "11" } shouldBe true
    }

    test("a job on an unavailable device waits; the polling timeout ends the wait, then Job.cancel cancels it") {
        val offline = client.target(OqtopusEmulatorState.OFFLINE_QPU, oqtopus.fast)
        val job = offline.create(listOf(RunItem(Circuits.BELL)), RunOptions.DEFAULT).shouldBeInstanceOf<Job>()
        val short = OqtopusPolling(java.time.Duration.ofMillis(20), timeout = java.time.Duration.ofMillis(300))
        val e = io.kotest.assertions.throwables.shouldThrow<io.qonduit.job.JobTimeoutException> { short.await(job) }
        e.taskIds shouldBe listOf(job.taskId!!)
        job.state shouldBe JobState.QUEUED
        job.cancel()
        job.wait(30.seconds).state shouldBe JobState.CANCELLED
        client.getJobStatus(job.taskId!!).status shouldBe "cancelled"
    }

    test("a program the service cannot read fails the job with the service's message") {
        val bad = io.qonduit.fixtures.ReferenceFixtures.text("oqtopus", "testsuite-input.sampling-invalid-qasm.json")
        val qasm = kotlinx.serialization.json.Json.parseToJsonElement(bad).let { it as kotlinx.serialization.json.JsonObject }["program"]
            .let { (it as kotlinx.serialization.json.JsonArray)[0] as kotlinx.serialization.json.JsonPrimitive }.content
        val id = client.submitJob(OqtopusJobSpec.sampling(oqtopus.simulator, qasm, 10))
        val job = client.job(id, oqtopus.fast)
        job.wait(30.seconds).state shouldBe JobState.FAILED
        job.error!!.message.isNotBlank() shouldBe true
        job.error!!.message shouldBe client.getJob(id).message
    }

    test("programs that are neither OpenQASM nor circuits are refused before sending, naming the field") {
        val e = io.kotest.assertions.throwables.shouldThrow<io.qonduit.errors.ValidationException> {
            target.create(listOf(RunItem(io.qonduit.program.NativeProgram("qibo-json", "{}"))), RunOptions.DEFAULT)
        }
        e.violations.single().field shouldBe "programs[0]"
        val multi = io.kotest.assertions.throwables.shouldThrow<io.qonduit.errors.ValidationException> {
            target.create(listOf(RunItem(Circuits.BELL, shots = 10), RunItem(Circuits.X0, shots = 20)), RunOptions.builder().provider(OqtopusOptions(OqtopusJobType.MULTI_MANUAL)).build())
        }
        multi.violations.single().field shouldBe "programs.shots"
    }

    test("a submit whose reply is lost after the service acted is found by the job's id: one job, not two") {
        oqtopus.emulator.faults.clear()
        oqtopus.emulator.faults.loseReply("POST", "/oqtopus/jobs/*/submit", times = 1)
        try {
            val job = target.create(listOf(RunItem(Circuits.BELL)), RunOptions.builder().shots(100).build()).shouldBeInstanceOf<Job>()
            job.execute(30.seconds).raiseForError().items().single().counts("c").values.sum() shouldBe 100L
            oqtopus.emulator.faults.requests("/oqtopus/jobs", "POST") shouldHaveSize 1
            oqtopus.emulator.faults.requests("/oqtopus/jobs/*/submit", "POST") shouldHaveSize 1
        } finally {
            oqtopus.emulator.faults.clear()
        }
    }

    test("a lost reply while registering is a plain failure (nothing runs without a submit); the next try succeeds") {
        oqtopus.emulator.faults.clear()
        oqtopus.emulator.faults.loseReply("POST", "/oqtopus/jobs", times = 1)
        try {
            val job = target.create(listOf(RunItem(Circuits.BELL)), RunOptions.builder().shots(100).build()).shouldBeInstanceOf<Job>()
            val error = shouldThrow<QonduitException> { job.submit() }
            error.message!! shouldContain "before it was submitted"
            job.state shouldBe JobState.CREATED
            job.execute(30.seconds).raiseForError()
            oqtopus.emulator.faults.requests("/oqtopus/jobs/*/submit", "POST") shouldHaveSize 1
        } finally {
            oqtopus.emulator.faults.clear()
        }
    }

    test("the demo token is the one the emulator seeds") {
        OqtopusEmulatorState.DEMO_TOKEN shouldBe "oqtopus-demo-token"
    }
})
