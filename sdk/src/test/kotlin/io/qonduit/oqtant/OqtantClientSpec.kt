package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.errors.ApiException
import io.qonduit.errors.AuthorizationException
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.ImageAppId
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.TimeOfFlightOutput
import io.qonduit.transport.Secret
import java.time.Instant
import kotlin.math.ln

class OqtantClientSpec : FunSpec({
    val env = OqtantTestEnv()
    afterSpec { env.close() }
    val client = env.client
    val userPath = "/oqtant/users/${OqtantEmulatorState.DEMO_USER_ID}"

    test("the user path comes from the JWT sub without auth0|; every call sends Bearer and X-Client-Version") {
        client.userId shouldBe OqtantEmulatorState.DEMO_USER_ID
        env.emulator.faults.clearRequests()
        client.getJobLimits()
        val request = env.emulator.faults.requests.single()
        request.path shouldBe "$userPath/job_limits"
        request.hasHeader("Authorization") shouldBe true
        request.hasHeader("X-Client-Version") shouldBe true
        client.clientVersion shouldBe OqtantClient.DEFAULT_CLIENT_VERSION
    }

    test("a malformed token fails on construction with a clear error that does not echo it") {
        val secretish = "not-a-jwt-but-very-secret"
        val e = shouldThrow<OqtantTokenException> { OqtantClient.create(Secret.of(secretish), env.emulator.url("oqtant")) }
        e.message!! shouldContain "Unable to decode the Oqtant access token"
        e.message!! shouldNotContain secretish
        val noSub = "eyJhbGciOiJIUzI1NiJ9.eyJmb28iOiJiYXIifQ.c2ln" // {"foo":"bar"}
        shouldThrow<OqtantTokenException> { OqtantClient.create(Secret.of(noSub)) }.message!! shouldContain "no 'sub' claim"
    }

    test("401 and 403 map to AuthorizationException; the token is never in exceptions, logs or toString") {
        env.client(OqtantEmulatorState.EXPIRED_TOKEN).use { expired ->
            val e = shouldThrow<AuthorizationException> { expired.getJobLimits() }
            e.statusCode shouldBe 401
            e.message!! shouldNotContain OqtantEmulatorState.EXPIRED_TOKEN
            expired.toString() shouldNotContain OqtantEmulatorState.EXPIRED_TOKEN
        }
        // A second user's token addresses that user's own path.
        val forged = OqtantClient.builder(Secret.of(OqtantEmulatorState.OTHER_TOKEN)).baseUrl(env.emulator.url("oqtant")).build()
        forged.use { it.getJobLimits().dailyLimit shouldBe OqtantEmulatorState.DEFAULT_DAILY_LIMIT }
        env.emulator.faults.error("GET", "$userPath/job_limits", 403, times = 1, body = """{"detail":"Forbidden"}""")
        shouldThrow<AuthorizationException> { client.getJobLimits() }.statusCode shouldBe 403
        env.log.joinToString("\n") shouldNotContain OqtantEmulatorState.DEMO_TOKEN
        client.toString() shouldNotContain OqtantEmulatorState.DEMO_TOKEN
    }

    test("other error statuses are typed ApiExceptions with status and body") {
        val e = shouldThrow<NotFoundException> { client.getJob("00000000-0000-0000-0000-000000000000") }
        e.statusCode shouldBe 404
        e.body shouldContain "detail"
        env.emulator.faults.error("GET", "$userPath/job_limits", 418, times = 1, body = """{"detail":"teapot"}""")
        val teapot = shouldThrow<ApiException> { client.getJobLimits() }
        teapot.statusCode shouldBe 418
        teapot.body shouldContain "teapot"
    }

    test("submit, then get run 1 until COMPLETE with a time-of-flight output") {
        val created = client.submitJob(becJob("submit-spec"))
        created.queuePosition shouldBe 1
        created.estTimeNumber.shouldNotBeNull()
        val done = client.trackJobs(listOf(created.jobId)).single()
        done.status shouldBe JobStatus.COMPLETE
        done.externalId shouldBe created.jobId
        done.jobType shouldBe JobType.BEC
        val output = done.inputs.single().output!!.values.shouldBeInstanceOf<TimeOfFlightOutput>()
        output.tofImage.rows shouldBe 100
        output.tofImage.toMatrix()[50][50] shouldBe output.tofImage[50, 50]
        output.temperatureNk shouldBe 134L // 0.045 MHz / (0.067/200 MHz per nK)
        output.condensedFraction!! shouldBe ((1 - Math.pow(134.33 / 200, 3.0)) plusOrMinus 0.002)
    }

    test("submit validates before sending") {
        env.emulator.faults.clearRequests()
        val bad = becJob().let { it.copy(inputs = listOf(it.inputs[0].copy(values = it.inputs[0].values.copy(endTimeMs = 500.0)))) }
        val e = shouldThrow<ValidationException> { client.submitJob(bad) }
        e.violations.map { it.field } shouldContainExactly listOf("inputs[0].values.end_time_ms")
        env.emulator.faults.requests("/oqtant/**", "POST") shouldHaveSize 0
    }

    test("multi-run jobs: get a run, all runs, and inputs without output for re-running") {
        val base = barrierJob("runs-spec")
        val job = base.copy(inputs = listOf(base.inputs[0].copy(notes = "first"), base.inputs[0].copy(notes = "second", run = 2)))
        val id = client.submitJob(job).jobId
        client.trackJobs(listOf(id))
        val run2 = client.getJob(id, run = 2)
        run2.run shouldBe 2
        run2.inputCount shouldBe 2
        run2.inputs.single().output!!.values.shouldBeInstanceOf<InTrapOutput>().itPlot.columns shouldBe 503
        client.getJobWithAllRuns(id).inputs.map { it.run } shouldContainExactly listOf(1, 2)

        val again = client.getJobInputsWithoutOutput(id)
        again.externalId.shouldBeNull()
        again.inputs.map { it.output } shouldContainExactly listOf(null, null)
        again.inputs.map { it.notes } shouldContainExactly listOf(null, null)
        client.getJobInputsWithoutOutput(id, run = 2, includeNotes = true).inputs.single().notes shouldBe "second"
        client.trackJobs(listOf(client.submitJob(again).jobId)).single().status shouldBe JobStatus.COMPLETE
        shouldThrow<ValidationException> { client.getJob(id, run = 0) }
    }

    test("search: job type, name, submit window, notes and limit") {
        val tag = "search-${System.nanoTime()}"
        val start = Instant.now().minusSeconds(1)
        val bec = client.submitJob(becJob("$tag-bec").let { it.copy(inputs = listOf(it.inputs[0].copy(notes = "cold atoms"))) }).jobId
        val barrier = client.submitJob(barrierJob("$tag-barrier")).jobId
        suspend fun ids(s: OqtantSearch) = client.searchJobs(s).map { it.externalId }
        ids(OqtantSearch(name = tag)) shouldContainExactly listOf(barrier, bec)
        ids(OqtantSearch(name = tag, jobType = JobType.BARRIER)) shouldContainExactly listOf(barrier)
        ids(OqtantSearch(name = tag).withNotes("cold")) shouldContainExactly listOf(bec)
        ids(OqtantSearch(name = tag).withLimit(1)) shouldContainExactly listOf(barrier)
        ids(OqtantSearch(name = tag).withSubmitWindow(start, Instant.now().plusSeconds(5))) shouldContainExactly listOf(barrier, bec)
        ids(OqtantSearch(name = tag).withSubmitWindow(start.minusSeconds(60), start)) shouldContainExactly emptyList()
        val query = env.emulator.faults.requests("$userPath/jobs", "GET").last().query
        query shouldContain "submit_start="
        query shouldContain "submit_end="
        client.trackJobs(listOf(bec, barrier))
        client.getQueueStatus(OqtantSearch(name = tag)) shouldHaveSize 0
        client.getQueueStatus(OqtantSearch(name = tag), includeComplete = true) shouldHaveSize 2
        shouldThrow<ValidationException> { OqtantSearch(limit = 101) }.violations.single().field shouldBe "limit"
    }

    test("cancel and delete") {
        OqtantTestEnv(queued = 5_000).use { slow ->
            val id = slow.client.submitJob(becJob("cancel-spec")).jobId
            slow.client.cancelJob(id)
            slow.client.getJob(id).status shouldBe JobStatus.CANCELLED
            slow.client.activeJobs.map { it.externalId } shouldContainExactly listOf(id)
            slow.client.deleteJob(id)
            shouldThrow<NotFoundException> { slow.client.getJob(id) }
            slow.client.activeJobs shouldHaveSize 0
            slow.emulator.faults.requests("/oqtant/users/*/jobs/*/cancel", "PUT") shouldHaveSize 1
            slow.emulator.faults.requests("/oqtant/users/*/jobs/*", "DELETE") shouldHaveSize 1
        }
    }

    test("raw images decode into Image; absolute and background give the optical density") {
        val id = client.submitJob(becJob("raw-spec")).jobId
        val job = client.trackJobs(listOf(id)).single()
        val raw = client.getRawImages(id).single()
        raw.imageType shouldBe ImageAppId.TOF_IMAGING
        raw.jobExternalId shouldBe id
        raw.run shouldBe 1
        raw.absolute.rows shouldBe 100
        val background = raw.background.shouldNotBeNull()
        val od = job.inputs[0].output!!.values.shouldBeInstanceOf<TimeOfFlightOutput>().tofImage
        ln(background[50, 50] / raw.absolute[50, 50]) shouldBe (od[50, 50] plusOrMinus 1e-9)
    }

    test("job limits decode, and submissions use them up") {
        val before = client.getJobLimits()
        client.submitJob(becJob("limits-spec"))
        val after = client.getJobLimits()
        after.dailyRemaining shouldBe before.dailyRemaining - 1
        after.standardCredits shouldBe OqtantEmulatorState.DEFAULT_STANDARD_CREDITS
        after.priorityCredits.shouldBeNull()
    }

    test("generateOqtantJob from a map or JSON validates and names every problem") {
        val map = mapOf(
            "name" to "from a map",
            "inputs" to listOf(mapOf("values" to mapOf(
                "end_time_ms" to 0.0, "image_type" to "TIME_OF_FLIGHT", "time_of_flight_ms" to 8.0,
                "rf_evaporation" to mapOf("times_ms" to listOf(-1600, -1200, -800, -400, 0), "frequencies_mhz" to listOf(17.0, 8.0, 4.0, 1.2, 0.045),
                    "powers_mw" to listOf(500, 500, 475, 360, 220), "interpolation" to "LINEAR"),
            ))),
        )
        val job = client.generateOqtantJob(map)
        job.jobType shouldBe JobType.BEC
        job.input!!.rfEvaporation.powersMw[0] shouldBe 500.0
        // encoding fills the run number, as the Python model does (input_run_populate)
        client.generateOqtantJob(io.qonduit.oqtant.model.OqtantJson.encodeJob(job)) shouldBe job.copy(inputs = job.inputs.map { it.copy(run = 1) })

        val bad = map + ("name" to "x".repeat(51))
        shouldThrow<ValidationException> { client.generateOqtantJob(bad) }.violations.single().field shouldBe "name"
        shouldThrow<ValidationException> { client.generateOqtantJob("""{"inputs": 3}""") }.violations.single().field shouldBe "job"
        shouldThrow<ValidationException> { client.generateOqtantJob(mapOf("name" to Any())) }.violations.single().field shouldBe "job.name"
    }
})

