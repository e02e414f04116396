package io.qonduit.emulator.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp

/** Account routes as the conformance suite (oqtopus-client 1.3.0, schemathesis) found the service. */
class OqtopusAccountConformanceSpec : FunSpec({
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
})
