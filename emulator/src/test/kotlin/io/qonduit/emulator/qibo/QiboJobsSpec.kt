package io.qonduit.emulator.qibo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import io.qonduit.emulator.TestHttp
import io.qonduit.fixtures.ReferenceFixtures
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class QiboJobsSpec : FunSpec({
    val emulator = qiboEmulator()
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }
    val schemas = Json.parseToJsonElement(ReferenceFixtures.text("qibo", "test-schemas.fixs.json")).jsonObject
    fun properties(schema: String) = schemas.getValue(schema).jsonObject.getValue("properties").jsonObject.keys
    fun enumOf(schema: String, key: String) =
        schemas.getValue(schema).jsonObject.getValue("properties").jsonObject.getValue(key).jsonObject.getValue("enum").jsonArray.map { it.jsonPrimitive.content }

    test("GET /api/qibo_version/ answers the server's and the minimum client's qibo version, as the fixture's keys") {
        val reply = http.get("/qibo/api/qibo_version/", QIBO_DEMO)
        reply.status shouldBe 200
        val fixture = Json.parseToJsonElement(ReferenceFixtures.text("qibo", "GET_api_qibo_version.response.json")).jsonObject
        reply.obj.keys shouldBe fixture.keys
        reply.str("server_qibo_version") shouldBe "0.3.2"
        reply.str("minimum_client_qibo_version") shouldBe QiboEmulatorState.DEFAULT_MINIMUM_CLIENT_QIBO_VERSION
    }

    test("a missing or unknown x-api-token is 404 User not found on every route that needs a user") {
        val body = jobBody(qiboCircuit("ghz3"))
        val expected = ReferenceFixtures.text("qibo", "POST_api_jobs.error-404-invalid-token.json").let { Json.parseToJsonElement(it) }
        for (headers in listOf(emptyMap(), mapOf("x-api-token" to "not-a-token"))) {
            val replies = listOf(
                http.post("/qibo/api/jobs/", body, headers), http.get("/qibo/api/jobs/", headers),
                http.get("/qibo/api/jobs/x/", headers), http.get("/qibo/api/jobs/x/download/", headers),
                http.delete("/qibo/api/jobs/x/", headers), http.delete("/qibo/api/jobs/bulk_delete/", headers),
                http.get("/qibo/api/disk_quota/", headers), http.get("/qibo/api/projectquotas/", headers),
            )
            for (reply in replies) {
                reply.status shouldBe 404
                reply.json shouldBe expected
                reply.text.contains(QiboEmulatorState.DEMO_TOKEN) shouldBe false
            }
        }
    }

    test("an unknown pid is 404 Invalid job pid, got <pid> on GET, download and DELETE") {
        val expected = Json.parseToJsonElement(ReferenceFixtures.text("qibo", "GET_api_jobs_pid.error-404.json"))
        http.get("/qibo/api/jobs/invalidPid/", QIBO_DEMO).let { it.status shouldBe 404; it.json shouldBe expected }
        http.get("/qibo/api/jobs/invalidPid/download/", QIBO_DEMO).str("detail") shouldBe "Invalid job pid, got invalidPid"
        http.delete("/qibo/api/jobs/invalidPid/", QIBO_DEMO).let { it.status shouldBe 404; it.json shouldBe expected }
    }

    test("paths are the service's, with the trailing slash: without it there is no route") {
        http.get("/qibo/api/jobs/", QIBO_DEMO).status shouldBe 200
        http.get("/qibo/api/jobs", QIBO_DEMO).status shouldBe 404
        http.get("/qibo/api/projectquotas", QIBO_DEMO).status shouldBe 404
    }

    test("another user's job is an invalid pid for the caller") {
        emulator.qibo.addUser("other@qonduit.io", "other-token")
        val pid = http.postJob(jobBody(qiboCircuit("ghz3")), mapOf("x-api-token" to "other-token"))
        http.get("/qibo/api/jobs/$pid/", QIBO_DEMO).status shouldBe 404
        http.get("/qibo/api/jobs/", QIBO_DEMO).arr.map { it.jsonObject.getValue("pid").jsonPrimitive.content } shouldNotContain pid
    }

    test("a job moves queueing -> pending -> running -> postprocessing -> success, and its object has every JOB_SCHEMA field") {
        val slow = qiboEmulator(queued = 150, running = 250)
        try {
            val h = TestHttp(slow.baseUrl)
            val pid = h.postJob(jobBody(qiboCircuit("ghz3"), nshots = 50))
            val (seen, job) = h.awaitJob(pid)
            seen shouldContainExactly listOf("queueing", "pending", "running", "postprocessing", "success")
            job.obj.keys shouldContainAll properties("JOB_SCHEMA")
            job.obj.getValue("projectquota").jsonObject.keys shouldContainAll properties("PROJECTQUOTA_SCHEMA")
            val partition = job.obj.getValue("projectquota").jsonObject.getValue("partition").jsonObject
            partition.getValue("name").jsonPrimitive.content shouldBe "sim"
            enumOf("PARTITION_SCHEMA", "hardware_type") shouldContain partition.getValue("hardware_type").jsonPrimitive.content
            enumOf("PARTITION_SCHEMA", "status") shouldContain partition.getValue("status").jsonPrimitive.content
            job.str("created_at") shouldMatch Regex("""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z""")
            job.obj.getValue("circuit") shouldBe qiboCircuit("ghz3")
            job.intOrNull("nshots") shouldBe 50
            job.intOrNull("num_qubits") shouldBe 3
            job.str("result_path") shouldBe "results/$pid.tar.gz"
            job.obj["queue_position"] shouldBe JsonNull
            job.obj["runtime"].shouldNotBeNull()
        } finally {
            slow.close()
        }
    }

    test("jobs of an unavailable partition wait pending in line; positions and start estimates move as jobs ahead finish") {
        val hw = QiboEmulatorState.HARDWARE
        val pids = (1..3).map { http.postJob(jobBody(qiboCircuit("ghz3"), nshots = 10, device = hw)) }
        fun job(pid: String) = http.get("/qibo/api/jobs/$pid/", QIBO_DEMO)
        val deadline = System.currentTimeMillis() + 5_000
        while (pids.any { job(it).str("status") != "pending" }) { check(System.currentTimeMillis() < deadline); Thread.sleep(5) }
        pids.map { job(it).intOrNull("queue_position") } shouldContainExactly listOf(1, 2, 3)
        pids.map { job(it).intOrNull("job_queue_position") } shouldContainExactly listOf(1, 2, 3)
        job(pids[0]).obj.getValue("etd_seconds") shouldBe JsonNull // no estimate while the partition is down
        Thread.sleep(200)
        job(pids[2]).str("status") shouldBe "pending" // still waiting: nothing runs on an unavailable partition
        val lastUpdate = job(pids[2]).str("queue_last_update")

        emulator.qibo.setPartitionAvailable(hw, true)
        try {
            var sawSecond = false
            while (true) {
                val third = job(pids[2])
                if (third.str("status") != "pending" && third.str("status") != "queueing") break
                val position = third.intOrNull("queue_position")
                if (position != null && position < 3) {
                    sawSecond = true
                    third.obj.getValue("seconds_to_job_start").jsonPrimitive.content.toDouble() shouldBe
                        third.obj.getValue("etd_seconds").jsonPrimitive.content.toDouble()
                    (third.str("queue_last_update") > lastUpdate) shouldBe true
                }
                Thread.sleep(3)
            }
            sawSecond shouldBe true
            pids.map { http.awaitJob(it).second.str("status") } shouldContainExactly listOf("success", "success", "success")
            val results = pids.map { resultDict(download(emulator.baseUrl, it).body()) }
            results.map { it["dtype"] } shouldContainExactly List(3) { "MeasurementOutcomes" } // hardware: no state
            results.forEach { it.containsKey("state") shouldBe false }
        } finally {
            emulator.qibo.setPartitionAvailable(hw, false)
        }
    }

    test("GET /api/jobs/ lists the caller's jobs with the fixture's keys; DELETE removes one and bulk_delete the rest") {
        val user = "lister@qonduit.io"
        emulator.qibo.addUser(user, "lister-token")
        val headers = mapOf("x-api-token" to "lister-token")
        val pids = (1..3).map { http.postJob(jobBody(qiboCircuit("ghz3"), nshots = 5), headers) }
        val list = http.get("/qibo/api/jobs/", headers)
        list.status shouldBe 200
        val fixtureKeys = Json.parseToJsonElement(ReferenceFixtures.text("qibo", "GET_api_jobs.response.json")).jsonArray[0].jsonObject.keys
        list.arr.map { it.jsonObject.getValue("pid").jsonPrimitive.content } shouldContainExactly pids
        list.arr.forEach { it.jsonObject.keys shouldBe fixtureKeys; it.jsonObject.getValue("user").jsonObject.getValue("email").jsonPrimitive.content shouldBe user }

        val deleted = http.delete("/qibo/api/jobs/${pids[0]}/", headers)
        deleted.status shouldBe 200
        deleted.json shouldBe Json.parseToJsonElement("""{"detail": "Job ${pids[0]} deleted"}""")
        http.get("/qibo/api/jobs/${pids[0]}/", headers).status shouldBe 404
        emulator.qibo.status(pids[0]).shouldBeNull()

        val bulk = http.delete("/qibo/api/jobs/bulk_delete/", headers)
        bulk.status shouldBe 200
        bulk.obj.getValue("deleted").jsonArray.map { it.jsonPrimitive.content } shouldContainExactly pids.drop(1)
        http.get("/qibo/api/jobs/", headers).arr.size shouldBe 0
    }

    test("a job deleted while it waits never runs") {
        val pid = http.postJob(jobBody(qiboCircuit("ghz3"), device = QiboEmulatorState.HARDWARE))
        http.delete("/qibo/api/jobs/$pid/", QIBO_DEMO).status shouldBe 200
        emulator.qibo.setPartitionAvailable(QiboEmulatorState.HARDWARE, true)
        try {
            Thread.sleep(300)
            http.get("/qibo/api/jobs/$pid/", QIBO_DEMO).status shouldBe 404
            emulator.qibo.jobPids() shouldNotContain pid
        } finally {
            emulator.qibo.setPartitionAvailable(QiboEmulatorState.HARDWARE, false)
        }
    }

    test("the service's 200 without a pid, as observed, is a fault rule on POST /api/jobs/ (what the conformance suite sets with --fault)") {
        val fixture = ReferenceFixtures.text("qibo", "POST_api_jobs.200-without-pid.json")
        val rule = emulator.faults.error("POST", "/qibo/api/jobs/", 200, times = 1, body = fixture)
        try {
            val reply = http.post("/qibo/api/jobs/", jobBody(qiboCircuit("ghz3")), QIBO_DEMO)
            reply.status shouldBe 200
            reply.json shouldBe Json.parseToJsonElement(fixture)
            rule.applied shouldBe 1
        } finally {
            emulator.faults.remove(rule)
        }
    }

    test("malformed posts are 400 naming the field; an unknown device is 404 naming project and device") {
        fun post(body: String) = http.post("/qibo/api/jobs/", body, QIBO_DEMO)
        post("not json").status shouldBe 400
        post("""{"nshots": 10, "device": "sim"}""").let { it.status shouldBe 400; it.str("detail") shouldMatch Regex("^circuit: .*") }
        post(jobBody(qiboCircuit("ghz3")).replace("\"device\":\"sim\"", "\"device\":\"\"")).str("detail") shouldMatch Regex("^device: .*")
        post(jobBody(qiboCircuit("ghz3"), nshots = 0)).let { it.status shouldBe 400; it.str("detail") shouldBe "nshots must be at least 1, got 0" }
        post(jobBody(qiboCircuit("ghz3")).replace("\"nshots\":100", "\"nshots\":\"many\"")).str("detail") shouldMatch Regex("^nshots: .*")
        post(jobBody(JsonObject(qiboCircuit("ghz3") - "nqubits"))).str("detail") shouldBe "circuit.nqubits: an integer is required"
        post(jobBody(JsonObject(qiboCircuit("ghz3") + ("nqubits" to kotlinx.serialization.json.JsonPrimitive("3")))))
            .str("detail") shouldBe "circuit.nqubits: an integer is required"
        post(jobBody(qiboCircuit("ghz3"), device = "no-such-device")).let {
            it.status shouldBe 404
            it.str("detail") shouldBe "No project quota for project 'personal' on device 'no-such-device'"
        }
        post(jobBody(qiboCircuit("ghz3"), project = "other")).status shouldBe 404
    }

    test("a circuit posted as a JSON string is read like the object (the schema allows both)") {
        val text = kotlinx.serialization.json.JsonPrimitive(qiboCircuit("ghz3").toString())
        val pid = http.postJob(jobBody(text, nshots = 20))
        http.awaitJob(pid).second.str("status") shouldBe "success"
    }
})
