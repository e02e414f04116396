package io.qonduit.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.job.Job
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import java.nio.file.Files
import kotlin.time.Duration.Companion.seconds

class OqtantCompactResultSpec : FunSpec({
    fun largestArray(e: JsonElement): Int = when (e) {
        is JsonObject -> e.values.maxOfOrNull(::largestArray) ?: 0
        is JsonArray -> maxOf(e.size, e.maxOfOrNull(::largestArray) ?: 0)
        else -> 0
    }

    test("a finished in-trap job keeps its images packed: no JSON value per pixel, each stored copy smaller than the wire JSON, exact on reload") {
        OqtantTestEnv().use { env ->
            val job = env.client.createJob(barrierJob("compact"))
            job.execute(20.seconds)
            val result = job.result!!
            val typed = result.oqtantResult()
            val image = typed.outputs.single().values.shouldBeInstanceOf<InTrapOutput>().itPlot
            image.pixels.size shouldBe 148 * 503

            val wire = OqtantJson.encodeJob(typed.job) // what GET /jobs/{id} sent, in the service's form
            wire shouldContain "\"pixels\":["
            val file = tempdir().toPath().resolve("job.json")
            job.save(file)
            val saved = Files.readString(file)
            saved shouldContain "pixels_f64le"
            saved shouldNotContain "\"pixels\""
            largestArray(Json.parseToJsonElement(saved)) shouldBeLessThan 1_000 // 148 × 503 pixels would be one array of 74 444
            val packed = OqtantResult.CODEC.encode(typed).toString().length
            packed shouldBeLessThan wire.length * 2 / 3
            // The current output is the last of the history: the snapshot stores the result once.
            saved.length shouldBeLessThan packed + packed / 5 // the inputs and status come on top
            Job.load(file, env.client.backend).result!!.oqtantResult() shouldBe typed
        }
    }

    test("job files keep the service's JSON arrays, never the compact form") {
        OqtantTestEnv().use { env ->
            val id = env.client.submitJob(barrierJob("file form")).jobId
            val done = env.client.trackJobs(listOf(id)).single()
            val text = OqtantJobFiles.encode(done)
            text shouldContain "\"pixels\":["
            text shouldNotContain "pixels_f64le"
            OqtantJson.decodeJob(text) shouldBe done.copy(qpu = null, paid = null, failedInputs = null)
        }
    }
})
