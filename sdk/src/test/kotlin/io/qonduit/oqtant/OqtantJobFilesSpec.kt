package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.OqtantFixtures
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import java.nio.file.Files

class OqtantJobFilesSpec : FunSpec({
    val env = OqtantTestEnv()
    afterSpec { env.close() }
    val client = env.client
    val hardware = "result_hw_barrier_in_trap.full.json"

    test("file names follow the Python client: {id}.txt and {id}_run_{r}_of_{n}.txt") {
        val job = becJob().copy(externalId = "abc")
        OqtantJobFiles.fileName(job) shouldBe "abc.txt"
        OqtantJobFiles.fileName(job, "mine") shouldBe "mine.txt"
        val multi = job.copy(inputCount = 3, inputs = listOf(job.inputs[0].copy(run = 2)))
        OqtantJobFiles.fileName(multi) shouldBe "abc_run_2_of_3.txt"
        OqtantJobFiles.fileName(multi, "sweep") shouldBe "sweep_run_2_of_3.txt"
        shouldThrow<OqtantJobFileException> { OqtantJobFiles.fileName(becJob()) }.message!! shouldContain "no external id"
    }

    test("a job written by the Python client re-encodes to the same document with the same key order") {
        val original = Json.parseToJsonElement(OqtantFixtures.text(hardware)).jsonObject
        val written = Json.parseToJsonElement(OqtantJobFiles.encode(OqtantJson.decodeJob(OqtantFixtures.text(hardware)))).jsonObject
        OqtantFixtures.normalized(written) shouldBe OqtantFixtures.normalized(original)
        written.keys.toList() shouldContainExactly original.keys.toList()
        val input = written["inputs"]!!.jsonArray[0].jsonObject
        input.keys.toList() shouldContainExactly original["inputs"]!!.jsonArray[0].jsonObject.keys.toList()
        input["output"]!!.jsonObject.keys.toList() shouldContainExactly listOf("input_id", "values")
    }

    test("response-only keys are not written, so files have exactly the Python keys") {
        val dir = tempdir().toPath()
        val id = client.submitJob(becJob("keys")).jobId
        val done = client.trackJobs(listOf(id)).single()
        done.paid shouldBe false // the service sends it...
        val text = Files.readString(client.writeJobToFile(done, directory = dir))
        val keys = (Json.parseToJsonElement(text) as JsonObject).keys
        keys shouldContainExactlyInAnyOrder listOf(
            "name", "origin", "status", "display", "time_start", "time_complete", "qpu_name", "input_count", "inputs",
            "external_id", "time_submit", "job_type",
        ) // ...but the file leaves it out
        OqtantJobFiles.read(dir.resolve("$id.txt")).copy(paid = false, failedInputs = done.failedInputs) shouldBe done
    }

    test("runJobs(track, write) writes each finished job, one file per run, with the given names") {
        val dir = tempdir().toPath()
        val base = barrierJob("files")
        val twoRuns = base.copy(inputs = listOf(base.inputs[0], base.inputs[0].copy(run = 2)))
        val ids = client.runJobs(listOf(becJob("files-bec"), twoRuns), track = true, write = true, fileNames = listOf("bec", "sweep"), directory = dir)
        Files.list(dir).use { files -> files.map { it.fileName.toString() }.toList() } shouldContainExactlyInAnyOrder
            listOf("bec.txt", "sweep_run_1_of_2.txt", "sweep_run_2_of_2.txt")
        val run2 = OqtantJobFiles.read(dir.resolve("sweep_run_2_of_2.txt"))
        run2.externalId shouldBe ids[1]
        run2.run shouldBe 2
        run2.status shouldBe JobStatus.COMPLETE
        shouldThrow<io.qonduit.errors.ValidationException> { client.runJobs(listOf(becJob()), fileNames = listOf("a", "b")) }
    }

    test("loadJobFromFile refreshes the file from the service; without refresh it reads as is") {
        val dir = tempdir().toPath()
        OqtantTestEnv(queued = 300).use { slow ->
            val id = slow.client.submitJob(becJob("refresh"), write = true, directory = dir).jobId
            val file = dir.resolve("$id.txt")
            OqtantJobFiles.read(file).status shouldBe JobStatus.PENDING
            slow.client.trackJobs(listOf(id))
            slow.client.loadJobFromFile(file, refresh = false).status shouldBe JobStatus.PENDING
            val fresh = slow.client.loadJobFromFile(file)
            fresh.status shouldBe JobStatus.COMPLETE
            OqtantJobFiles.read(file).status shouldBe JobStatus.COMPLETE
            slow.client.loadJobFromFileList(listOf(file), refresh = false).single().inputs[0].output!!.values.outputJobType.name shouldBe "NON_IN_TRAP"
            slow.client.activeJobs.map { it.externalId } shouldContainExactly listOf(id)
        }
    }

    test("a Python-written file loads; broken files and failed refreshes raise OqtantJobFileException") {
        val dir = tempdir().toPath()
        val python = dir.resolve("LongOnlyExpt_rep_0.txt")
        Files.writeString(python, OqtantFixtures.text(hardware))
        client.loadJobFromFile(python, refresh = false).externalId shouldBe "0339e46e-a10d-47dc-8dc3-0add622de17d"
        // Not a job of this (emulated) account: the refresh fails with the file named.
        shouldThrow<OqtantJobFileException> { client.loadJobFromFile(python) }.message!! shouldContain "Failed to refresh job from"
        val broken = dir.resolve("broken.txt")
        Files.writeString(broken, "{not json")
        shouldThrow<OqtantJobFileException> { client.loadJobFromFile(broken) }.message!! shouldContain "Failed to parse job from"
        shouldThrow<OqtantJobFileException> { client.loadJobFromFile(dir.resolve("missing.txt")) }.message!! shouldContain "Failed to load job from"
    }
})
