package io.qonduit.emulator.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.Duration
import java.time.Instant

/** How jobs move through their statuses over time, wait for devices, cancel, delete and stay private. */
class OqtopusJobsSpec : FunSpec({
    val emulator = Emulator.start(
        EmulatorConfig(seed = 5L, queuedDelay = Duration.ofMillis(150), runningDelay = Duration.ofMillis(300)),
    )
    val http = ContractHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    test("a job goes registered -> submitted -> ready -> running -> succeeded, with ordered timestamps") {
        val register = http.post("/oqtopus/jobs")
        val id = register.str("job_id")
        http.get("/oqtopus/jobs/$id/status").str("status") shouldBe "registered"
        emulator.oqtopus.status(id) shouldBe "registered"
        val presigned = register.obj.getValue("presigned_url").jsonObject
        Storage.upload(presigned.getValue("url").jsonPrimitive.content,
            presigned.getValue("fields").jsonObject.mapValues { it.value.jsonPrimitive.content }, inputZip(programs(OQ_BELL))).status shouldBe 204
        http.post("/oqtopus/jobs/$id/submit", submitBody()).status shouldBe 200
        val (seen, job) = http.awaitOqtopusJob(id)
        seen shouldContainExactly listOf("submitted", "ready", "running", "succeeded")
        val times = listOf("submitted_at", "ready_at", "running_at", "ended_at").map { Instant.parse(job.str(it)) }
        times shouldBe times.sorted()
        job.obj.getValue("execution_time").jsonPrimitive.double shouldBeGreaterThanOrEqual 0.3
        job.str("name") shouldBe "test job"
        job.str("description") shouldBe "test job description"
        job.obj.getValue("shots").jsonPrimitive.int shouldBe 1000
    }

    test("a job for an unavailable device stays submitted, counts as pending, and runs once the device is back") {
        val device = OqtopusEmulatorState.OFFLINE_QPU
        val id = http.submitJob(programs(OQ_BELL), submitBody(deviceId = device))
        Thread.sleep(500)
        http.get("/oqtopus/jobs/$id/status").str("status") shouldBe "submitted"
        http.get("/oqtopus/devices/$device").obj.getValue("n_pending_jobs").jsonPrimitive.int shouldBe 1
        http.get("/oqtopus/devices/$device").str("status") shouldBe "unavailable"
        emulator.oqtopus.setDeviceAvailable(device, true)
        http.awaitOqtopusJob(id).first.last() shouldBe "succeeded"
        http.get("/oqtopus/devices/$device").obj.getValue("n_pending_jobs").jsonPrimitive.int shouldBe 0
        emulator.oqtopus.setDeviceAvailable(device, false)
    }

    test("cancelling a running job passes through cancelling to cancelled; it gets no result") {
        val id = http.submitJob(programs(OQ_BELL))
        while (http.get("/oqtopus/jobs/$id/status").str("status") != "running") Thread.sleep(5)
        http.post("/oqtopus/jobs/$id/cancel").status shouldBe 200
        http.get("/oqtopus/jobs/$id/status").str("status") shouldBe "cancelling"
        val (seen, job) = http.awaitOqtopusJob(id)
        seen.last() shouldBe "cancelled"
        job.obj.getValue("job_info").jsonObject.keys shouldBe setOf("input")
        http.post("/oqtopus/jobs/$id/cancel").status shouldBe 400
    }

    test("cancelling a registered or submitted job ends it at once") {
        val registered = http.post("/oqtopus/jobs").str("job_id")
        http.post("/oqtopus/jobs/$registered/cancel").status shouldBe 200
        http.get("/oqtopus/jobs/$registered/status").str("status") shouldBe "cancelled"
        val submitted = http.submitJob(programs(OQ_BELL))
        http.post("/oqtopus/jobs/$submitted/cancel").status shouldBe 200
        Thread.sleep(600)
        http.get("/oqtopus/jobs/$submitted/status").str("status") shouldBe "cancelled"
    }

    test("deleting a finished job removes its files: its links answer NoSuchKey") {
        val id = http.submitJob(programs(OQ_BELL))
        val job = http.awaitOqtopusJob(id).second
        val link = job.jobInfo("result")
        Storage.get(link).status shouldBe 200
        http.delete("/oqtopus/jobs/$id").status shouldBe 200
        val gone = Storage.get(link)
        gone.status shouldBe 404
        gone.text shouldContain "<Code>NoSuchKey</Code>"
        emulator.oqtopus.jobIds().contains(id) shouldBe false
    }

    test("another user's jobs look missing, and lists hold only one's own jobs") {
        val token = "jobs-spec-other-user"
        emulator.oqtopus.addUser("other@example.org", token)
        val other = mapOf("q-api-token" to token)
        val mine = http.submitJob(programs(OQ_BELL))
        http.get("/oqtopus/jobs/$mine", headers = other).status shouldBe 404
        http.get("/oqtopus/jobs/$mine/status", headers = other).status shouldBe 404
        http.post("/oqtopus/jobs/$mine/cancel", headers = other).status shouldBe 404
        http.get("/oqtopus/jobs", headers = other).arr.size shouldBe 0
        val theirs = http.post("/oqtopus/jobs", headers = other).str("job_id")
        http.get("/oqtopus/jobs?q=$theirs").arr.size shouldBe 0
        http.get("/oqtopus/jobs?q=$theirs", headers = other).arr.size shouldBe 1
    }

    test("start_time and end_time filter on submitted_at, inclusive; registered jobs have none and drop out") {
        val a = http.submitJob(programs(OQ_BELL), submitBody(name = "window-a"))
        val aAt = Instant.parse(http.get("/oqtopus/jobs/$a").str("submitted_at"))
        Thread.sleep(20)
        val b = http.submitJob(programs(OQ_BELL), submitBody(name = "window-b"))
        val bAt = Instant.parse(http.get("/oqtopus/jobs/$b").str("submitted_at"))
        http.post("/oqtopus/jobs").str("job_id")
        fun ids(query: String) = http.get("/oqtopus/jobs?size=100&$query").arr.map { it.jsonObject.getValue("job_id").jsonPrimitive.content }
        ids("q=window&start_time=$aAt&end_time=$bAt") shouldContainExactly listOf(a, b)
        ids("q=window&start_time=${aAt.plusNanos(1000)}") shouldContainExactly listOf(b)
        ids("q=window&end_time=$aAt") shouldContainExactly listOf(a)
        ids("start_time=$aAt").none { emulator.oqtopus.status(it) == "registered" } shouldBe true
    }

    test("paging: ASC by creation, DESC reversed, size and page; the Link header names the other pages") {
        val ids = (1..5).map { http.post("/oqtopus/jobs").str("job_id") }
        val token = "paging-user"
        emulator.oqtopus.addUser("paging@example.org", token)
        val h = mapOf("q-api-token" to token)
        val own = (1..5).map { http.post("/oqtopus/jobs", headers = h).str("job_id") }
        fun page(query: String) = http.get("/oqtopus/jobs?$query", headers = h)
        page("size=2").arr.map { it.jsonObject.getValue("job_id").jsonPrimitive.content } shouldContainExactly own.take(2)
        page("size=2&page=3").arr.map { it.jsonObject.getValue("job_id").jsonPrimitive.content } shouldContainExactly own.drop(4)
        page("size=2&order=DESC").arr.map { it.jsonObject.getValue("job_id").jsonPrimitive.content } shouldContainExactly own.reversed().take(2)
        page("").arr.size shouldBe 5 // default size 10
        val link = page("size=2&page=2").headers.entries.first { it.key.equals("link", true) }.value.single()
        link shouldContain "page=1>; rel=\"first\""
        link shouldContain "page=1>; rel=\"prev\""
        link shouldContain "page=3>; rel=\"next\""
        link shouldContain "page=3>; rel=\"last\""
        link shouldContain "size=2"
        ids.size shouldBe 5
    }
})
