package io.qonduit.qpi

import io.kotest.matchers.shouldNotBe
import io.qonduit.job.SubmissionUnknownException
import io.qonduit.circuit.circuit
import io.qonduit.testing.Circuits
import io.qonduit.program.OpenQasmProgram
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.errors.AuthorizationException
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.ValidationException
import io.qonduit.job.JobState
import io.qonduit.transport.Secret
import java.time.Duration as JavaDuration
import kotlin.time.Duration.Companion.seconds

/** PocketBase's datetime text up to the hour, e.g. `2026-12-21 10`. */
private object PocketBaseHours {
    fun of(instant: java.time.Instant): String = instant.toString().take(13).replace('T', ' ')
}

class QpiClientSpec : FunSpec({
    val qpi = QpiEmulatorFixture()
    val client = qpi.client()
    afterSpec {
        client.close()
        qpi.close()
    }

    // QPI's own calls take OpenQASM text: the DSL writes it.
    val bell = Circuits.BELL.toQasm3()
    val x0 = circuit { val q = qreg("q", 2); val c = creg("c", 2); x(q[0]); measure(q, c) }.toQasm3()

    test("a Bell circuit runs on the emulated QPU over HTTP: big-endian counts and QPI hex keys") {
        val backend = client.backend(QpiEmulatorState.MOCK_QPU)
        backend.numQubits shouldBe QpiEmulatorState.MOCK_QPU_QUBITS
        val job = backend.run(bell, shots = 2000)
        job.state shouldBe JobState.QUEUED
        val result = job.execute(10.seconds).raiseForError().resultList().single()
        job.rawStatus shouldBe "completed"
        val counts = result.counts("c")
        counts.keys shouldBe setOf("00", "11")
        counts.getValue("00") / 2000.0 shouldBe (0.5 plusOrMinus 0.06)
        QpiResults.of(result).single().hexCounts.keys shouldBe setOf("0x0", "0x3")
        client.getJob(job.taskId!!).qpuTarget shouldBe QpiEmulatorState.MOCK_QPU_ID
    }

    test("a QPU name resolves to its record id from the public list; qpu_target is always the id; no target is refused before sending") {
        client.qpuId(QpiEmulatorState.MOCK_QPU) shouldBe QpiEmulatorState.MOCK_QPU_ID
        client.qpuId(QpiEmulatorState.SIM_QPU_ID) shouldBe QpiEmulatorState.SIM_QPU_ID
        client.getQpu(QpiEmulatorState.SIM_QPU_ID).name shouldBe QpiEmulatorState.SIM_QPU
        val backend = client.backend(QpiEmulatorState.SIM_QPU)
        backend.qpuId shouldBe QpiEmulatorState.SIM_QPU_ID
        backend.name shouldBe QpiEmulatorState.SIM_QPU
        val byBackend = backend.run(x0, shots = 5)
        val byName = client.submitJob(listOf(QpiCircuit(x0)), shots = 5, qpuTarget = QpiEmulatorState.MOCK_QPU)
        val byId = client.submitJob(listOf(QpiCircuit(x0)), shots = 5, qpuTarget = QpiEmulatorState.MOCK_QPU_ID)
        qpi.emulator.qpi.job(byBackend.taskId!!)!!.qpuTarget shouldBe QpiEmulatorState.SIM_QPU_ID
        qpi.emulator.qpi.job(byName)!!.qpuTarget shouldBe QpiEmulatorState.MOCK_QPU_ID
        qpi.emulator.qpi.job(byId)!!.qpuTarget shouldBe QpiEmulatorState.MOCK_QPU_ID
        byBackend.execute(10.seconds).resultList().single().counts("c") shouldBe mapOf("10" to 5L)
        client.job(byName).wait(10.seconds).result!!.counts("c") shouldBe mapOf("10" to 5L)
        client.job(byName).device shouldBe QpiEmulatorState.MOCK_QPU

        val posts = qpi.emulator.faults.requests("/qpi/api/jobs", "POST").size
        shouldThrow<ValidationException> { client.submitJob(listOf(QpiCircuit(x0))) }.message!! shouldContain "qpuTarget"
        shouldThrow<ValidationException> { client.backend(QpiEmulatorState.OFFLINE_QPU) }.message!! shouldContain "online: mock, sim-20"
        qpi.emulator.faults.requests("/qpi/api/jobs", "POST").size shouldBe posts
    }

    test("the driver's little-endian keys become big-endian per register; hex keys follow QPI's client") {
        val result = client.backend(QpiEmulatorState.MOCK_QPU).run(x0, shots = 50).execute(10.seconds).resultList().single()
        val circuit = QpiResults.of(result).single()
        circuit.driverCounts shouldBe mapOf("01" to 50L)
        circuit.hexCounts shouldBe mapOf("0x1" to 50)
        result.counts("c") shouldBe mapOf("10" to 50L)
        QpiCounts.toRegisters(mapOf("0x1" to 3), listOf(io.qonduit.circuit.ClassicalRegister("a", 1), io.qonduit.circuit.ClassicalRegister("b", 2))) shouldBe
            mapOf("a" to mapOf("1" to 3L), "b" to mapOf("00" to 3L))
    }

    test("parameter values give one circuit result per binding") {
        val rotation = Circuits.ROTATION.toQasm3()
        val job = client.backend(QpiEmulatorState.MOCK_QPU).run(rotation, shots = 100, parameterValues = listOf(listOf(0.0), listOf(Math.PI)))
        val items = job.execute(10.seconds).resultList().single().items
        items shouldHaveSize 2
        items[0].counts shouldBe mapOf("c" to mapOf("0" to 100L))
        items[1].counts shouldBe mapOf("c" to mapOf("1" to 100L))
        items.map { it.binding } shouldBe listOf(mapOf("theta" to 0.0), mapOf("theta" to Math.PI))
        items.map { it.bindingIndex } shouldBe listOf(0, 1)
        QpiResults.of(job.result!!).map { it.hexCounts } shouldBe listOf(mapOf("0x0" to 100L), mapOf("0x1" to 100L))
    }

    test("several circuits in one QPI job") {
        val job = client.backend(QpiEmulatorState.MOCK_QPU).run(listOf(QpiCircuit(bell), QpiCircuit(x0)), shots = 64)
        val items = job.execute(10.seconds).resultList().single().items
        items.map { it.counts("c").keys } shouldBe listOf(setOf("00", "11"), setOf("10"))
        items.map { (it.program as OpenQasmProgram).text } shouldBe listOf(bell, x0)
        items.map { it.programIndex } shouldBe listOf(0, 1)
    }

    test("a program the QPU cannot parse fails the job with the error position") {
        val job = client.backend(QpiEmulatorState.MOCK_QPU).run("OPENQASM 3.0;\nqubit[1] q;\nfoo q[0];\n")
        val error = job.execute(10.seconds).errorList().single()
        job.state shouldBe JobState.FAILED
        error.message shouldContain "line 3"
    }

    test("limits are checked before anything is sent") {
        val backend = client.backend(QpiEmulatorState.MOCK_QPU)
        qpi.emulator.faults.clearRequests()
        val wide = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[12] q;\nbit[12] c;\nc = measure q;\n"
        shouldThrow<ValidationException> { backend.createJob(wide) }.message shouldContain "has 8 qubits"
        shouldThrow<ValidationException> { backend.createJob(bell, shots = 0) }.violations.single().field shouldBe "options.shots"
        shouldThrow<ValidationException> { backend.createJob(bell, measReturn = "everything") }.violations.single().field shouldBe "options.provider.measReturn"
        shouldThrow<ValidationException> { backend.createJob(bell, parameterValues = listOf(listOf(1.0))) }.message shouldContain "0 value(s)"
        qpi.emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 0
    }

    test("cancel moves a pending job to cancelled; cancelling a finished job is a 404") {
        QpiEmulatorFixture(queuedDelay = JavaDuration.ofSeconds(5)).use { slow ->
            slow.client().use { c ->
                val job = c.backend(QpiEmulatorState.MOCK_QPU).run(bell)
                job.cancel().state shouldBe JobState.CANCELLED
                job.rawStatus shouldBe "cancelled"
            }
        }
        val done = client.backend(QpiEmulatorState.MOCK_QPU).run(bell).execute(10.seconds)
        shouldThrow<NotFoundException> { client.cancelJob(done.latest!!.taskId!!) }.statusCode shouldBe 404
    }

    test("jobs are listed newest first, with skip and limit; job(id) reattaches a past job") {
        val a = client.submitJob(listOf(QpiCircuit(bell)), shots = 10, qpuTarget = QpiEmulatorState.MOCK_QPU)
        val b = client.submitJob(listOf(QpiCircuit(x0)), shots = 10, qpuTarget = QpiEmulatorState.MOCK_QPU)
        val newest = client.listJobs(limit = 2)
        newest.map { it.id } shouldBe listOf(b, a)
        client.listJobs(sort = "created", limit = 1).single().id shouldNotContain b
        client.listJobs(skip = 1, limit = 1).single().id shouldBe a
        val past = client.job(b)
        past.programs shouldBe listOf(OpenQasmProgram(x0))
        past.wait(10.seconds).result!!.counts("c") shouldBe mapOf("10" to 10L)
    }

    test("authentication: missing or wrong credentials are typed errors; password login gives a bearer session") {
        qpi.client(null).use { anonymous ->
            anonymous.listQpus().map { it.name } shouldContain QpiEmulatorState.MOCK_QPU
            shouldThrow<AuthorizationException> { anonymous.listJobs() }.statusCode shouldBe 401
            shouldThrow<AuthorizationException> {
                anonymous.authWithPassword(QpiEmulatorState.DEMO_IDENTITY, Secret.of("wrong"))
            }
            anonymous.authWithPassword(QpiEmulatorState.DEMO_IDENTITY, Secret.of(QpiEmulatorState.DEMO_PASSWORD))["email"].toString() shouldContain "demo@"
            anonymous.backend(QpiEmulatorState.MOCK_QPU).run(x0, shots = 5).execute(10.seconds).resultList().single().counts("c") shouldBe mapOf("10" to 5L)
        }
        qpi.client("not-a-token").use { shouldThrow<AuthorizationException> { it.listJobs() } }
    }

    test("meas_level 1: the emulator's IQ memory reaches the item's extras as raw memory, with no counts") {
        val job = client.backend(QpiEmulatorState.MOCK_QPU).createJob(x0, shots = 8, measLevel = 1).submit()
        val item = job.execute(10.seconds).raiseForError().resultList().single()
        item.counts("c") shouldBe emptyMap()
        val memory = kotlinx.serialization.json.Json.parseToJsonElement(QpiResults.of(item).single().rawMemoryJson!!)
            as kotlinx.serialization.json.JsonArray
        memory shouldHaveSize 8
        memory.forEach { shot -> (shot as kotlinx.serialization.json.JsonArray) shouldHaveSize 2 }
    }

    test("QPUs: only online ones are listed; an unknown one is a ValidationException naming the online ones") {
        val names = client.listQpus().map { it.name }
        names shouldContain QpiEmulatorState.SIM_QPU
        names shouldNotContain QpiEmulatorState.OFFLINE_QPU
        client.getQpu(QpiEmulatorState.SIM_QPU).numQubits shouldBe QpiEmulatorState.SIM_QPU_QUBITS
        shouldThrow<ValidationException> { client.backend("no-such-qpu") }.message!! shouldContain "no-such-qpu"
    }

    test("API tokens: the raw token comes back once, as a Secret, and authenticates") {
        val (info, secret) = client.createToken("ci")
        secret.toString() shouldBe "Secret(****)"
        client.listTokens().map { it.id } shouldContain info.id
        client.getToken(info.id).name shouldBe "ci"
        client.updateToken(info.id, name = "ci-2").name shouldBe "ci-2"
        QpiClient.create(qpi.url, secret).use { it.listJobs() }
        client.deleteToken(info.id)
        QpiClient.create(qpi.url, secret).use { shouldThrow<AuthorizationException> { it.listJobs() } }
    }

    test("time slots, time requests, notifications, users and admin operations, with a login as QPI's collection routes need") {
        val login = qpi.login()
        val start = java.time.Instant.now().plus(JavaDuration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.HOURS)
        val slot = login.createTimeSlot(start.toString(), start.plusSeconds(3600).toString())
        val slotId = slot["id"].toString().trim('"')
        slot["booked_by"].toString().trim('"') shouldBe QpiEmulatorState.DEMO_USER_ID
        login.listTimeSlots().map { it["id"].toString().trim('"') } shouldContain slotId
        client.listTimeSlots() shouldBe emptyList() // an API token alone is a guest on collection routes
        login.updateTimeSlot(slotId, endTime = start.plusSeconds(7200).toString())["end_time"].toString() shouldContain
            PocketBaseHours.of(start.plusSeconds(7200))
        shouldThrow<io.qonduit.errors.ApiException> { login.createTimeSlot(start.plusSeconds(600).toString(), start.plusSeconds(900).toString()) }
            .statusCode shouldBe 400
        login.deleteTimeSlot(slotId)
        login.listTimeSlots().map { it["id"].toString().trim('"') } shouldNotContain slotId

        val request = login.createTimeRequest(600, "calibration study")
        val requestId = request["id"].toString().trim('"')
        request["user"].toString().trim('"') shouldBe QpiEmulatorState.DEMO_USER_ID
        login.listTimeRequests().map { it["id"].toString().trim('"') } shouldContain requestId
        val before = qpi.emulator.qpi.qpuSeconds(QpiEmulatorState.DEMO_USER_ID)
        shouldThrow<AuthorizationException> { login.updateTimeRequest(requestId, "approved") }.statusCode shouldBe 403
        qpi.admin().use { admin ->
            admin.updateTimeRequest(requestId, "approved")["handled_by"].toString().trim('"') shouldBe QpiEmulatorState.ADMIN_USER_ID
            qpi.emulator.qpi.qpuSeconds(QpiEmulatorState.DEMO_USER_ID) shouldBe (before + 600 plusOrMinus 1.0)
            admin.listUsers().map { it["id"].toString().trim('"') } shouldContain QpiEmulatorState.DEMO_USER_ID
            admin.allocateQpuTime(QpiEmulatorState.DEMO_USER_ID, 120)
            qpi.emulator.qpi.qpuSeconds(QpiEmulatorState.DEMO_USER_ID) shouldBe 120.0
            admin.allocateQpuTime(QpiEmulatorState.DEMO_USER_ID, 3600)
            admin.version().keys.isNotEmpty() shouldBe true
            val created = admin.createQpu("extra-4", numQubits = 4, enabled = true)
            client.getQpu("extra-4").numQubits shouldBe 4
            admin.toggleQpu(created["id"].toString().trim('"'), false)["enabled"].toString() shouldBe "false"
        }
        login.listUsers().map { it["id"].toString().trim('"') } shouldBe listOf(QpiEmulatorState.DEMO_USER_ID)
        shouldThrow<AuthorizationException> { login.createQpu("nope") }.statusCode shouldBe 403

        val note = qpi.emulator.qpi.addNotification("Maintenance", "QPU down at noon", QpiEmulatorState.DEMO_USER_ID)
        login.listNotifications().map { it["id"].toString().trim('"') } shouldContain note
        login.dismissNotification(note)["status"].toString() shouldContain "dismissed"
        login.dismissNotification(note)["status"].toString() shouldContain "dismissed"
        login.close()
    }

    test("no QPU seconds left: submission is refused with 403") {
        qpi.emulator.qpi.setQpuSeconds(QpiEmulatorState.DEMO_USER_ID, 0.0)
        try {
            shouldThrow<AuthorizationException> { client.backend(QpiEmulatorState.MOCK_QPU).run(bell) }.statusCode shouldBe 403
        } finally {
            qpi.emulator.qpi.setQpuSeconds(QpiEmulatorState.DEMO_USER_ID, QpiEmulatorState.DEMO_QPU_SECONDS)
        }
    }

    test("polling survives server errors by retrying; a dropped submission is looked up, not repeated") {
        val job = client.backend(QpiEmulatorState.MOCK_QPU).run(bell, shots = 10)
        qpi.emulator.faults.error("GET", "/qpi/api/jobs/*", 503, times = 2)
        job.execute(10.seconds).resultList() shouldHaveSize 1

        qpi.emulator.faults.clear()
        qpi.emulator.faults.dropConnection("POST", "/qpi/api/jobs", times = 1)
        val dropped = client.backend(QpiEmulatorState.MOCK_QPU).createJob(bell, shots = 11)
        val doubt = shouldThrow<SubmissionUnknownException> { dropped.submit() }
        doubt.message!! shouldContain "listJobs"
        dropped.state shouldBe JobState.UNKNOWN_SUBMISSION
        // Nothing was created (the connection dropped before the server acted): every look finds
        // nothing, and nothing is sent again until the caller says so.
        dropped.reconcile().state shouldBe JobState.UNKNOWN_SUBMISSION
        shouldThrow<SubmissionUnknownException> { dropped.execute(5.seconds) }
        qpi.emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 1
        dropped.discardSubmission().state shouldBe JobState.CREATED
        dropped.execute(10.seconds).items().single().shots shouldBe 11
        qpi.emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 2
        qpi.emulator.faults.clear()
    }

    test("a submission whose reply is lost after the server acted is found, not sent again") {
        qpi.emulator.faults.clear()
        val before = client.listJobs(limit = 100).size
        qpi.emulator.faults.loseReply("POST", "/qpi/api/jobs", times = 1)
        val job = client.backend(QpiEmulatorState.MOCK_QPU).createJob(x0, shots = 13)
        job.submit()
        job.taskId shouldNotBe null
        job.execute(10.seconds).items().single().counts("c") shouldBe mapOf("10" to 13L)
        qpi.emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 1
        client.listJobs(limit = 100).size shouldBe before + 1
        qpi.emulator.faults.clear()
    }

    test("the API token never appears in logs, toString, errors or snapshots") {
        val job = client.backend(QpiEmulatorState.MOCK_QPU).run(bell, shots = 10)
        job.execute(10.seconds)
        val file = kotlin.io.path.createTempFile(suffix = ".json")
        job.save(file)
        val texts = listOf(client.toString(), job.toString(), java.nio.file.Files.readString(file)) + synchronized(qpi.log) { qpi.log.toList() }
        val error = shouldThrow<NotFoundException> { client.getJob("missing") }
        (texts + error.message!!).forEach { it shouldNotContain QpiEmulatorState.DEMO_TOKEN }
        error.shouldBeInstanceOf<NotFoundException>().body shouldContain "not found"
    }

    test("an API token and a login travel together, as the Python client sends them: a bad API token plus a good login works") {
        qpi.client(token = "not-a-valid-token").use { both ->
            shouldThrow<io.qonduit.errors.AuthorizationException> { both.listJobs(limit = 1) }
            both.authWithPassword(QpiEmulatorState.DEMO_IDENTITY, Secret.of(QpiEmulatorState.DEMO_PASSWORD))
            both.listJobs(limit = 1) // QPI's getToken falls back to the login when the API token is unknown
            val sent = qpi.emulator.faults.requests("/qpi/api/jobs", "GET").last().headerNames.map { it.lowercase() }
            sent.contains("x-api-token") shouldBe true
            sent.contains("authorization") shouldBe true
        }
    }
})
