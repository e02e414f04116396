package io.qonduit.emulator.qpi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotBeBlank
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestHttp.Companion.DEMO
import io.qonduit.emulator.TestHttp.Companion.apiToken
import io.qonduit.emulator.TestHttp.Companion.bearer
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class QpiAuthSpec : FunSpec({
    val emulator = Emulator.start()
    val http = TestHttp(emulator.baseUrl)
    val ADMIN by lazy { http.superuser() }
    afterSpec { emulator.close() }

    val unauthorized = """{"data":{},"message":"Authentication required.","status":401}"""

    test("user routes answer 401 in PocketBase format without credentials or with unknown ones") {
        for (headers in listOf(emptyMap(), apiToken("wrong"), bearer("wrong"))) {
            val response = http.get("/qpi/api/jobs", headers)
            response.status shouldBe 401
            response.obj.toString() shouldBe unauthorized
            response.headers["content-type"]!!.first() shouldBe "application/json"
        }
        http.post("/qpi/api/jobs", jobBody(BELL)).status shouldBe 401
        http.get("/qpi/api/tokens").status shouldBe 401
    }

    test("QPI's routes take a users login first, then X-API-Token, then the bearer value as an API token") {
        http.get("/qpi/api/jobs", DEMO).status shouldBe 200
        http.get("/qpi/api/jobs", DEMO + bearer("garbage")).status shouldBe 200
        http.get("/qpi/api/jobs", apiToken("garbage") + http.demoLogin()).status shouldBe 200
        http.get("/qpi/api/jobs", bearer(QpiEmulatorState.DEMO_TOKEN)).status shouldBe 200
    }

    test("collection routes see only the login token: an API token is a guest there") {
        val slots = "/qpi/api/collections/time_slots/records"
        http.get(slots, DEMO).obj.getValue("totalItems").jsonPrimitive.content shouldBe "0"
        http.get("/qpi/api/collections/notifications/records", DEMO).obj.getValue("totalItems").jsonPrimitive.content shouldBe "0"
        http.get("/qpi/api/collections/notifications/records", http.demoLogin()).obj.getValue("totalItems").jsonPrimitive.content shouldBe "1"
        val start = java.time.Instant.now().plusSeconds(86_400 * 400)
        val body = """{"start_time":"$start","end_time":"${start.plusSeconds(600)}"}"""
        http.post(slots, body, DEMO).let { it.status shouldBe 400; it.str("message") shouldBe "Failed to create record." }
        http.post(slots, body, http.demoLogin()).status shouldBe 200
        // PocketBase also takes the login token without the Bearer prefix.
        val raw = http.demoLogin().getValue("Authorization").removePrefix("Bearer ")
        http.get(slots, mapOf("Authorization" to raw)).obj.getValue("totalItems").jsonPrimitive.content shouldBe "1"
    }

    test("password login returns token and record; the token works as a Bearer token") {
        val login = http.post(
            "/qpi/api/collections/users/auth-with-password",
            """{"identity":"${QpiEmulatorState.DEMO_IDENTITY}","password":"${QpiEmulatorState.DEMO_PASSWORD}"}""",
        )
        login.status shouldBe 200
        val token = login.str("token")
        token.shouldNotBeBlank()
        val record = login.obj.getValue("record").jsonObject
        record.getValue("id").jsonPrimitive.content shouldBe QpiEmulatorState.DEMO_USER_ID
        record.getValue("email").jsonPrimitive.content shouldBe QpiEmulatorState.DEMO_IDENTITY
        http.get("/qpi/api/jobs", bearer(token)).status shouldBe 200
        http.post("/qpi/api/jobs", jobBody(BELL), bearer(token)).status shouldBe 201
    }

    test("a wrong password answers 400 Failed to authenticate.") {
        val login = http.post(
            "/qpi/api/collections/users/auth-with-password",
            """{"identity":"${QpiEmulatorState.DEMO_IDENTITY}","password":"nope"}""",
        )
        login.status shouldBe 400
        login.str("message") shouldBe "Failed to authenticate."
    }

    test("superusers live in _superusers: they log in there only, and are no QPI users") {
        http.post(
            "/qpi/api/collections/users/auth-with-password",
            """{"identity":"${QpiEmulatorState.ADMIN_IDENTITY}","password":"${QpiEmulatorState.ADMIN_PASSWORD}"}""",
        ).status shouldBe 400
        val login = http.post(
            "/qpi/api/collections/_superusers/auth-with-password",
            """{"identity":"${QpiEmulatorState.ADMIN_IDENTITY}","password":"${QpiEmulatorState.ADMIN_PASSWORD}"}""",
        )
        login.obj.getValue("record").jsonObject.getValue("collectionName").jsonPrimitive.content shouldBe "_superusers"
        http.get("/qpi/api/jobs", bearer(login.str("token"))).status shouldBe 401
        http.post("/qpi/api/tokens", "{}", bearer(login.str("token"))).status shouldBe 401
    }

    test("superusers log in through _superusers; normal users cannot") {
        http.post(
            "/qpi/api/collections/_superusers/auth-with-password",
            """{"identity":"${QpiEmulatorState.ADMIN_IDENTITY}","password":"${QpiEmulatorState.ADMIN_PASSWORD}"}""",
        ).status shouldBe 200
        http.post(
            "/qpi/api/collections/_superusers/auth-with-password",
            """{"identity":"${QpiEmulatorState.DEMO_IDENTITY}","password":"${QpiEmulatorState.DEMO_PASSWORD}"}""",
        ).status shouldBe 400
    }

    test("public routes need no credentials") {
        http.get("/qpi/api/qpus").status shouldBe 200
        http.get("/qpi/api/qpus/${QpiEmulatorState.MOCK_QPU_ID}").status shouldBe 200
        http.get("/qpi/api/pub/root-ca.pem").status shouldBe 404
    }

    test("admin-only routes answer 403 Admin access required. to everyone but a superuser, anonymous included") {
        val adminOnly = listOf(
            Triple("GET", "/qpi/api/op/version", null),
            Triple("POST", "/qpi/api/op/qpus/create", """{"name":"x-qpu"}"""),
            Triple("POST", "/qpi/api/op/qpu/toggle", """{"id":"x","enabled":true}"""),
        )
        for ((method, path, body) in adminOnly) {
            for (headers in listOf(DEMO, http.demoLogin(), emptyMap())) {
                val response = http.send(method, path, body, headers)
                response.status shouldBe 403
                response.obj.toString() shouldBe """{"data":{},"message":"Admin access required.","status":403}"""
            }
        }
        http.get("/qpi/api/op/version", ADMIN).str("version") shouldBe "0.1.2"
    }

    test("collection rules: users see only themselves, only superusers decide time requests or set others' seconds") {
        val me = http.get("/qpi/api/collections/users/records", http.demoLogin())
        me.obj.getValue("items").toString() shouldContain QpiEmulatorState.DEMO_USER_ID
        me.obj.getValue("totalItems").jsonPrimitive.content shouldBe "1"
        val other = emulator.qpi.addUser("rules@qonduit.io", "pw")
        http.patch("/qpi/api/collections/users/records/$other", """{"qpu_seconds":1}""", http.demoLogin()).status shouldBe 404
        http.patch("/qpi/api/collections/users/records/$other", """{"qpu_seconds":1}""", ADMIN).status shouldBe 200
        val decided = http.patch("/qpi/api/collections/qpu_time_requests/records/x", """{"status":"approved"}""", http.demoLogin())
        decided.status shouldBe 403
        decided.str("message") shouldBe "Only superusers can perform this action."
    }

    test("unknown paths answer PocketBase's 404") {
        val response = http.get("/qpi/api/nothing/here", DEMO)
        response.status shouldBe 404
        response.str("message") shouldBe "The requested resource wasn't found."
    }
})
