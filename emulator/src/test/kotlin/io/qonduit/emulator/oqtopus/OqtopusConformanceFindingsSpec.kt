package io.qonduit.emulator.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestResponse
import kotlinx.serialization.json.jsonArray
import java.time.Instant

/** What the conformance suites (oqtopus-client 1.3.0, schemathesis) found the service to do. */
class OqtopusConformanceFindingsSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 7L))
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }
    val session = mapOf("Authorization" to "Bearer ${OqtopusEmulatorState.DEMO_SESSION_TOKEN}")

    test("POST /api-token with a q-api-token is refused with 403 and leaves the token working") {
        val refused = http.post("/oqtopus/api-token", null, OQ_DEMO)
        refused.status shouldBe 403
        refused.str("message").isNotBlank() shouldBe true
        http.get("/oqtopus/api-token/status", OQ_DEMO).status shouldBe 200
    }

    test("POST /api-token from a login session issues a new token") {
        val issued = http.post("/oqtopus/api-token", null, session)
        issued.status shouldBe 200
        val secret = issued.str("api_token_secret")
        secret shouldStartWith "oqtopus-"
        http.get("/oqtopus/devices", mapOf("q-api-token" to secret)).status shouldBe 200
    }

    test("PATCH /users/me accepts a blank name, as the service's UpdateUserRequest (str | None) does") {
        val updated = http.patch("/oqtopus/users/me", """{"name": ""}""", session)
        updated.status shouldBe 200
        updated.str("name") shouldBe ""
    }

    test("an undeclared method on a path of the spec is 405 with Allow; an unknown path stays 404") {
        val put = http.send("PUT", "/oqtopus/devices", "{}", OQ_DEMO)
        put.status shouldBe 405
        put.allow() shouldBe "GET"
        http.send("PUT", "/oqtopus/users/me", "{}", OQ_DEMO).allow() shouldBe "GET, PATCH, DELETE"
        http.send("PATCH", "/oqtopus/jobs/some-id", "{}", OQ_DEMO).allow() shouldBe "GET, DELETE"
        http.send("GET", "/oqtopus/jobs/some-id/submit", null, OQ_DEMO).allow() shouldBe "POST"
        http.send("POST", "/oqtopus/jobs/some-id/sselog", "{}", OQ_DEMO).allow() shouldBe "GET"
        http.get("/oqtopus/no-such-path", OQ_DEMO).status shouldBe 404
    }

    test("GET /announcements returns at most 10 when no limit is given, as the service's router defaults it") {
        val private = Emulator.start(EmulatorConfig(seed = 8L))
        try {
            val start = Instant.parse("2026-01-01T00:00:00Z")
            repeat(11) { private.oqtopus.addAnnouncement("notice $it", "text", start.plusSeconds(it * 60L), start.plusSeconds(86_400L)) }
            val own = TestHttp(private.baseUrl)
            fun count(query: String) = own.get("/oqtopus/announcements$query", OQ_DEMO).obj.getValue("announcements").jsonArray.size
            count("") shouldBe 10 // 13 published: the two seeded and eleven more
            count("?limit=20") shouldBe 13
            count("?offset=10") shouldBe 3
        } finally {
            private.close()
        }
    }
})

private fun TestResponse.allow(): String? = headers.entries.firstOrNull { it.key.equals("Allow", ignoreCase = true) }?.value?.joinToString(", ")
