package io.qonduit.emulator.oqtopus

import com.atlassian.oai.validator.model.Request
import com.atlassian.oai.validator.model.SimpleResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * Every operation of the OQTOPUS User API spec, answered by the emulator and validated both ways
 * against the OpenAPI document (`ContractHttp`); the last test checks that none was left out.
 */
class OqtopusContractSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 11L))
    val http = ContractHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    test("the validator is live: it rejects a response that breaks the spec") {
        val bad = SimpleResponse.Builder.ok().withContentType("application/json").withBody("""{"job_id": "x"}""").build()
        val report = OqtopusOpenApi.validator.validateResponse("/oqtopus/jobs/x/status", Request.Method.GET, bad)
        report.hasErrors() shouldBe true
        OqtopusOpenApi.operations.size shouldBe 18
    }

    test("list_devices and get_device; an unknown device is 404, no credentials 401") {
        http.get("/oqtopus/devices").arr shouldHaveSize 3
        val qpu = http.get("/oqtopus/devices/${OqtopusEmulatorState.QPU}")
        qpu.str("device_type") shouldBe "QPU"
        // device_info is a JSON document inside a string
        kotlinx.serialization.json.Json.parseToJsonElement(qpu.str("device_info")).jsonObject.keys shouldContain "calibration_data"
        http.get("/oqtopus/devices/nope").status shouldBe 404
        // get_device lists no 401, but a 403: that is how it refuses a caller without credentials
        http.get("/oqtopus/devices/${OqtopusEmulatorState.SVSIM}", headers = emptyMap()).status shouldBe 403
        http.get("/oqtopus/devices", headers = emptyMap()).status shouldBe 401
        http.get("/oqtopus/devices", headers = mapOf("q-api-token" to "wrong")).status shouldBe 401
        http.get("/oqtopus/devices", headers = mapOf("Authorization" to "Bearer ${OqtopusEmulatorState.DEMO_SESSION_TOKEN}")).status shouldBe 200
    }

    test("register_job_id, get_job while registered, submit_job, get_job_status, get_job when done") {
        val register = http.post("/oqtopus/jobs")
        val id = register.str("job_id")
        http.get("/oqtopus/jobs/$id").obj.keys shouldBe setOf("job_id", "status")
        val fields = register.obj.getValue("presigned_url").jsonObject.getValue("fields").jsonObject.mapValues { it.value.jsonPrimitive.content }
        Storage.upload(register.obj.getValue("presigned_url").jsonObject.getValue("url").jsonPrimitive.content, fields, inputZip(programs(OQ_BELL)))
            .status shouldBe 204
        http.post("/oqtopus/jobs/$id/submit", submitBody()).str("message") shouldBe "job submitted"
        val (seen, job) = http.awaitOqtopusJob(id)
        seen.last() shouldBe "succeeded"
        job.obj.keys shouldContain "submitted_at"
        job.obj.keys shouldContain "execution_time"
    }

    // A POST /jobs body with an inline job_info is the previous API's flow: OqtopusInlineFlowSpec checks it against that document.

    test("submit_job errors: missing shots breaks the spec (400), an unknown job is 404, no upload is 400, twice is 400") {
        val id = http.post("/oqtopus/jobs").str("job_id")
        http.post("/oqtopus/jobs/$id/submit", """{"device_id": "SVSim", "job_type": "sampling"}""", invalidRequest = true).status shouldBe 400
        http.post("/oqtopus/jobs/$id/submit", submitBody(shots = 0), invalidRequest = true).status shouldBe 400
        http.post("/oqtopus/jobs/$id/submit", submitBody(jobType = "annealing"), invalidRequest = true).status shouldBe 400
        http.post("/oqtopus/jobs/nope/submit", submitBody()).status shouldBe 404
        val noUpload = http.post("/oqtopus/jobs/$id/submit", submitBody())
        noUpload.status shouldBe 400
        noUpload.str("message") shouldContain "has not been uploaded"
        val done = http.submitJob(programs(OQ_BELL))
        http.post("/oqtopus/jobs/$done/submit", submitBody()).status shouldBe 400
        http.post("/oqtopus/jobs/$id/submit", submitBody(), headers = emptyMap()).status shouldBe 401
    }

    test("list_jobs with every filter, paging and order; bad parameters break the spec and get 400") {
        val before = Instant.now().minusSeconds(1)
        val ids = (1..3).map { http.submitJob(programs(OQ_BELL), submitBody(name = "contract-list-$it")) }
        ids.forEach { http.awaitOqtopusJob(it) }
        val after = Instant.now().plusSeconds(1)
        val page = http.get(
            "/oqtopus/jobs?start_time=$before&end_time=$after&status=succeeded&q=contract-list&page=1&size=2&order=DESC",
        )
        page.arr.map { it.jsonObject.getValue("job_id").jsonPrimitive.content } shouldBe listOf(ids[2], ids[1])
        page.headers.entries.first { it.key.equals("link", true) }.value.single() shouldContain "rel=\"next\""
        http.get("/oqtopus/jobs?q=contract-list&size=2&page=9").arr shouldHaveSize 1 // past the end: the last page
        // fields: exactly those properties, an undefined one as null (the spec's description;
        // its schema does not say nullable, hence the tolerated type message)
        val projected = http.get("/oqtopus/jobs?q=contract-list&fields=job_id,status,ready_at", tolerate = setOf("validation.response.body.schema.type"))
        projected.arr.first().jsonObject.keys shouldBe setOf("job_id", "status", "ready_at")
        val registered = http.post("/oqtopus/jobs").str("job_id")
        http.get("/oqtopus/jobs?q=$registered&fields=job_id,name", tolerate = setOf("validation.response.body.schema.type"))
            .arr.single().jsonObject.getValue("name") shouldBe JsonNull
        http.get("/oqtopus/jobs?page=0", invalidRequest = true).status shouldBe 400
        http.get("/oqtopus/jobs?size=70000", invalidRequest = true).status shouldBe 400
        http.get("/oqtopus/jobs?status=done", invalidRequest = true).status shouldBe 400
        http.get("/oqtopus/jobs?order=UP", invalidRequest = true).status shouldBe 400
        http.get("/oqtopus/jobs?start_time=yesterday", invalidRequest = true).status shouldBe 400
        http.get("/oqtopus/jobs", headers = emptyMap()).status shouldBe 401
        http.get("/oqtopus/jobs?q=" + "x".repeat(1025), invalidRequest = true).status shouldBe 400
        // a field name that is no job property: 400, a status list_jobs does not list
        http.get("/oqtopus/jobs?fields=job_id,colour", tolerate = setOf("validation.response.status.unknown")).status shouldBe 400
    }

    test("cancel_job and delete_job, with their errors") {
        emulator.oqtopus.setDeviceAvailable(OqtopusEmulatorState.OFFLINE_QPU, false)
        val waiting = http.submitJob(programs(OQ_BELL), submitBody(deviceId = OqtopusEmulatorState.OFFLINE_QPU))
        val activeDelete = http.delete("/oqtopus/jobs/$waiting")
        activeDelete.status shouldBe 400
        http.post("/oqtopus/jobs/$waiting/cancel").str("message") shouldBe "cancel request accepted"
        http.get("/oqtopus/jobs/$waiting/status").str("status") shouldBe "cancelled"
        http.post("/oqtopus/jobs/$waiting/cancel").status shouldBe 400
        http.delete("/oqtopus/jobs/$waiting").str("message") shouldBe "Quantum job deleted"
        http.get("/oqtopus/jobs/$waiting").status shouldBe 404
        http.get("/oqtopus/jobs/$waiting/status").status shouldBe 404
        http.delete("/oqtopus/jobs/$waiting").status shouldBe 404
        http.post("/oqtopus/jobs/$waiting/cancel").status shouldBe 404
    }

    test("create_api_token, get_api_token_status, delete_api_token") {
        val session = mapOf("Authorization" to "Bearer ${OqtopusEmulatorState.DEMO_SESSION_TOKEN}")
        http.post("/oqtopus/api-token", headers = emptyMap()).status shouldBe 403
        http.get("/oqtopus/api-token/status", headers = emptyMap()).status shouldBe 403
        val created = http.post("/oqtopus/api-token", headers = session)
        val secret = created.str("api_token_secret")
        secret shouldNotBe OqtopusEmulatorState.DEMO_TOKEN
        http.get("/oqtopus/api-token/status", headers = mapOf("q-api-token" to secret)).str("api_token_expiration") shouldBe created.str("api_token_expiration")
        http.get("/oqtopus/devices", headers = OQ_DEMO).status shouldBe 401 // the old token was replaced
        http.delete("/oqtopus/api-token", headers = session).status shouldBe 200
        http.get("/oqtopus/devices", headers = mapOf("q-api-token" to secret)).status shouldBe 401
        http.get("/oqtopus/api-token/status", headers = session).status shouldBe 404
        http.delete("/oqtopus/api-token", headers = session).status shouldBe 404
        // back to the demo token for the tests that follow
        emulator.oqtopus.restoreDemoToken()
        http.get("/oqtopus/api-token/status").status shouldBe 200
    }

    test("get_announcements_list with offset, limit, order and current_time; get_announcement") {
        val list = http.get("/oqtopus/announcements").obj.getValue("announcements").jsonArray
        list shouldHaveSize 2
        val now = Instant.now().truncatedTo(ChronoUnit.SECONDS)
        http.get("/oqtopus/announcements?current_time=$now").obj.getValue("announcements").jsonArray shouldHaveSize 1
        val desc = http.get("/oqtopus/announcements?order=DESC&offset=0&limit=1").obj.getValue("announcements").jsonArray
        desc.single().jsonObject.getValue("id").jsonPrimitive.content shouldBe "2"
        http.get("/oqtopus/announcements?offset=1").obj.getValue("announcements").jsonArray shouldHaveSize 1
        http.get("/oqtopus/announcements/1").str("title") shouldContain "Welcome"
        http.get("/oqtopus/announcements/99").status shouldBe 404
        http.get("/oqtopus/announcements/first", invalidRequest = true).status shouldBe 400
        // offset and limit are strings in the spec; one that is no count is refused with 400, a status the operation does not list
        http.get("/oqtopus/announcements?limit=many", tolerate = setOf("validation.response.status.unknown")).status shouldBe 400
        val unauthorized = http.get("/oqtopus/announcements", headers = emptyMap())
        unauthorized.status shouldBe 401
        unauthorized.text shouldBe "" // the spec's 401 here has no content
        http.get("/oqtopus/system/settings", headers = emptyMap()).status shouldBe 401
    }

    test("get_current_user, update_current_user, get_current_settings, delete_current_user") {
        val me = http.get("/oqtopus/users/me")
        me.str("email") shouldBe OqtopusEmulatorState.DEMO_EMAIL
        val patched = http.patch("/oqtopus/users/me", """{"name": "Renamed", "organization": "Lab"}""")
        patched.str("name") shouldBe "Renamed"
        patched.str("organization") shouldBe "Lab"
        http.patch("/oqtopus/users/me", """{"name": 5}""", invalidRequest = true).status shouldBe 400
        val settings = http.get("/oqtopus/system/settings")
        settings.obj.getValue("allow_deletion").jsonPrimitive.content shouldBe "true"
        val token = "contract-delete-me"
        emulator.oqtopus.addUser("delete-me@example.org", token)
        emulator.oqtopus.allowUserDeletion = false
        http.delete("/oqtopus/users/me", headers = mapOf("q-api-token" to token)).status shouldBe 403
        emulator.oqtopus.allowUserDeletion = true
        http.delete("/oqtopus/users/me", headers = mapOf("q-api-token" to token)).status shouldBe 204
        http.get("/oqtopus/users/me", headers = mapOf("q-api-token" to token)).status shouldBe 401
    }

    test("every operation of the spec was exercised") {
        (OqtopusOpenApi.operations.map { it.operationId } - http.exercised).shouldBeEmpty()
    }
})
