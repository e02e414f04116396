package io.qonduit.emulator.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestResponse
import io.qonduit.emulator.oqtant.OqtantEmulatorState.Companion.DEMO_TOKEN
import io.qonduit.emulator.oqtant.OqtantEmulatorState.Companion.DEMO_USER_ID
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import java.time.Duration
import kotlin.math.abs
import kotlin.math.ln

private fun bec(name: String = "bec", lastFrequency: Double = 0.0335, notes: String? = null, image: String = "TIME_OF_FLIGHT") = """
{"name":"$name","job_type":"BEC","input_count":1,"inputs":[{"job_id":null,"run":1,"notes":${notes?.let { "\"$it\"" } ?: "null"},"output":null,
 "values":{"end_time_ms":0.0,"image_type":"$image","time_of_flight_ms":12.0,
  "rf_evaporation":{"times_ms":[-1100,-1050,-800,-300,0],"frequencies_mhz":[21.12,12.12,5.12,0.62,$lastFrequency],
   "powers_mw":[600.0,800.0,600.0,400.0,400.0],"interpolation":"LINEAR"},
  "optical_barriers":null,"optical_landscape":null,"lasers":null}}]}
""".trimIndent()

private val barrierInTrap = """
{"name":"barrier","job_type":"BARRIER","input_count":2,"inputs":[
 {"run":1,"values":{"end_time_ms":10.0,"image_type":"IN_TRAP","time_of_flight_ms":7.0,
  "rf_evaporation":{"times_ms":[-1600,-1200,-800,-400,0],"frequencies_mhz":[17.0,8.0,4.0,1.2,0.02],"powers_mw":[500.0,500.0,475.0,360.0,220.0],"interpolation":"LINEAR"},
  "optical_barriers":[{"times_ms":[0.0,10.0],"positions_um":[0.0,0.0],"heights_khz":[40.0,40.0],"widths_um":[2.0,2.0],"interpolation":"LINEAR","shape":"GAUSSIAN"}]}},
 {"run":2,"values":{"end_time_ms":10.0,"image_type":"IN_TRAP","time_of_flight_ms":7.0,
  "rf_evaporation":{"times_ms":[-1600,-1200,-800,-400,0],"frequencies_mhz":[17.0,8.0,4.0,1.2,0.02],"powers_mw":[500.0,500.0,475.0,360.0,220.0],"interpolation":"LINEAR"}}}]}
""".trimIndent()

class OqtantEmulatorSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 7, queuedDelay = Duration.ofMillis(10), runningDelay = Duration.ofMillis(10)))
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqtant"))
    val auth = TestHttp.bearer(DEMO_TOKEN)
    val user = "/users/$DEMO_USER_ID"

    fun submit(body: String): String {
        val r = http.post("$user/jobs", body, auth)
        r.status shouldBe 200
        return r.str("job_id")
    }

    fun awaitStatus(id: String, status: String): JsonObject {
        repeat(400) {
            val r = http.get("$user/jobs/$id", auth)
            if (r.str("status") == status) return r.obj
            Thread.sleep(10)
        }
        error("job $id never reached $status")
    }

    test("auth: missing, forged and expired tokens are 401; another user's path is 403") {
        http.get("$user/job_limits").status shouldBe 401
        http.get("$user/job_limits", TestHttp.bearer("a.b.c")).status shouldBe 401
        http.get("$user/job_limits", TestHttp.bearer(OqtantEmulatorState.EXPIRED_TOKEN)).status shouldBe 401
        val forbidden = http.get("/users/${OqtantEmulatorState.OTHER_USER_ID}/job_limits", auth)
        forbidden.status shouldBe 403
        forbidden.obj.getValue("detail").jsonPrimitive.content shouldContain "Not authorized"
        http.get("$user/job_limits", TestHttp.bearer(emulator.oqtant.issueToken("auth0|$DEMO_USER_ID"))).status shouldBe 200
    }

    test("submit answers JobCreateResponse and the job goes PENDING -> RUNNING -> COMPLETE") {
        val paced = Emulator.start(EmulatorConfig(queuedDelay = Duration.ofMillis(300), runningDelay = Duration.ofMillis(300)))
        val h = TestHttp(paced.url("oqtant"))
        val r = h.post("$user/jobs", bec(), auth)
        r.status shouldBe 200
        r.obj.keys shouldBe setOf("job_id", "queue_position", "est_time")
        val id = r.str("job_id")
        val seen = mutableListOf<String>()
        var done = h.get("$user/jobs/$id", auth).obj
        while (true) {
            val status = done["status"]!!.jsonPrimitive.content
            if (seen.lastOrNull() != status) seen += status
            if (status == "COMPLETE") break
            Thread.sleep(20)
            done = h.get("$user/jobs/$id", auth).obj
        }
        paced.close()
        seen shouldContainExactly listOf("PENDING", "RUNNING", "COMPLETE")
        done.keys.toList().take(12) shouldContainExactly listOf(
            "name", "origin", "status", "display", "time_start", "time_complete", "qpu_name", "input_count", "inputs",
            "external_id", "time_submit", "job_type",
        )
        done.getValue("job_type").jsonPrimitive.content shouldBe "BEC"
        done.getValue("time_submit").jsonPrimitive.content shouldContain "Z"
    }

    test("BEC time-of-flight output: 100 x 100 at 4.4, temperature from the last RF frequency, populations match the image") {
        val id = submit(bec(lastFrequency = 0.0335))
        val values = awaitStatus(id, "COMPLETE")["inputs"]!!.jsonArray[0].jsonObject["output"]!!.jsonObject["values"]!!.jsonObject
        val tof = values["tof_image"]!!.jsonObject
        tof["rows"]!!.jsonPrimitive.int shouldBe 100
        tof["columns"]!!.jsonPrimitive.int shouldBe 100
        tof["pixcal"]!!.jsonPrimitive.double shouldBe 4.4
        tof["pixels"]!!.jsonArray.size shouldBe 10_000
        values["temperature_nk"]!!.jsonPrimitive.long shouldBe 100L
        val thermal = values["thermal_atom_number"]!!.jsonPrimitive.long
        val condensed = values["condensed_atom_number"]!!.jsonPrimitive.long
        // 1 - (100/200)^3 = 0.875 condensed
        (condensed.toDouble() / (thermal + condensed)) shouldBe (0.875 plusOrMinus 0.001)
        val seen = values["tof_atom_number"]!!.jsonPrimitive.long.toDouble()
        abs(seen - (thermal + condensed)) / (thermal + condensed) shouldBeLessThan 0.05
        val slice = values["tof_x_slice"]!!.jsonObject["points"]!!.jsonArray
        slice.size shouldBe 100
        slice[50].jsonObject["x"]!!.jsonPrimitive.double shouldBe 50.0
        slice[50].jsonObject["y"]!!.jsonPrimitive.double shouldBeGreaterThan 0.5
        values["mot_fluorescence_image"]!!.jsonObject["rows"]!!.jsonPrimitive.int shouldBe 352
    }

    test("a hotter cloud has a smaller condensed fraction") {
        fun fraction(f: Double): Double {
            val v = awaitStatus(submit(bec(lastFrequency = f)), "COMPLETE")["inputs"]!!.jsonArray[0].jsonObject["output"]!!.jsonObject["values"]!!.jsonObject
            val c = v["condensed_atom_number"]!!.jsonPrimitive.long.toDouble()
            return c / (c + v["thermal_atom_number"]!!.jsonPrimitive.long)
        }
        fraction(0.02) shouldBeGreaterThan fraction(0.05)
        fraction(0.1) shouldBe 0.0
    }

    test("in-trap barrier job: 148 x 503 at 0.344, a dip where the barrier is, one run per GET") {
        val id = submit(barrierInTrap)
        val run1 = awaitStatus(id, "COMPLETE")
        run1["input_count"]!!.jsonPrimitive.int shouldBe 2
        run1["inputs"]!!.jsonArray.size shouldBe 1
        val plot = run1["inputs"]!!.jsonArray[0].jsonObject["output"]!!.jsonObject["values"]!!.jsonObject["it_plot"]!!.jsonObject
        plot["rows"]!!.jsonPrimitive.int shouldBe 148
        plot["columns"]!!.jsonPrimitive.int shouldBe 503
        plot["pixcal"]!!.jsonPrimitive.double shouldBe 0.344
        val px = plot["pixels"]!!.jsonArray.map { it.jsonPrimitive.double }
        fun column(c: Int) = (72..75).sumOf { px[it * 503 + c] } / 4
        val centre = column(251) // x = 0, under the 40 kHz barrier
        val side = column(251 + 23) // x ≈ 8 µm
        side shouldBeGreaterThan 0.3
        side shouldBeGreaterThan centre + 0.2
        px.max() shouldBeLessThan 5.0

        val run2 = http.get("$user/jobs/$id?run=2", auth).obj
        run2["inputs"]!!.jsonArray[0].jsonObject["run"]!!.jsonPrimitive.int shouldBe 2
        http.get("$user/jobs/$id?run=3", auth).status shouldBe 404
    }

    test("raw images: absorption and background whose log ratio is the optical density") {
        val id = submit(bec())
        val done = awaitStatus(id, "COMPLETE")
        val tof = done["inputs"]!!.jsonArray[0].jsonObject["output"]!!.jsonObject["values"]!!.jsonObject["tof_image"]!!.jsonObject
        val raw = http.get("$user/jobs/$id/raw_images", auth)
        raw.status shouldBe 200
        val item = raw.arr.single().jsonObject
        item["image_type"]!!.jsonPrimitive.content shouldBe "TOF imaging"
        item["job_external_id"]!!.jsonPrimitive.content shouldBe id
        item["run"]!!.jsonPrimitive.int shouldBe 1
        val abs = item["absolute"]!!.jsonObject["pixels"]!!.jsonArray.map { it.jsonPrimitive.double }
        val bg = item["background"]!!.jsonObject["pixels"]!!.jsonArray.map { it.jsonPrimitive.double }
        val od = tof["pixels"]!!.jsonArray.map { it.jsonPrimitive.double }
        ln(bg[5050] / abs[5050]) shouldBe (od[5050] plusOrMinus 1e-9)
    }

    test("search filters by type, name, notes, window and limit; validation of limit") {
        val marker = "srch-${System.nanoTime()}"
        val a = submit(bec(name = "$marker-a", notes = "alpha run"))
        val b = submit(bec(name = "$marker-b", notes = "beta run"))
        fun ids(q: String): List<String> = http.get("$user/jobs?$q", auth).obj["items"]!!.jsonArray.map { it.jsonObject["external_id"]!!.jsonPrimitive.content }
        ids("name=$marker") shouldContainExactly listOf(b, a)
        ids("name=$marker&notes=alpha") shouldContainExactly listOf(a)
        ids("name=$marker&job_type=BARRIER") shouldContainExactly emptyList()
        ids("name=$marker&limit=1") shouldContainExactly listOf(b)
        ids("name=$marker&submit_end=2020-01-01T00:00:00Z") shouldContainExactly emptyList()
        ids("name=$marker&submit_start=2020-01-01T00:00:00") shouldContainExactly listOf(b, a)
        val item = http.get("$user/jobs?name=$marker-a", auth).obj["items"]!!.jsonArray.single().jsonObject
        item["inputs"]!!.jsonArray[0].jsonObject.containsKey("output") shouldBe false
        http.get("$user/jobs?limit=101", auth).status shouldBe 422
        http.get("$user/jobs?submit_start=yesterday", auth).status shouldBe 422
        http.get("/users/${OqtantEmulatorState.OTHER_USER_ID}/jobs", TestHttp.bearer(OqtantEmulatorState.OTHER_TOKEN)).obj["items"]!!.jsonArray.size shouldBe 0
    }

    test("cancel stops a pending job; cancelling again is 400; delete removes it") {
        emulator.faults.clear()
        val slow = Emulator.start(EmulatorConfig(queuedDelay = Duration.ofSeconds(30)))
        try {
            val h = TestHttp(slow.url("oqtant"))
            val id = h.post("$user/jobs", bec(), auth).str("job_id")
            h.send("PUT", "$user/jobs/$id/cancel", null, auth).status shouldBe 200
            h.get("$user/jobs/$id", auth).str("status") shouldBe "CANCELLED"
            h.send("PUT", "$user/jobs/$id/cancel", null, auth).status shouldBe 400
            h.delete("$user/jobs/$id", auth).status shouldBe 204
            h.get("$user/jobs/$id", auth).status shouldBe 404
            h.delete("$user/jobs/$id", auth).status shouldBe 404
        } finally {
            slow.close()
        }
    }

    test("another user's job is not found") {
        val id = submit(bec())
        http.get("/users/${OqtantEmulatorState.OTHER_USER_ID}/jobs/$id", TestHttp.bearer(OqtantEmulatorState.OTHER_TOKEN)).status shouldBe 404
    }

    test("invalid submissions answer 422 with pydantic-style locations") {
        val bad = bec().replace("\"end_time_ms\":0.0", "\"end_time_ms\":250.0").replace("\"name\":\"bec\"", "\"name\":\"\"")
        val r: TestResponse = http.post("$user/jobs", bad, auth)
        r.status shouldBe 422
        val locs = r.obj["detail"]!!.jsonArray.map { e -> e.jsonObject["loc"]!!.jsonArray.joinToString(".") { it.jsonPrimitive.content } }
        locs shouldContainExactly listOf("body.name", "body.inputs.0.values.end_time_ms")
        http.post("$user/jobs", "not json", auth).status shouldBe 422
    }

    test("job limits: submissions use up the daily allowance; none left is 429") {
        emulator.oqtant.setJobLimits(OqtantEmulatorState.OTHER_USER_ID, dailyLimit = 3, dailyRemaining = 1, standardCredits = 5)
        val other = TestHttp.bearer(OqtantEmulatorState.OTHER_TOKEN)
        val path = "/users/${OqtantEmulatorState.OTHER_USER_ID}"
        http.get("$path/job_limits", other).obj.toString() shouldBe
            """{"daily_limit":3,"daily_remaining":1,"standard_credits":5,"priority_credits":null}"""
        http.post("$path/jobs", bec(), other).status shouldBe 200
        http.get("$path/job_limits", other).obj["daily_remaining"]!!.jsonPrimitive.int shouldBe 0
        http.post("$path/jobs", bec(), other).status shouldBe 429
    }

    test("forced outcomes: FAILED has no outputs, INCOMPLETE lists failed runs") {
        emulator.oqtant.failNextJob("INCOMPLETE")
        val id = submit(barrierInTrap)
        val job = awaitStatus(id, "INCOMPLETE")
        job["failed_inputs"]!!.jsonArray.map { it.jsonPrimitive.int } shouldContainExactly listOf(2)
        emulator.oqtant.failNextJob()
        val failed = awaitStatus(submit(bec()), "FAILED")
        failed["inputs"]!!.jsonArray[0].jsonObject["output"].toString() shouldBe "null"
        emulator.oqtant.jobIds().size shouldBeGreaterThan 1
    }
})


