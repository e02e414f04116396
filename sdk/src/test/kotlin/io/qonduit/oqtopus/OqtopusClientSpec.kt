package io.qonduit.oqtopus

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.testing.Circuits
import io.qonduit.transport.Secret
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.time.Instant
import kotlin.time.Duration.Companion.seconds

/** Every User API call of the client over real HTTP against the emulator. */
class OqtopusClientSpec : FunSpec({
    val oqtopus = OqtopusEmulatorFixture()
    val client = oqtopus.client()
    afterSpec {
        client.close()
        oqtopus.close()
    }

    suspend fun finished(id: String): OqtopusJob {
        withTimeout(30.seconds) { while (client.getJobStatus(id).status !in setOf("succeeded", "failed", "cancelled")) delay(20) }
        return client.getJob(id)
    }

    test("default headers go with every API request and never to storage; reserved or malformed ones are refused") {
        val tagged = OqtopusClient.builder(OqtopusConfig.of(oqtopus.url, Secret.of(OqtopusEmulatorState.DEMO_TOKEN)))
            .defaultHeaders(mapOf("X-Team" to "alpha")).build()
        try {
            val device = oqtopus.simulator // looked up by the fixture's own client, before the requests are recorded
            oqtopus.emulator.faults.clearRequests()
            val id = tagged.submitJob(OqtopusJobSpec.sampling(device, Circuits.BELL.toQasm3(), 10))
            tagged.listDevices()
            val api = oqtopus.emulator.faults.requests("/oqtopus/**")
            api.map { "${it.method} ${it.path}" } shouldBe listOf("POST /oqtopus/jobs", "POST /oqtopus/jobs/$id/submit", "GET /oqtopus/devices")
            api.forEach { it.hasHeader("x-team") shouldBe true; it.hasHeader(OqtopusClient.TOKEN_HEADER) shouldBe true }
            val storage = oqtopus.emulator.faults.requests("/oqtopus-storage/**")
            storage.shouldNotBeEmpty()
            storage.forEach { it.hasHeader("x-team") shouldBe false }
        } finally {
            tagged.close()
        }
        val builder = OqtopusClient.builder(OqtopusConfig.of(oqtopus.url, null))
        listOf("q-api-token", "Authorization", "User-Agent", "Content-Length", "bad name", "").forEach { name ->
            val e = shouldThrow<io.qonduit.errors.ValidationException> { builder.defaultHeaders(mapOf(name to "secret-value")) }
            e.violations.single().field shouldBe "defaultHeaders"
            e.message!! shouldNotContain "secret-value"
        }
        shouldThrow<io.qonduit.errors.ValidationException> { builder.defaultHeaders(mapOf("X-Split" to "a\r\nInjected: 1")) }
    }

    test("devices: the list and one, device_info parsed from its JSON string") {
        val devices = client.listDevices()
        devices.shouldNotBeEmpty()
        val one = client.getDevice(oqtopus.simulator)
        one.deviceId shouldBe oqtopus.simulator
        devices.filter { it.deviceInfoStr != null }.forEach { it.deviceInfo shouldNotBe null }
        val e = shouldThrow<OqtopusApiException> { client.getDevice("no-such-device") }
        e.statusCode shouldBe 404
        e.serverMessage shouldNotBe null
    }

    test("a job's record, status, input and result; transpile result when present") {
        val spec = OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3(), 200).named("bell-record", "record test")
        val id = client.submitJob(spec)
        val job = finished(id)
        job.status shouldBe "succeeded"
        job.name shouldBe "bell-record"
        job.jobType shouldBe "sampling"
        job.shots shouldBe 200
        job.downloadUrl("input") shouldNotBe null
        client.jobInputJson(id) shouldContain "OPENQASM 3"
        val result = client.jobResult(id)
        result.counts.values.sum() shouldBe 200L
        result.counts.keys.all { it == "00" || it == "11" } shouldBe true
    }

    test("storage refusals are typed errors that quote neither signatures nor query strings") {
        val registered = client.registerJob()
        val forged = OqtopusRegisteredJob(registered.jobId, OqtopusPresignedUpload(registered.presignedUrl.url, registered.presignedUrl.fields + ("signature" to "forged-signature")))
        val up = shouldThrow<OqtopusStorageException> { client.uploadInput(forged, OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3())) }
        up.message!! shouldContain "HTTP 403"
        up.message!! shouldNotContain "forged-signature"
        registered.presignedUrl.fields.values.forEach { up.message!! shouldNotContain it }

        val id = client.submitJob(OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3(), 10))
        val record = finished(id)
        val url = record.downloadUrl("result")!!
        val query = url.substringAfter('?')
        val tampered = OqtopusJob(jobId = id, status = "succeeded", jobInfo = kotlinx.serialization.json.JsonObject(mapOf("result" to kotlinx.serialization.json.JsonPrimitive(url.replaceAfterLast('=', "0000")))))
        val down = shouldThrow<OqtopusStorageException> { client.resultOf(tampered) }
        down.message!! shouldContain "HTTP 403"
        down.message!! shouldNotContain "?"
        down.message!! shouldNotContain query
    }

    test("list jobs with every filter, paging and order") {
        val ids = (1..3).map { client.submitJob(OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.X0.toQasm3(), 10).named("listed-$it")) }
        ids.forEach { finished(it) }
        val all = client.listJobs(OqtopusJobQuery(q = "listed-", size = 100))
        all.map { it.jobId } shouldBe ids
        client.listJobs(OqtopusJobQuery(q = "listed-", order = OqtopusOrder.DESC, size = 100)).map { it.jobId } shouldBe ids.reversed()
        client.listJobs(OqtopusJobQuery(q = "listed-", page = 2, size = 2)).map { it.jobId } shouldBe listOf(ids[2])
        client.listJobs(OqtopusJobQuery(q = "listed-2")).single().jobId shouldBe ids[1]
        client.listJobs(OqtopusJobQuery(q = "listed-", status = "running")) shouldBe emptyList()
        val sparse = client.listJobs(OqtopusJobQuery(q = "listed-", fields = listOf("job_id", "status"))).first()
        sparse.jobId shouldBe ids[0]
        sparse.name shouldBe null
        client.listJobs(OqtopusJobQuery(q = "listed-", startTime = Instant.now().plusSeconds(3600))) shouldBe emptyList()
        client.listJobs(OqtopusJobQuery(q = "listed-", endTime = Instant.now().minusSeconds(3600))) shouldBe emptyList()
    }

    test("cancel, then delete; deleting an active job is refused") {
        val registered = client.registerJob()
        client.uploadInput(registered, OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3()))
        client.cancelJob(registered.jobId).message shouldNotBe null
        finished(registered.jobId).status shouldBe "cancelled"
        client.deleteJob(registered.jobId)
        shouldThrow<OqtopusApiException> { client.getJob(registered.jobId) }.statusCode shouldBe 404
        val missing = shouldThrow<OqtopusApiException> { client.cancelJob("00000000-0000-0000-0000-000000000000") }
        missing.statusCode shouldBe 404
        missing.message!! shouldNotContain OqtopusEmulatorState.DEMO_TOKEN
    }

    test("api token: create is refused with an API token (the service issues tokens to login sessions only), status, delete; the secret never shows") {
        oqtopus.emulator.oqtopus.addUser("token-user@qonduit.io", "token-user-token")
        oqtopus.client("token-user-token").use { c ->
            // oqtopus-client 1.3.0 documents it: "A client authenticated with a Q-API-Token can no
            // longer mint a new token (the server responds with HTTP 403)".
            val refused = shouldThrow<OqtopusApiException> { c.createApiToken() }
            refused.statusCode shouldBe 403
            refused.message!! shouldNotContain "token-user-token"
            c.getApiTokenStatus().apiTokenExpiration shouldNotBe null
            c.toString() shouldNotContain "token-user-token"
            c.deleteApiToken()
            // The spec lets /api-token/status refuse with 403 (it lists no 401).
            setOf(401, 403) shouldContain shouldThrow<OqtopusApiException> { c.getApiTokenStatus() }.statusCode
        }
        client.toString() shouldNotContain OqtopusEmulatorState.DEMO_TOKEN
    }

    test("api token: a client on a login session creates one, and the new token works as an API token") {
        val session = OqtopusClient.builder(OqtopusConfig.of(oqtopus.url, null)).sessionToken(Secret.of(OqtopusEmulatorState.DEMO_SESSION_TOKEN)).build()
        val issued = try {
            oqtopus.emulator.faults.clearRequests()
            session.createApiToken().also {
                val sent = oqtopus.emulator.faults.requests("/oqtopus/api-token").single()
                sent.hasHeader("authorization") shouldBe true
                sent.hasHeader(OqtopusClient.TOKEN_HEADER) shouldBe false
                session.toString() shouldNotContain OqtopusEmulatorState.DEMO_SESSION_TOKEN
            }
        } finally {
            session.close()
        }
        try {
            issued.toString() shouldNotContain issued.apiTokenSecret.reveal()
            oqtopus.client(issued.apiTokenSecret.reveal()).use { c -> c.listDevices().shouldNotBeEmpty() }
            // The new token replaced the demo user's: the old one is refused now.
            shouldThrow<OqtopusApiException> { client.listDevices() }.statusCode shouldBe 401
        } finally {
            oqtopus.emulator.oqtopus.restoreDemoToken() // for the other tests, which share the demo client
        }
    }

    test("announcements: the list with its parameters, and one") {
        val list = client.listAnnouncements(offset = 0, limit = 10, order = OqtopusOrder.ASC)
        list.shouldNotBeEmpty()
        client.getAnnouncement(list.first().id).title shouldBe list.first().title
        shouldThrow<OqtopusApiException> { client.getAnnouncement(999_999) }.statusCode shouldBe 404
    }

    test("users/me: get and patch; system settings") {
        val me = client.getMe()
        me.id shouldNotBe null
        client.updateMe(organization = "Qonduit Lab").organization shouldBe "Qonduit Lab"
        client.getMe().organization shouldBe "Qonduit Lab"
        client.updateMe(name = me.name, organization = me.organization)
        val settings = client.getSystemSettings()
        settings.editableFields shouldContain "name"
    }

    test("users/me: delete (204) ends the account") {
        oqtopus.emulator.oqtopus.addUser("leaving@qonduit.io", "leaving-token")
        oqtopus.client("leaving-token").use { c ->
            c.getMe().email shouldBe "leaving@qonduit.io"
            c.deleteMe()
            shouldThrow<OqtopusApiException> { c.getMe() }.statusCode shouldBe 401
        }
    }

    test("a wrong token is a typed 401 with the service's message, and no token in it") {
        oqtopus.client(token = "wrong-token").use { bad ->
            val e = shouldThrow<OqtopusApiException> { bad.listDevices() }
            e.statusCode shouldBe 401
            e.message!! shouldNotContain "wrong-token"
            e.body shouldNotContain "wrong-token"
        }
        synchronized(oqtopus.log) { oqtopus.log.none { it.contains(OqtopusEmulatorState.DEMO_TOKEN) || it.contains("Signature") || it.contains("signature=") } } shouldBe true
    }
})
