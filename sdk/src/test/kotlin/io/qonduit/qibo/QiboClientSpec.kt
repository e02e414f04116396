package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.circuit.circuit
import io.qonduit.emulator.qibo.QiboEmulatorState
import io.qonduit.errors.ValidationException
import io.qonduit.job.JobFailedException
import io.qonduit.job.JobState
import io.qonduit.job.RunOptions
import io.qonduit.program.OpenQasmProgram
import io.qonduit.transport.Secret
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import java.nio.file.Files
import kotlin.time.Duration.Companion.seconds

class QiboClientSpec : FunSpec({
    val qibo = QiboEmulatorFixture()
    afterSpec { qibo.close() }
    val sim = QiboEmulatorState.SIM

    val ghz = circuit {
        val q = qreg("q", 3); val c = creg("c", 3)
        h(q[0]); cx(q[0], q[1]); cx(q[1], q[2]); measure(q, c)
    }

    test("the version check: headers sent, PEP 440 comparison, a warning when older, a typed error below the minimum") {
        qibo.client().use { client ->
            val v = client.checkClientServerQiboVersions()
            v.serverQiboVersion shouldBe "0.3.2"
            v.minimumClientQiboVersion shouldBe "0.1.2a"
            val request = qibo.emulator.faults.requests("/qibo/api/qibo_version/").last()
            request.hasHeader("x-api-token") shouldBe true
            request.hasHeader("x-qibo-client-version") shouldBe true
        }
        qibo.client { clientQiboVersion("0.1.2") }.use { client ->
            qibo.warnings.clear()
            client.checkClientServerQiboVersions() // 0.1.2 >= 0.1.2a: a pre-release is older
            qibo.warnings.single() shouldContain "please upgrade: 0.1.2 -> 0.3.2"
        }
        qibo.client { clientQiboVersion("0.1.1") }.use { client ->
            val e = shouldThrow<QiboVersionException> { client.runCircuit(ghz, sim, nshots = 10) }
            e.minimumClientQiboVersion shouldBe "0.1.2a"
            qibo.emulator.faults.requests("/qibo/api/jobs/", "POST").size shouldBe 0 // nothing was posted
        }
        shouldThrow<ValidationException> { qibo.client { clientQiboVersion("latest") } }.violations.single().field shouldBe "clientQiboVersion"
    }

    test("a DSL GHZ runs as a job: statuses in order, queue information, counts per register, the result item's extras") {
        qibo.client().use { client ->
            val job = client.runCircuit(ghz, sim, nshots = 200)
            job.taskId shouldNotBe null
            val seen = job.track().toList()
            seen.last().state shouldBe JobState.COMPLETED
            seen.map { it.rawStatus }.distinct().filterNotNull() shouldContain "success"
            val item = job.execute(30.seconds).raiseForError().items().single()
            val counts = item.counts("c")
            counts.keys shouldBe setOf("000", "111")
            counts.values.sum() shouldBe 200L
            val extras = item.extras(QiboResult::class.java)!!
            extras.type shouldBe "CircuitResult"
            extras.frequencies shouldBe counts
            extras.state!!.size shouldBe 8
            Files.exists(extras.resultsFolder!!.resolve("results.npy")) shouldBe true
            extras.resultsFolder shouldBe qibo.results.resolve(job.taskId!!)
        }
    }

    test("a parsed OpenQASM program and qibo JSON as given both run; JSON counts use qibo's keys") {
        qibo.client().use { client ->
            val target = client.target(sim)
            val qasm = OpenQasmProgram("OPENQASM 2.0; include \"qelib1.inc\"; qreg q[2]; creg c[2]; x q[1]; measure q[1] -> c[0]; measure q[0] -> c[1];")
            target.run(qasm) { shots = 50 }.execute(30.seconds).raiseForError().items().single().counts("c") shouldBe mapOf("10" to 50L)
            val json = QiboCircuitJson.write(ghz)
            val item = client.runCircuit(json, sim, nshots = 30).execute(30.seconds).raiseForError().items().single()
            item.counts(QiboTarget.NATIVE_REGISTER).values.sum() shouldBe 30L
        }
    }

    test("on the unavailable QPU a job waits pending with a queue position; deleting it cancels it") {
        qibo.client().use { client ->
            val job = client.runCircuit(ghz, QiboEmulatorState.HARDWARE, nshots = 10)
            var info = client.getJob(job.taskId!!)
            while (info.status == QiboJobStatus.QUEUEING) info = client.getJob(job.taskId!!)
            info.status shouldBe QiboJobStatus.PENDING
            info.queuePosition shouldBe 1
            info.device shouldBe QiboEmulatorState.HARDWARE
            shouldThrow<io.qonduit.job.JobTimeoutException> { job.wait(1.seconds) } // still pending at the deadline
            job.state shouldBe JobState.QUEUED
            job.queuePosition shouldBe 1
            job.cancel()
            job.state shouldBe JobState.CANCELLED
            shouldThrow<QiboApiException> { client.getJob(job.taskId!!) }.statusCode shouldBe 404
        }
    }

    test("a job ending in error still extracts its logs, and raiseForStatus carries them") {
        qibo.client().use { client ->
            val bad = """{"queue": [{"name": "gpi", "init_args": [0], "init_kwargs": {"phi": 0.1}, "_target_qubits": [0], "_control_qubits": [], "_class": "GPI"}],
                "nqubits": 1, "density_matrix": false, "qibo_version": "0.3.6"}"""
            val job = client.runCircuitJson(bad, sim, nshots = 5)
            job.wait(30.seconds)
            job.state shouldBe JobState.FAILED
            val e = shouldThrow<JobFailedException> { job.raiseForStatus() }
            e.message!! shouldContain "stderr"
            e.message!! shouldContain "GPI"
            val result = client.download(job.taskId!!, QiboJobStatus.ERROR)
            result.result shouldBe null
            result.logs.keys shouldContainAll listOf("stdout.log", "stderr.log")
            result.logs.getValue("stderr.log") shouldContain "GPI"
        }
    }

    test("result(wait) polls and downloads, as QiboJob.result does; get_job attaches to an existing pid") {
        qibo.client().use { client ->
            val pid = client.runCircuit(ghz, sim, nshots = 40).taskId!!
            val result = client.result(pid, java.time.Duration.ofMillis(10), java.time.Duration.ofSeconds(30))
            result.status shouldBe QiboJobStatus.SUCCESS
            result.result!!.frequencies.values.sum() shouldBe 40L
            val attached = client.job(pid)
            attached.execute(30.seconds).raiseForError().items().single().counts(QiboTarget.NATIVE_REGISTER).values.sum() shouldBe 40L
        }
    }

    test("jobs are listed, deleted one by one and in bulk; the tables print") {
        qibo.client().use { client ->
            client.deleteAllJobs()
            val a = client.runCircuit(ghz, sim, nshots = 5).taskId!!
            val b = client.runCircuit(ghz, sim, nshots = 5).taskId!!
            client.listJobs().map { it.pid } shouldContainAll listOf(a, b)
            client.listJobs().first().email shouldBe QiboEmulatorState.DEMO_EMAIL
            val table = client.jobInfo()
            table shouldContain "User: ${QiboEmulatorState.DEMO_EMAIL}"
            table shouldContain a
            table.lines()[1] shouldContain "Pid"
            client.deleteJob(a) shouldBe "Job $a deleted"
            client.listJobs().map { it.pid } shouldBe listOf(b)
            client.deleteAllJobs() shouldBe listOf(b)
            client.listJobs() shouldHaveSize 0
            client.jobInfo() shouldBe "No jobs found in database for user"
        }
    }

    test("quotas as data and as a table; jobs and shots left go down with use") {
        qibo.client().use { client ->
            val before = client.projectQuotas().single { it.partition.name == sim }
            before.project shouldBe "personal"
            before.partition.hardwareType shouldBe "simulator"
            client.runCircuit(ghz, sim, nshots = 7).wait(30.seconds)
            val after = client.projectQuotas().single { it.partition.name == sim }
            after.jobsLeft shouldBe before.jobsLeft!! - 1
            after.shotsLeft shouldBe before.shotsLeft!! - 7
            val disk = client.diskQuota()
            disk.email shouldBe QiboEmulatorState.DEMO_EMAIL
            (disk.kbsLeft < disk.kbsMax) shouldBe true
            val table = client.quotaInfo()
            table shouldContain "Disk quota left [KBs]: "
            table shouldContain "Device Name"
            table shouldContain QiboEmulatorState.HARDWARE
        }
    }

    test("errors: the server's detail, status, method and URL, never the token; 200 without pid; network failures have status 0") {
        qibo.client(token = "wrong-token-123").use { client ->
            val e = shouldThrow<QiboApiException> { client.listJobs() }
            e.statusCode shouldBe 404
            e.method shouldBe "GET"
            e.url shouldBe "${qibo.url}/api/jobs/"
            e.serverMessage shouldBe "User not found, specify the correct token"
            e.message!! shouldNotContain "wrong-token-123"
            client.toString() shouldNotContain "wrong-token-123"
        }
        qibo.client().use { client ->
            shouldThrow<QiboApiException> { client.getJob("invalidPid") }.serverMessage shouldBe "Invalid job pid, got invalidPid"
            shouldThrow<ValidationException> { client.getJob("../x") }.violations.single().field shouldBe "pid"
            // The service's answer when it cannot enqueue: 200 with a detail and no pid.
            qibo.emulator.faults.error("POST", "/qibo/api/jobs/", 200, times = 1, body = """{"detail": "Server failed to post job to queue"}""")
            try {
                shouldThrow<QiboJobPostException> { client.runCircuit(ghz, sim, nshots = 5) }.detail shouldBe "Server failed to post job to queue"
            } finally {
                qibo.emulator.faults.clear()
            }
            val quota = shouldThrow<QiboApiException> { client.runCircuit(ghz, "no-such-device", nshots = 5) }
            quota.statusCode shouldBe 404
            quota.serverMessage shouldContain "no-such-device"
        }
        synchronized(qibo.log) { qibo.log.none { it.contains(QiboEmulatorState.DEMO_TOKEN) || it.contains("wrong-token-123") } shouldBe true }
        val closedPort = java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()).use { it.localPort }
        QiboClient.builder("http://127.0.0.1:$closedPort", Secret.of("t")).transport(io.qonduit.transport.TransportConfig.builder().maxRetries(0).build()).build().use { client ->
            val e = shouldThrow<QiboApiException> { client.serverVersion() }
            e.statusCode shouldBe 0
            e.requestMayHaveArrived shouldBe false
        }
    }

    test("a lost reply to POST /api/jobs/ is looked up among the caller's jobs: one job, never posted twice") {
        qibo.emulator.faults.clear()
        qibo.emulator.faults.loseReply("POST", "/qibo/api/jobs/", times = 1)
        try {
            qibo.client().use { client ->
                val job = client.target(sim).create(listOf(io.qonduit.job.RunItem(ghz, 25)), RunOptions.DEFAULT).shouldBeInstanceOf<io.qonduit.job.Job>()
                job.execute(30.seconds).raiseForError().items().single().counts("c").values.sum() shouldBe 25L
                qibo.emulator.faults.requests("/qibo/api/jobs/", "POST") shouldHaveSize 1
            }
        } finally {
            qibo.emulator.faults.clear()
        }
    }

    test("a server archive beyond the client's caps is refused with the limit named, and nothing is left in the folder") {
        qibo.client { maxArchiveEntries(2) }.use { client ->
            val job = client.runCircuit(ghz, sim, nshots = 5)
            val e = shouldThrow<QiboArchiveException> { job.execute(30.seconds) }
            e.limit shouldBe "at most 2 entries"
            Files.exists(qibo.results.resolve(job.taskId!!)) shouldBe false
        }
        qibo.client { maxArchiveBytes(16) }.use { client ->
            val pid = client.runCircuit(ghz, sim, nshots = 5).taskId!!
            shouldThrow<QiboArchiveException> { client.result(pid, java.time.Duration.ofMillis(10), java.time.Duration.ofSeconds(30)) }.limit shouldContain "at most 16 bytes"
        }
    }

    test("a submitted job survives a snapshot (without the token) and finishes after restoring it") {
        qibo.client().use { client ->
            val target = client.target(sim, project = "personal", verbatim = true)
            val job = target.create(listOf(io.qonduit.job.RunItem(ghz, 15)), RunOptions.DEFAULT).shouldBeInstanceOf<io.qonduit.job.Job>().submit()
            val text = io.qonduit.job.Snapshots.encode(job.toSnapshot())
            text shouldNotContain QiboEmulatorState.DEMO_TOKEN
            val restored = io.qonduit.job.Snapshots.restore(io.qonduit.job.Snapshots.decode(text), io.qonduit.job.BackendResolver.of(target))
                .shouldBeInstanceOf<io.qonduit.job.Job>()
            restored.taskId shouldBe job.taskId
            restored.wait(30.seconds)
            restored.result!!.items.single().counts("c").values.sum() shouldBe 15L
            client.getJob(job.taskId!!).verbatim shouldBe true
        }
    }

    test("statuses map case-insensitively; unknown strings keep polling") {
        QiboTarget.stateOf("QUEUEING") shouldBe JobState.QUEUED
        QiboTarget.stateOf("pending") shouldBe JobState.QUEUED
        QiboTarget.stateOf("Running") shouldBe JobState.RUNNING
        QiboTarget.stateOf("postprocessing") shouldBe JobState.RUNNING
        QiboTarget.stateOf("success") shouldBe JobState.COMPLETED
        QiboTarget.stateOf("ERROR") shouldBe JobState.FAILED
        QiboTarget.stateOf("in_progress") shouldBe null
    }

    test("the job object's queue fields are read in both spellings") {
        val fixture = Json.parseToJsonElement(io.qonduit.fixtures.ReferenceFixtures.text("qibo", "GET_api_jobs_pid.response.queue.json")).jsonObject
        val info = QiboJobInfo.of(fixture, "p")
        info.queuePosition shouldBe 1
        info.secondsToJobStart shouldBe 300.0
        val other = QiboJobInfo.of(Json.parseToJsonElement("""{"status": "pending", "queue_position": 3, "etd_seconds": 1.5}""").jsonObject, "p")
        other.queuePosition shouldBe 3
        other.secondsToJobStart shouldBe 1.5
        shouldThrow<QiboMalformedResponseException> { QiboJobInfo.of(Json.parseToJsonElement("{}").jsonObject, "p") }.missingKeys shouldBe listOf("status")
    }
})
