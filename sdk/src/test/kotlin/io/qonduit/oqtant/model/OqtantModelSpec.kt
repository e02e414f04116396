package io.qonduit.oqtant.model

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.errors.ValidationException
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import java.time.Instant

class OqtantModelSpec : FunSpec({
    val json = OqtantJson.format
    fun reencoded(job: OqtantJob) = OqtantFixtures.normalized(json.parseToJsonElement(OqtantJson.encodeJob(job)))

    context("real results decode and re-encode without losing a field") {
        test("hardware in-trap barrier result (148 × 503)") {
            val name = "result_hw_barrier_in_trap.full.json"
            val job = OqtantJson.decodeJob(OqtantFixtures.text(name))
            reencoded(job) shouldBe OqtantFixtures.normalized(OqtantFixtures.tree(name))

            job.jobType shouldBe JobType.BARRIER
            job.status shouldBe JobStatus.COMPLETE
            job.origin shouldBe JobOrigin.OQTAPI
            job.externalId shouldBe "0339e46e-a10d-47dc-8dc3-0add622de17d"
            job.timeSubmitInstant shouldBe Instant.parse("2024-08-07T20:23:10.450822Z")
            job.input!!.opticalBarriers!!.size shouldBe 10
            job.input!!.opticalBarriers!!.forEach { it.timesMs.size shouldBe 18 }

            val output = job.inputs[0].output!!
            output.inputId shouldBe 211472
            val plot = output.values.shouldBeInstanceOf<InTrapOutput>().itPlot
            output.values.outputJobType shouldBe OutputJobType.IN_TRAP
            plot.rows shouldBe 148
            plot.columns shouldBe 503
            plot.pixcal shouldBe 0.344
            plot.isShapeConsistent shouldBe true
            val rawPixels = OqtantFixtures.tree(name).jsonObject["inputs"]!!.jsonArray[0].jsonObject["output"]!!
                .jsonObject["values"]!!.jsonObject["it_plot"]!!.jsonObject["pixels"]!!.jsonArray
            plot[0, 0] shouldBe rawPixels[0].toString().toDouble()
            plot[1, 2] shouldBe rawPixels[503 + 2].toString().toDouble()
            plot[147, 502] shouldBe rawPixels[74443].toString().toDouble()
            val matrix = plot.toMatrix()
            matrix.size shouldBe 148
            matrix[1].size shouldBe 503
            matrix[1][2] shouldBe plot[1, 2]
            plot.row(147)[502] shouldBe plot[147, 502]
            plot.widthUm!! shouldBe (503 * 0.344 plusOrMinus 1e-9)
        }

        test("simulator time-of-flight PAINT_1D result keeps its 2 × 2 images that carry 10 000 pixels") {
            val name = "result_sim_paint1d_tof.full.json"
            val job = OqtantJson.decodeJob(OqtantFixtures.text(name))
            reencoded(job) shouldBe OqtantFixtures.normalized(OqtantFixtures.tree(name))

            job.jobType shouldBe JobType.PAINT_1D
            job.externalId.shouldBeNull()
            job.origin.shouldBeNull()
            job.inputCount.shouldBeNull()
            job.timeStartInstant.shouldBeNull()
            val out = job.inputs[0].output!!.values.shouldBeInstanceOf<TimeOfFlightOutput>()
            out.outputJobType shouldBe OutputJobType.NON_IN_TRAP
            out.tofImage.rows shouldBe 100
            out.tofImage.isShapeConsistent shouldBe true
            out.tofImage.toMatrix().size shouldBe 100
            out.tofImage.pixcal shouldBe 4.4

            val mot = out.motFluorescenceImage
            mot.rows shouldBe 2
            mot.columns shouldBe 2
            mot.pixelCount shouldBe 10_000
            mot.isShapeConsistent shouldBe false
            val e = shouldThrow<ImageShapeException> { mot.toMatrix() }
            e.pixelCount shouldBe 10_000
            e.rows shouldBe 2
            shouldThrow<ImageShapeException> { out.tofFitImage[0, 0] }

            out.condensedAtomNumber shouldBe 10_000L
            out.totalPopulation shouldBe 10_000L
            out.condensedFraction shouldBe 1.0
            out.temperatureNk shouldBe 0L
            out.tofFit.x0 shouldBe 0.0
            out.tofXSlice.points.size shouldBe 100
            out.slice(Axis.X).toList() shouldBe out.tofXSlice.points.map { it.y }
            out.slice(Axis.Y).size shouldBe 100
        }

        test("both real results pass validation") {
            OqtantValidation.violations(OqtantJson.decodeJob(OqtantFixtures.text("result_hw_barrier_in_trap.full.json"))).shouldBeEmpty()
            OqtantValidation.violations(OqtantJson.decodeJob(OqtantFixtures.text("result_sim_paint1d_tof.full.json"))).shouldBeEmpty()
        }
    }

    context("templates and submit bodies") {
        for (kind in listOf("bec", "barrier")) {
            test("$kind template validates and becomes exactly the derived POST body") {
                val job = OqtantJson.decodeJob(OqtantFixtures.text("fixture_${kind}_job.oqtant-3.3.4.json"))
                job.validate()
                job.jobType shouldBe JobType.valueOf(kind.uppercase())
                val body = json.parseToJsonElement(OqtantJson.encodeSubmission(job))
                OqtantFixtures.normalized(body) shouldBe
                    OqtantFixtures.normalized(OqtantFixtures.tree("post_jobs_body_$kind.derived.json"))
            }

            test("$kind POST body decodes as a job and as a submission") {
                val text = OqtantFixtures.text("post_jobs_body_$kind.derived.json")
                val job = OqtantJson.decodeJob(text)
                job.inputCount shouldBe 1
                job.run shouldBe 1
                job.validate()
                val submission = json.decodeFromString(JobSubmission.serializer(), text)
                submission shouldBe job.toSubmission()
            }
        }

        test("barrier template values match the reference") {
            val values = OqtantJson.decodeJob(OqtantFixtures.text("fixture_barrier_job.oqtant-3.3.4.json")).input!!
            values.imageType shouldBe ImageType.IN_TRAP
            values.timeOfFlightMs shouldBe 7.0
            values.opticalBarriers!![1].heightsKhz.last() shouldBe 40.0
            values.opticalBarriers!![0].interpolation shouldBe InterpolationType.OFF
            values.rfEvaporation.frequenciesMhz.last() shouldBe 0.1
        }

        test("submission numbers runs, clears server ids and outputs, and counts inputs") {
            val result = OqtantJson.decodeJob(OqtantFixtures.text("result_hw_barrier_in_trap.full.json"))
            val twoRuns = result.copy(inputs = listOf(result.inputs[0].copy(run = null), result.inputs[0].copy(run = 0)))
            val submission = twoRuns.toSubmission()
            submission.inputCount shouldBe 2
            submission.jobType shouldBe JobType.BARRIER
            submission.inputs.map { it.run } shouldContainExactly listOf(1, 2)
            submission.inputs.forEach { it.output.shouldBeNull(); it.jobId.shouldBeNull() }
        }

        test("an invalid job cannot become a submission") {
            val job = OqtantJson.decodeJob(OqtantFixtures.text("fixture_bec_job.oqtant-3.3.4.json"))
            shouldThrow<ValidationException> { OqtantJson.encodeSubmission(job.copy(name = "")) }
                .violations.map { it.field } shouldContainExactly listOf("name")
        }

        test("OqtantJob.of numbers runs and computes the job type") {
            val values = OqtantJson.decodeJob(OqtantFixtures.text("fixture_bec_job.oqtant-3.3.4.json")).input!!
            val job = OqtantJob.of("two", values, values.copy(imageType = ImageType.IN_TRAP))
            job.inputs.map { it.run } shouldContainExactly listOf(1, 2)
            job.jobType shouldBe JobType.BEC
            job.status shouldBe JobStatus.PENDING
            job.qpuName shouldBe QpuName.UNDEFINED
        }
    }

    context("input values") {
        test("all-blocks InputValues of bert_schemas' tests decodes with service defaults") {
            val values = json.decodeFromString(InputValues.serializer(), OqtantFixtures.text("input_values_all_blocks.bert_schemas_tests.json"))
            values.jobType shouldBe JobType.PAINT_1D
            values.endTimeMs shouldBe 5.0
            values.opticalBarriers!![0].shape shouldBe ShapeType.GAUSSIAN
            values.opticalLandscape!!.landscapes.map { it.timeMs } shouldContainExactly listOf(3.0, 4.0)
            values.lasers!![0].type shouldBe LaserType.TERMINATOR
            values.lasers!![0].positionUm shouldBe 30.0
            values.lasers!![0].pulses[0].interpolation shouldBe InterpolationType.OFF
        }

        test("all-blocks InputValues breaks only Qonduit's sorted-RF-times rule (bert_schemas re-sorts, Q11)") {
            val values = json.decodeFromString(InputValues.serializer(), OqtantFixtures.text("input_values_all_blocks.bert_schemas_tests.json"))
            val e = shouldThrow<ValidationException> { OqtantValidation.validateValues(values) }
            e.violations.map { it.field to it.limit } shouldContainExactly
                listOf("values.rf_evaporation.times_ms" to "must be in ascending order")
            val sorted = values.copy(rfEvaporation = values.rfEvaporation.copy(timesMs = listOf(-4, -3), frequenciesMhz = listOf(1.0, 2.0), powersMw = listOf(3.0, 2.0)))
            OqtantValidation.validateValues(sorted)
        }

        test("job type rule: landscape ⇒ PAINT_1D, barriers or IN_TRAP ⇒ BARRIER, else BEC") {
            val bec = OqtantJson.decodeJob(OqtantFixtures.text("fixture_bec_job.oqtant-3.3.4.json")).input!!
            bec.jobType shouldBe JobType.BEC
            bec.copy(imageType = ImageType.IN_TRAP).jobType shouldBe JobType.BARRIER
            bec.copy(opticalBarriers = listOf(Barrier())).jobType shouldBe JobType.BARRIER
            bec.copy(opticalLandscape = OpticalLandscape(listOf(Landscape(), Landscape(1.0))), imageType = ImageType.IN_TRAP)
                .jobType shouldBe JobType.PAINT_1D
            bec.copy(imageType = ImageType.MOT).jobType shouldBe JobType.BEC
        }

        test("constructor defaults are the service's") {
            Barrier().timesMs shouldBe (1..11).map { it.toDouble() }
            Barrier().heightsKhz shouldBe List(11) { 10.0 }
            Barrier().widthsUm shouldBe List(11) { 1.0 }
            Barrier().interpolation shouldBe InterpolationType.LINEAR
            Barrier().shape shouldBe ShapeType.GAUSSIAN
            Landscape() shouldBe Landscape(0.0, listOf(0.0, 0.0), listOf(-1.0, 1.0), InterpolationType.LINEAR)
            Pulse() shouldBe Pulse(listOf(0.0, 1.0), listOf(1.0, 1.0), 0.0, InterpolationType.OFF)
            Laser(listOf(Pulse())).positionUm shouldBe 30.0
            RfEvaporation(listOf(1.0), listOf(1.0), RfInterpolationType.LINEAR).timesMs shouldBe listOf(-1600, -1200, -800, -400, 0)
            Barrier.precision(listOf(0.0, 1.0), listOf(0.0, 0.0), listOf(1.0, 1.0)).widthsUm shouldBe listOf(0.5, 0.5)
        }

        test("decoding a barrier without shape or interpolation uses GAUSSIAN and LINEAR") {
            val b = json.decodeFromString(Barrier.serializer(),
                """{"times_ms":[0,1],"positions_um":[0,0],"heights_khz":[1,2],"widths_um":[1,1]}""")
            b.shape shouldBe ShapeType.GAUSSIAN
            b.interpolation shouldBe InterpolationType.LINEAR
        }
    }

    context("responses") {
        // The shape fixtures hold type placeholders; fill them with sample values and decode.
        fun filled(name: String, fill: (String) -> kotlinx.serialization.json.JsonElement): String =
            JsonObject(OqtantFixtures.tree(name).jsonObject.mapValues { fill((it.value as JsonPrimitive).content) }).toString()

        test("job limits shape decodes, with null credits, and re-encodes with the same keys") {
            val text = filled("get_job_limits_response.shape.json") { if (it == "<int>") JsonPrimitive(7) else JsonNull }
            val limits = json.decodeFromString(JobLimits.serializer(), text)
            limits shouldBe JobLimits(7, 7, null, null)
            json.parseToJsonElement(json.encodeToString(JobLimits.serializer(), limits)).jsonObject.keys shouldBe
                OqtantFixtures.tree("get_job_limits_response.shape.json").jsonObject.keys
            json.decodeFromString(JobLimits.serializer(),
                """{"daily_limit":10,"daily_remaining":3,"standard_credits":5,"priority_credits":1,"new":true}""") shouldBe JobLimits(10, 3, 5, 1)
        }

        test("job create response shape decodes with est_time as a number or a text") {
            val uuid = "0339e46e-a10d-47dc-8dc3-0add622de17d"
            fun body(est: kotlinx.serialization.json.JsonElement) = filled("post_jobs_response.shape.json") {
                when (it) { "<UUID>" -> JsonPrimitive(uuid); "<int>" -> JsonPrimitive(3); else -> est }
            }
            val numeric = json.decodeFromString(JobCreateResponse.serializer(), body(JsonPrimitive(42)))
            numeric.jobId shouldBe uuid
            numeric.queuePosition shouldBe 3
            numeric.estTimeNumber shouldBe 42
            numeric.estTimeText shouldBe "42"
            val text = json.decodeFromString(JobCreateResponse.serializer(), body(JsonPrimitive("about 5 minutes")))
            text.estTimeNumber.shouldBeNull()
            text.estTimeText shouldBe "about 5 minutes"
            json.encodeToString(JobCreateResponse.serializer(), text) shouldBe
                """{"job_id":"$uuid","queue_position":3,"est_time":"about 5 minutes"}"""
        }

        test("unknown keys are ignored; response-only keys are kept when present and not invented when absent") {
            val base = OqtantFixtures.tree("fixture_bec_job.oqtant-3.3.4.json").jsonObject
            val extended = JsonObject(base + mapOf(
                "qpu" to JsonObject(mapOf("name" to JsonPrimitive("BIGBERT"), "status" to JsonPrimitive("ONLINE"))),
                "paid" to JsonPrimitive(true),
                "failed_inputs" to kotlinx.serialization.json.JsonArray(listOf(JsonPrimitive(2))),
                "brand_new_key" to JsonPrimitive("x"),
            ))
            val job = OqtantJson.decodeJob(extended.toString())
            job.qpu shouldBe Qpu(QpuName.BIGBERT, QpuStatus.ONLINE)
            job.paid shouldBe true
            job.failedInputs shouldBe listOf(2)
            val out = json.parseToJsonElement(OqtantJson.encodeJob(job)).jsonObject
            out["qpu"] shouldNotBe null
            out["failed_inputs"] shouldNotBe null
            out.containsKey("brand_new_key") shouldBe false
            val plain = json.parseToJsonElement(OqtantJson.encodeJob(OqtantJson.decodeJob(base.toString()))).jsonObject
            plain.keys.intersect(setOf("qpu", "paid", "failed_inputs")).shouldBeEmpty()
        }

        test("raw images decode") {
            val raw = json.decodeFromString(RawImages.serializer(),
                """{"image_type":"TOF imaging","absolute":{"pixels":[1,2,3,4,5,6],"rows":2,"columns":3,"pixcal":null},"background":null,"job_external_id":"u","run":2}""")
            raw.imageType shouldBe ImageAppId.TOF_IMAGING
            raw.absolute[1, 0] shouldBe 4.0
            raw.absolute.pixcal.shouldBeNull()
            raw.absolute.widthUm.shouldBeNull()
            raw.run shouldBe 2
        }

        test("status helpers: CANCELLED is terminal") {
            JobStatus.entries.filter { it.isTerminal } shouldContainExactly
                listOf(JobStatus.COMPLETE, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.INCOMPLETE)
        }

        test("enum wire strings are exact") {
            json.encodeToString(FitMethod.serializer(), FitMethod.BIMODAL_FIT_2D_ZERO_TEMPERATURE) shouldBe
                "\"Bimodal Fit 2D (zero temperature)\""
            json.encodeToString(ImageAppId.serializer(), ImageAppId.IT_IMAGING) shouldBe "\"IT imaging\""
            json.encodeToString(JobType.serializer(), JobType.ATOMTRONIC_1D) shouldBe "\"ATOMTRONIC_1D\""
        }
    }

    context("images") {
        val image = Image(doubleArrayOf(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), rows = 2, columns = 3, pixcal = 0.5)

        test("reshape row-major") {
            image.toMatrix().map { it.toList() } shouldBe listOf(listOf(1.0, 2.0, 3.0), listOf(4.0, 5.0, 6.0))
            image[1, 2] shouldBe 6.0
            image.heightUm shouldBe 1.0
        }

        test("out-of-range pixels are rejected with the image size") {
            shouldThrow<IndexOutOfBoundsException> { image[2, 0] }
            shouldThrow<IndexOutOfBoundsException> { image[0, 3] }
            shouldThrow<IndexOutOfBoundsException> { image.row(-1) }
        }

        test("equality compares pixel contents") {
            Image(doubleArrayOf(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), 2, 3, 0.5) shouldBe image
            Image(doubleArrayOf(1.0, 2.0, 3.0, 4.0, 5.0, 7.0), 2, 3, 0.5) shouldNotBe image
            Image(doubleArrayOf(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), 2, 3, 0.5).hashCode() shouldBe image.hashCode()
        }
    }
})
