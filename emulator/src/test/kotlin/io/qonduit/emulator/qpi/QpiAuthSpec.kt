package io.qonduit.emulator.qpi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotBeBlank
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestHttp.Companion.ADMIN
import io.qonduit.emulator.TestHttp.Companion.DEMO
import io.qonduit.emulator.TestHttp.Companion.apiToken
import io.qonduit.emulator.TestHttp.Companion.bearer
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class QpiAuthSpec : FunSpec({
    val emulator = Emulator.start()
    val http = TestHttp(emulator.baseUrl)
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
        http.get("/qpi/api/collections/time_slots/records").status shouldBe 401
    }

    test("X-API-Token authenticates, and is checked before Authorization") {
        http.get("/qpi/api/jobs", DEMO).status shouldBe 200
        http.get("/qpi/api/jobs", DEMO + bearer("garbage")).status shouldBe 200
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
        http.get("/qpi/api/qpus/mock").status shouldBe 200
        http.get("/qpi/api/pub/root-ca.pem").status shouldBe 404
    }

    test("admin routes refuse normal users with 403 and accept the admin") {
        val adminOnly = listOf(
            Triple("GET", "/qpi/api/op/version", null),
            Triple("POST", "/qpi/api/op/qpus/create", """{"name":"x-qpu"}"""),
            Triple("POST", "/qpi/api/op/qpu/toggle", """{"id":"x","enabled":true}"""),
            Triple("GET", "/qpi/api/collections/users/records", null),
            Triple("PATCH", "/qpi/api/collections/users/records/${QpiEmulatorState.DEMO_USER_ID}", """{"qpu_seconds":1}"""),
            Triple("PATCH", "/qpi/api/collections/qpu_time_requests/records/x", """{"status":"approved"}"""),
        )
        for ((method, path, body) in adminOnly) {
            val response = http.send(method, path, body, DEMO)
            response.status shouldBe 403
            response.str("status") shouldBe "403"
            http.send(method, path, body).status shouldBe 401
        }
        http.get("/qpi/api/op/version", ADMIN).str("version") shouldBe "0.1.2"
    }

    test("unknown paths answer PocketBase's 404") {
        val response = http.get("/qpi/api/nothing/here", DEMO)
        response.status shouldBe 404
        response.str("message") shouldBe "The requested resource wasn't found."
    }
})
