package io.qonduit.job

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
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
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.put
import java.nio.file.Path
import kotlin.io.path.readText
import kotlin.io.path.writeText
import kotlin.time.Duration.Companion.seconds

/** Damaged and hand-edited snapshot files: each is a [SnapshotException] naming the field, at load. */
class SnapshotChecksSpec : FunSpec({
    val local = LocalBackend(seed = 5)
    afterSpec { local.close() }

    fun Path.edit(change: (JsonObject) -> JsonObject) = writeText(change(Json.parseToJsonElement(readText()).jsonObject).toString())
    fun JsonObject.with(vararg entries: Pair<String, JsonElement>) = JsonObject(this + entries)

    suspend fun savedCompletedJob(): Path {
        val file = tempdir().toPath().resolve("job.json")
        local.createJob(Circuits.BELL).also { it.execute(10.seconds) }.save(file)
        return file
    }

    test("a poll delay edited to 0 names cadenceMillis[0] (it was an IllegalArgumentException from PollCadence)") {
        val file = savedCompletedJob()
        file.edit { it.with("cadenceMillis" to JsonArray(listOf(JsonPrimitive(0), JsonPrimitive(50)))) }
        val e = shouldThrow<SnapshotException> { Job.load(file, local) }
        e.field shouldBe "cadenceMillis[0]"
        e.message shouldBe "snapshot field cadenceMillis[0] = 0: must be a positive number of milliseconds"
    }

    test("a composite's maxConcurrency edited to 0 names maxConcurrency (it was an IllegalArgumentException)") {
        val file = tempdir().toPath().resolve("composite.json")
        CompositeJob(listOf(local.createJob(Circuits.BELL))).save(file)
        file.edit { it.with("maxConcurrency" to JsonPrimitive(0)) }
        shouldThrow<SnapshotException> { CompositeJob.load(file, local) }.field shouldBe "maxConcurrency"
    }

    test("a COMPLETED snapshot without its output is refused (it loaded silently as a completed job with no result)") {
        val file = savedCompletedJob()
        file.edit { JsonObject(it - "output" - "history").with("outputIsLatest" to JsonPrimitive(false)) }
        val e = shouldThrow<SnapshotException> { Job.load(file, local) }
        e.field shouldBe "output"
        e.message!! shouldContain "COMPLETED"
    }

    test("a FAILED snapshot without its error is refused, naming output; the SDK's own FAILED snapshot loads") {
        val backend = ScriptedBackend(listOf(TaskReport(JobState.FAILED, "ERROR", error = ErrorData("compile failed"))))
        val file = tempdir().toPath().resolve("failed.json")
        Job(backend, JobInput(Circuits.BELL, "dev")).also { it.execute(10.seconds) }.save(file)
        Job.load(file, backend).error!!.message shouldBe "compile failed"
        file.edit { JsonObject(it - "output" - "history").with("outputIsLatest" to JsonPrimitive(false)) }
        val e = shouldThrow<SnapshotException> { Job.load(file, backend) }
        e.field shouldBe "output"
        e.message shouldBe "snapshot field output = missing: must be the error of the run when state is FAILED"
    }

    test("a FAILED snapshot whose output is a result is refused, naming output") {
        val file = savedCompletedJob()
        file.edit { it.with("state" to JsonPrimitive("FAILED")) }
        shouldThrow<SnapshotException> { Job.load(file, local) }.message shouldBe
            "snapshot field output = a result: must be the error of the run when state is FAILED"
    }

    test("an UNKNOWN_SUBMISSION snapshot without submissionInDoubt is refused, naming it") {
        val file = tempdir().toPath().resolve("doubt.json")
        local.createJob(Circuits.BELL).save(file)
        file.edit { it.with("state" to JsonPrimitive("UNKNOWN_SUBMISSION")) }
        val e = shouldThrow<SnapshotException> { Job.load(file, local) }
        e.field shouldBe "submissionInDoubt"
        e.message!! shouldContain "UNKNOWN_SUBMISSION"
        file.edit { it.with("submissionInDoubt" to buildJsonObject { put("sentAt", "2026-01-31T12:00:00Z") }) }
        Job.load(file, local).state shouldBe JobState.UNKNOWN_SUBMISSION
    }

    test("a child's broken field is named with its index") {
        val file = tempdir().toPath().resolve("composite.json")
        CompositeJob(listOf(local.createJob(Circuits.BELL), local.createJob(Circuits.BELL))).save(file)
        file.edit { doc ->
            val jobs = doc["jobs"] as JsonArray
            doc.with("jobs" to JsonArray(listOf(jobs[0], jobs[1].jsonObject.with("cadenceMillis" to JsonArray(listOf(JsonPrimitive(-5)))))))
        }
        shouldThrow<SnapshotException> { Snapshots.read(file) }.field shouldBe "jobs[1].cadenceMillis[0]"
    }

    test("hand-edited times are SnapshotExceptions (they were raw DateTimeParseExceptions)") {
        val file = savedCompletedJob()
        val history = Json.parseToJsonElement(file.readText()).jsonObject["history"] as JsonArray
        file.edit { it.with("history" to JsonArray(listOf(history[0].jsonObject.with("received" to JsonPrimitive("yesterday"))))) }
        shouldThrow<SnapshotException> { Job.load(file, local) }.message!! shouldContain "'yesterday' is not an ISO-8601 instant"

        val doubtful = tempdir().toPath().resolve("doubtful.json")
        local.createJob(Circuits.BELL).save(doubtful)
        doubtful.edit { it.with("submissionInDoubt" to buildJsonObject { put("sentAt", "last tuesday") }) }
        shouldThrow<SnapshotException> { Job.load(doubtful, local) }.field shouldBe "submissionInDoubt.sentAt"
    }

    test("a torn file (cut short mid-write) is a SnapshotException, not a partial job") {
        val file = savedCompletedJob()
        val text = file.readText()
        file.writeText(text.substring(0, text.length / 2))
        shouldThrow<SnapshotException> { Job.load(file, local) }.message!! shouldContain "not a Qonduit job snapshot"
    }

    test("a snapshot object built in code is checked too, before anything is restored") {
        val saved = local.createJob(Circuits.BELL).toSnapshot()
        val edited = JobSnapshot(provider = saved.provider, input = saved.input, cadenceMillis = listOf(10, 0))
        shouldThrow<SnapshotException> { Job.fromSnapshot(edited, local) }.field shouldBe "cadenceMillis[1]"
    }
})
