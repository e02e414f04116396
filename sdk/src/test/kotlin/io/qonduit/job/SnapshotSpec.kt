package io.qonduit.job

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.backend.ErrorData
import io.qonduit.backend.TaskReport
import io.qonduit.local.LocalBackend
import io.qonduit.testing.Circuits
import io.qonduit.testing.ScriptedBackend
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.listDirectoryEntries
import kotlin.io.path.name
import kotlin.io.path.readText
import kotlin.io.path.writeText
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Free-form JSON objects: adding a key there changes the data rather than testing tolerance. */
private val FREE_FORM = setOf("raw", "bindings", "counts", "memory", "timings", "metrics", "metadata")

/** Adds an unknown key (with a nested value) to every schema object of a snapshot document. */
private fun withUnknownKeys(element: JsonElement): JsonElement = when (element) {
    is JsonObject -> JsonObject(
        element.mapValues { (key, value) -> if (key in FREE_FORM) value else withUnknownKeys(value) } +
            ("addedInAFutureVersion" to buildJsonObject { put("nested", JsonArray(listOf(JsonPrimitive(1)))) }),
    )
    is JsonArray -> JsonArray(element.map { withUnknownKeys(it) })
    else -> element
}

private fun Path.json(): JsonObject = Json.parseToJsonElement(readText()).jsonObject

private fun JsonObject.with(key: String, value: JsonElement) = JsonObject(this + (key to value))

class SnapshotSpec : FunSpec({
    val local = LocalBackend(seed = 11)
    afterSpec { local.close() }

    /** A scripted job run twice with diagnostics, so that output, history and diagnostics are all set. */
    suspend fun finishedJob(backend: ScriptedBackend): Job {
        val options = RunOptions.builder().shots(8).rawJson("""{"optimizations": {"tket": 18}}""").build()
        val job = Job(backend, JobInput(Circuits.BELL, "qpu:uk:2:d865b5a184", options, "bell"), fetchDiagnostics = true, cadence = PollCadence.ofMillis(3, 4))
        job.execute(5.seconds)
        job.execute(5.seconds)
        return job
    }

    test("a job round-trips: inputs, task id, state, raw status, output, history, diagnostics, cadence") {
        val backend = ScriptedBackend()
        val job = finishedJob(backend)
        val file = tempdir().toPath().resolve("job.json")
        job.save(file)

        val loaded = Job.load(file, backend)
        loaded.input shouldBe job.input
        loaded.tag shouldBe "bell"
        loaded.taskId shouldBe job.taskId
        loaded.state shouldBe JobState.COMPLETED
        loaded.rawStatus shouldBe "completed"
        loaded.fetchDiagnostics shouldBe true
        loaded.cadence.delays() shouldContainExactly listOf(3.milliseconds, 4.milliseconds)
        loaded.diagnostics shouldBe job.diagnostics
        loaded.diagnostics.shouldNotBeNull().timings.shouldNotBeNull()
        loaded.result.shouldNotBeNull().counts("c") shouldBe mapOf("00" to 3L, "11" to 5L)
        loaded.result!!.received shouldBe job.result!!.received
        loaded.history.size shouldBe 2
        loaded.history.map { it.taskId } shouldContainExactly job.history.map { it.taskId }
        // The current output is the history's last entry, not a second copy.
        (loaded.outputs.latest === loaded.history.latest) shouldBe true
        Snapshots.encode(loaded.toSnapshot()) shouldBe Snapshots.encode(job.toSnapshot())
    }

    test("an error output round-trips with its code and message") {
        val backend = ScriptedBackend.failing(42, "qubit 3 is down")
        val job = Job(backend, JobInput(Circuits.BELL, "dev"))
        job.execute(5.seconds)
        val file = tempdir().toPath().resolve("failed.json")
        job.save(file)
        val loaded = Job.load(file, backend)
        loaded.state shouldBe JobState.FAILED
        loaded.error.shouldNotBeNull().code shouldBe 42
        shouldThrow<JobFailedException> { loaded.raiseForStatus() }.details shouldBe "qubit 3 is down"
    }

    test("a composite round-trips with every child and its concurrency bound") {
        val scripted = ScriptedBackend()
        val composite = CompositeJob(
            listOf(local.createJob(Circuits.X0, shots = 5), Job(scripted, JobInput(Circuits.BELL, "dev")), local.createJob(Circuits.BELL, shots = 5)),
            maxConcurrency = 3,
        )
        composite.execute(5.seconds)
        val file = tempdir().toPath().resolve("composite.json")
        composite.save(file)

        val loaded = CompositeJob.load(file, local, scripted)
        loaded.maxConcurrency shouldBe 3
        loaded.jobs.map { it.backend } shouldContainExactly listOf(local, scripted, local)
        loaded.jobs.map { it.taskId } shouldContainExactly composite.jobs.map { it.taskId }
        loaded.completedJobs.size shouldBe 3
        loaded.outputs.resultList()[0].counts("c") shouldBe mapOf("100" to 5L)
        Snapshots.encode(loaded.toSnapshot()) shouldBe Snapshots.encode(composite.toSnapshot())
        Snapshots.load(file, local, scripted).shouldBeInstanceOf<CompositeJob>()
    }

    test("the file is written atomically: no temporary file is left, and an existing file is replaced") {
        val dir = tempdir().toPath()
        val file = dir.resolve("job.json")
        val job = local.createJob(Circuits.BELL, shots = 5)
        job.save(file)
        job.execute(5.seconds)
        job.save(file)
        dir.listDirectoryEntries().map { it.name } shouldContainExactly listOf("job.json")
        Job.load(file, local).state shouldBe JobState.COMPLETED

        val nested = dir.resolve("a/b/job.json")
        job.save(nested)
        Files.exists(nested) shouldBe true
    }

    test("the JSON names its kind and schema version") {
        val dir = tempdir().toPath()
        local.createJob(Circuits.BELL).save(dir.resolve("job.json"))
        CompositeJob(listOf(local.createJob(Circuits.BELL))).save(dir.resolve("composite.json"))

        val job = dir.resolve("job.json").json()
        job["kind"]!!.jsonPrimitive.content shouldBe "job"
        job["schemaVersion"]!!.jsonPrimitive.int shouldBe Snapshot.SCHEMA_VERSION
        job["provider"]!!.jsonPrimitive.content shouldBe "local"
        val composite = dir.resolve("composite.json").json()
        composite["kind"]!!.jsonPrimitive.content shouldBe "composite"
        composite["schemaVersion"]!!.jsonPrimitive.int shouldBe Snapshot.SCHEMA_VERSION
    }

    test("unknown keys are tolerated at every level") {
        val backend = ScriptedBackend()
        val job = finishedJob(backend)
        val original = Snapshots.encode(job.toSnapshot())
        val extended = withUnknownKeys(Json.parseToJsonElement(original)).toString()
        extended shouldContain "addedInAFutureVersion"
        Snapshots.encode(Snapshots.decode(extended)) shouldBe original

        val composite = CompositeJob(listOf(finishedJob(backend), finishedJob(backend)))
        val compositeText = Snapshots.encode(composite.toSnapshot())
        Snapshots.encode(Snapshots.decode(withUnknownKeys(Json.parseToJsonElement(compositeText)).toString())) shouldBe compositeText
    }

    test("an unsupported schema version, in the document or in a child, is refused clearly") {
        val dir = tempdir().toPath()
        val file = dir.resolve("job.json")
        local.createJob(Circuits.BELL).save(file)
        file.writeText(file.json().with("schemaVersion", JsonPrimitive(99)).toString())
        shouldThrow<SnapshotException> { Job.load(file, local) }.message shouldBe
            "unsupported snapshot schemaVersion 99 (this Qonduit reads 1 and ${Snapshot.SCHEMA_VERSION})"

        val compositeFile = dir.resolve("composite.json")
        CompositeJob(listOf(local.createJob(Circuits.BELL))).save(compositeFile)
        val doc = compositeFile.json()
        val child = (doc["jobs"] as JsonArray)[0].jsonObject.with("schemaVersion", JsonPrimitive(3))
        compositeFile.writeText(doc.with("jobs", JsonArray(listOf(child))).toString())
        shouldThrow<SnapshotException> { CompositeJob.load(compositeFile, local) }.message!! shouldContain "schemaVersion 3"
    }

    test("an unknown or missing kind, and text that is not a snapshot, are SnapshotExceptions") {
        val text = Snapshots.encode(local.createJob(Circuits.BELL).toSnapshot())
        val doc = Json.parseToJsonElement(text).jsonObject
        shouldThrow<SnapshotException> { Snapshots.decode(doc.with("kind", JsonPrimitive("pipeline")).toString()) }
            .message!! shouldContain "pipeline"
        shouldThrow<SnapshotException> { Snapshots.decode(JsonObject(doc - "kind").toString()) }
            .message!! shouldContain "not a Qonduit job snapshot"
        shouldThrow<SnapshotException> { Snapshots.decode("{ not json") }
        val missing = tempdir().toPath().resolve("nope.json")
        shouldThrow<SnapshotException> { Snapshots.read(missing) }.message!! shouldContain "cannot read snapshot"
    }

    test("a snapshot whose provider has no backend among those given is refused, naming the provider") {
        val file = tempdir().toPath().resolve("job.json")
        Job(ScriptedBackend(provider = "oqc"), JobInput(Circuits.BELL, "dev")).save(file)
        shouldThrow<SnapshotException> { Job.load(file, local) }.message shouldBe
            "no backend for provider 'oqc' was given to restore this snapshot"
        shouldThrow<SnapshotException> { Snapshots.load(file) }.message!! shouldContain "'oqc'"
        shouldThrow<SnapshotException> { Snapshots.load(file, BackendResolver { null }) }
    }

    test("a running job saved and loaded on the same backend resumes to completion") {
        val backend = ScriptedBackend()
        val job = Job(backend, JobInput(Circuits.BELL, "dev")).submit()
        job.refresh()
        job.state shouldBe JobState.QUEUED
        val file = tempdir().toPath().resolve("running.json")
        job.save(file)

        val resumed = Job.load(file, backend)
        resumed.taskId shouldBe job.taskId
        resumed.state shouldBe JobState.QUEUED
        resumed.rawStatus shouldBe "pending"
        resumed.isActive shouldBe true
        resumed.wait(5.seconds).state shouldBe JobState.COMPLETED
        resumed.result.shouldNotBeNull().counts("c") shouldBe mapOf("00" to 3L, "11" to 5L)
        backend.submitCalls.get() shouldBe 1
        backend.pollCalls.get() shouldBe 3 // one before saving, two after: the task went on where it was
    }

    test("a local task unknown to a fresh local backend fails the loaded job with an explanation") {
        val file = tempdir().toPath().resolve("local.json")
        LocalBackend(queuedDelay = java.time.Duration.ofSeconds(5)).use { first ->
            first.createJob(Circuits.BELL).submit().save(file)
        }
        LocalBackend().use { fresh ->
            val job = Job.load(file, fresh)
            job.state shouldBe JobState.QUEUED
            job.wait(5.seconds).state shouldBe JobState.FAILED
            job.rawStatus shouldBe "UNKNOWN_TASK"
            job.error.shouldNotBeNull().message shouldContain "not known to this local backend"
        }
    }

    test("a provider error report restored from a snapshot keeps the provider's message") {
        val backend = ScriptedBackend(listOf(TaskReport(JobState.FAILED, "ERROR", error = ErrorData("compile failed"))))
        val job = Job(backend, JobInput(Circuits.BELL, "dev"))
        job.execute(5.seconds)
        val restored = Snapshots.restore(Snapshots.decode(Snapshots.encode(job.toSnapshot())), BackendResolver.of(backend))
        restored.outputs.errorList().single().message shouldBe "compile failed"
    }

    test("every program kind round-trips: a DSL circuit (with a user gate and a condition), OpenQASM text exactly, a native program") {
        val theta = io.qonduit.circuit.Parameter("theta")
        val rzx = io.qonduit.circuit.gate("rzx", theta) { a, b -> h(b); cx(a, b); rz(theta, b); cx(a, b); h(b) }
        val circuit = io.qonduit.circuit.circuit {
            val q = qreg("q", 2)
            val c = creg("c", 2)
            gate(rzx, listOf(theta * 2), q[0], q[1]); measure(q, c)
            ifEquals(c, 3) { x(q[0]) }
        }
        val text = io.qonduit.program.OpenQasmProgram("OPENQASM 2.0;\n// kept exactly\nqreg q[1];\n")
        val native = io.qonduit.program.NativeProgram("qibo-json", "{\"nqubits\": 1}", listOf("a"))
        val items = listOf(RunItem(circuit, 10, theta.bind(0.5)), RunItem(text), RunItem(native))
        val job = Job(ScriptedBackend(), JobInput(items, "dev"))
        val back = Snapshots.decode(Snapshots.encode(job.toSnapshot())) as JobSnapshot
        back.input shouldBe job.input
        back.input.programs[0] shouldBe circuit
        (back.input.programs[1] as io.qonduit.program.OpenQasmProgram).text shouldBe text.text
    }
})
