package io.qonduit.emulator.oqc

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.TestHttp
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class OqcAdminSpec : FunSpec({
    val emulator = Emulator.start()
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqc"))

    test("version needs no token; the QPU list does") {
        http.get("/admin/version").str("version") shouldBe OqcEmulatorState.VERSION
        http.get("/admin/qpu").status shouldBe 401
        http.get("/admin/qpu", mapOf("Authentication-Token" to "wrong")).status shouldBe 401
    }

    test("/admin/qpu lists every QPU with its own URL and a feature_set string") {
        val items = http.get("/admin/qpu", TOKEN).obj.getValue("items") as kotlinx.serialization.json.JsonArray
        items.map { it.jsonObject.getValue("id").jsonPrimitive.content } shouldContainExactly listOf(
            OqcEmulatorState.LUCY_SIMULATOR, OqcEmulatorState.TOSHIKO, OqcEmulatorState.INACTIVE_QPU,
        )
        val lucy = items[0].jsonObject
        lucy.getValue("url").jsonPrimitive.content shouldBe "${emulator.url("oqc")}/qpu/d865b5a184"
        val features = Json.parseToJsonElement(lucy.getValue("feature_set").jsonPrimitive.content).jsonObject
        features.getValue("qubit_count").jsonPrimitive.content shouldBe "8"
        items[2].jsonObject.getValue("status").jsonPrimitive.content shouldBe "INACTIVE"
        items[2].jsonObject.getValue("active").jsonPrimitive.content shouldBe "false"
        http.get("/admin/qpu/${OqcEmulatorState.TOSHIKO}", TOKEN).str("name") shouldBe "OQC Toshiko Tokyo-1"
        http.get("/admin/qpu/qpu:xx:1:nope", TOKEN).status shouldBe 404
    }

    test("a moved QPU URL is advertised as set") {
        emulator.oqc.setQpuUrl(OqcEmulatorState.TOSHIKO, "https://elsewhere.example/673b1ad43c/")
        try {
            http.get("/admin/qpu/${OqcEmulatorState.TOSHIKO}", TOKEN).str("url") shouldBe "https://elsewhere.example/673b1ad43c"
        } finally {
            emulator.oqc.setQpuUrl(OqcEmulatorState.TOSHIKO, null)
        }
    }

    test("login returns a working token in the Flask-Security envelope; bad passwords get 400") {
        http.post("/admin/logout", "{}").status shouldBe 200
        val bad = http.post("/admin/login?include_auth_token=true", """{"email":"demo@qonduit.io","password":"nope"}""")
        bad.status shouldBe 400
        bad.text shouldContain "errors"
        val ok = http.post(
            "/admin/login?include_auth_token=true",
            """{"email":"${OqcEmulatorState.DEMO_EMAIL}","password":"${OqcEmulatorState.DEMO_PASSWORD}"}""",
        )
        ok.status shouldBe 200
        val token = ok.obj.getValue("response").jsonObject.getValue("user").jsonObject.getValue("authentication_token").jsonPrimitive.content
        emulator.oqc.isValidToken(token) shouldBe true
        http.get("/admin/qpu", mapOf("Authentication-Token" to token)).status shouldBe 200
    }

    test("tokens can be created, inspected and deleted") {
        val created = http.post("/admin/users/current_user/auth_tokens", """{"expires_at":"2098-01-02T03:04:05"}""", TOKEN)
        created.status shouldBe 200
        val token = created.str("token")
        http.get("/admin/auth_tokens/$token", TOKEN).str("expires_at") shouldBe "2098-01-02T03:04:05"
        http.post("/admin/users/current_user/auth_tokens", """{"expires_at":"2001-01-01T00:00:00"}""", TOKEN).status shouldBe 400
        http.delete("/auth_tokens/$token", mapOf("Authentication-Token" to token)).str("token") shouldBe token
        http.get("/admin/qpu", mapOf("Authentication-Token" to token)).status shouldBe 401
    }

    test("reply messages are added to object replies") {
        emulator.oqc.addReplyMessage("Warning: scheduled maintenance")
        try {
            http.get("/admin/version").text shouldContain "Warning: scheduled maintenance"
        } finally {
            emulator.oqc.clearReplyMessages()
        }
        http.get("/admin/version").text.contains("messages") shouldBe false
    }

    test("unknown routes answer 404 in OQC's error shape") {
        val reply = http.get("/nothing/here", TOKEN)
        reply.status shouldBe 404
        reply.text shouldStartWith "{\"message\""
    }
})
