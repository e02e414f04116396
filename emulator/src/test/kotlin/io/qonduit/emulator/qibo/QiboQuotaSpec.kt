package io.qonduit.emulator.qibo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.TestHttp
import io.qonduit.fixtures.ReferenceFixtures
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class QiboQuotaSpec : FunSpec({
    val emulator = qiboEmulator()
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }
    var users = 0
    /** A fresh user per test, so quotas start full. */
    fun freshUser(): Map<String, String> {
        users++
        emulator.qibo.addUser("quota$users@qonduit.io", "quota-token-$users")
        return mapOf("x-api-token" to "quota-token-$users")
    }
    fun quota(headers: Map<String, String>, partition: String = "sim"): JsonObject =
        http.get("/qibo/api/projectquotas/", headers).arr.map { it.jsonObject }
            .single { it.getValue("partition").jsonObject.getValue("name").jsonPrimitive.content == partition }
    fun JsonObject.num(key: String): Double = getValue(key).jsonPrimitive.content.toDouble()
    fun disk(headers: Map<String, String>): JsonObject = http.get("/qibo/api/disk_quota/", headers).arr.single().jsonObject

    test("GET /api/projectquotas/ lists a simulator and an unavailable hardware partition with the fixture's keys") {
        val headers = freshUser()
        val reply = http.get("/qibo/api/projectquotas/", headers)
        reply.status shouldBe 200
        val fixtureKeys = Json.parseToJsonElement(ReferenceFixtures.text("qibo", "GET_api_projectquotas.response.json")).jsonArray[0].jsonObject.keys
        val partitions = reply.arr.map { it.jsonObject }.onEach { (fixtureKeys - it.keys) shouldBe emptySet() }
            .map { it.getValue("partition").jsonObject }
        partitions.map { p -> listOf("name", "hardware_type", "status", "max_num_qubits").map { p.getValue(it).jsonPrimitive.content } } shouldBe listOf(
            listOf("sim", "simulator", "available", "20"), listOf("qpu5q", "hardware", "unavailable", "5"),
        )
    }

    test("GET /api/disk_quota/ is a list whose first element has user.email, kbs_left and kbs_max, as the fixture") {
        val headers = freshUser()
        val reply = http.get("/qibo/api/disk_quota/", headers)
        val fixture = Json.parseToJsonElement(ReferenceFixtures.text("qibo", "GET_api_disk_quota.response.json")).jsonArray[0].jsonObject
        reply.arr.single().jsonObject.keys shouldBe fixture.keys
        disk(headers).num("kbs_left") shouldBe QiboEmulatorState.DEFAULT_KBS_MAX
    }

    test("a job takes one job and its shots at once, its runtime in seconds and its archive's size in KB when it ends") {
        val headers = freshUser()
        val before = quota(headers)
        val pid = http.postJob(jobBody(qiboCircuit("ghz3"), nshots = 250), headers)
        val posted = quota(headers)
        posted.num("jobs_left") shouldBe before.num("jobs_left") - 1
        posted.num("shots_left") shouldBe before.num("shots_left") - 250
        val done = http.awaitJob(pid, headers).second
        val after = quota(headers)
        val runtime = done.obj.getValue("runtime").jsonPrimitive.content.toDouble()
        after.num("seconds_left") shouldBe before.num("seconds_left") - runtime
        val archiveBytes = download(emulator.baseUrl, pid, headers).body().size
        disk(headers).num("kbs_left") shouldBe QiboEmulatorState.DEFAULT_KBS_MAX - archiveBytes / 1024.0
        // Deleting the job gives its disk space back.
        http.delete("/qibo/api/jobs/$pid/", headers).status shouldBe 200
        disk(headers).num("kbs_left") shouldBe QiboEmulatorState.DEFAULT_KBS_MAX
    }

    test("exhausted jobs, shots, seconds or disk refuse the post with 403 naming the quota; nothing is charged") {
        val headers = freshUser()
        val email = "quota$users@qonduit.io"
        fun post(nshots: Int = 10) = http.post("/qibo/api/jobs/", jobBody(qiboCircuit("ghz3"), nshots = nshots), headers)
        emulator.qibo.setQuotaLeft("sim", jobsLeft = 0, email = email)
        post().let { it.status shouldBe 403; it.str("detail") shouldBe "Job quota exhausted for project 'personal' on sim: jobs_left is 0" }
        emulator.qibo.setQuotaLeft("sim", jobsLeft = 5, shotsLeft = 99, email = email)
        post(100).let { it.status shouldBe 403; it.str("detail") shouldBe "Shot quota exhausted for project 'personal' on sim: nshots 100 exceeds shots_left 99" }
        quota(headers).num("jobs_left") shouldBe 5.0
        emulator.qibo.setQuotaLeft("sim", secondsLeft = 0.0, email = email)
        post().let { it.status shouldBe 403; it.str("detail") shouldBe "Time quota exhausted for project 'personal' on sim: seconds_left is 0.0" }
        emulator.qibo.setQuotaLeft("sim", secondsLeft = 10.0, email = email)
        emulator.qibo.setDiskLeft(0.0, email)
        post().let { it.status shouldBe 403; it.str("detail") shouldBe "Disk quota exhausted: kbs_left is 0.0" }
        emulator.qibo.setDiskLeft(100.0, email)
        post(99).status shouldBe 200
        quota(headers).num("shots_left") shouldBe 0.0
    }

    test("limits of the partition: more qubits than max_num_qubits or more shots than max_num_shots are 400 naming the limit") {
        val headers = freshUser()
        val wide = JsonObject(qiboCircuit("ghz3") + ("nqubits" to kotlinx.serialization.json.JsonPrimitive(6)))
        http.post("/qibo/api/jobs/", jobBody(wide, device = "qpu5q"), headers).let {
            it.status shouldBe 400
            it.str("detail") shouldBe "circuit.nqubits 6 exceeds max_num_qubits 5 of qpu5q"
        }
        http.post("/qibo/api/jobs/", jobBody(qiboCircuit("ghz3"), nshots = QiboEmulatorState.MAX_NUM_SHOTS + 1), headers).let {
            it.status shouldBe 400
            it.str("detail") shouldBe "nshots 100001 exceeds max_num_shots 100000 of project 'personal' on sim"
        }
        quota(headers).num("jobs_left") shouldBe QiboEmulatorState.DEFAULT_JOBS_MAX.toDouble()
    }
})
