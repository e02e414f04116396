package io.qonduit.emulator.qpi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestHttp.Companion.ADMIN
import io.qonduit.emulator.TestHttp.Companion.DEMO
import io.qonduit.emulator.TestHttp.Companion.apiToken
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class QpiAccountSpec : FunSpec({
    val emulator = Emulator.start()
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    fun JsonObject.s(key: String) = getValue(key).jsonPrimitive.content

    test("tokens: the raw token is shown once at creation, authenticates, and stops working once deleted") {
        val created = http.post("/qpi/api/tokens", """{"name":"ci","expires_at":"2099-12-31T00:00:00Z"}""", DEMO)
        created.status shouldBe 200
        val raw = created.str("token")
        raw shouldStartWith "qpi_"
        created.str("expires_at") shouldBe "2099-12-31 00:00:00.000Z"
        val id = created.str("id")

        http.get("/qpi/api/jobs", apiToken(raw)).status shouldBe 200

        val list = http.get("/qpi/api/tokens", DEMO)
        list.status shouldBe 200
        list.text.contains(raw) shouldBe false
        list.arr.map { it.jsonObject.s("id") } shouldContain id
        val one = http.get("/qpi/api/tokens/$id", apiToken(raw))
        one.str("name") shouldBe "ci"
        one.obj.containsKey("token") shouldBe false

        http.patch("/qpi/api/tokens/$id", """{"name":"renamed"}""", DEMO).str("name") shouldBe "renamed"

        emulator.qpi.addUser("stranger@qonduit.io", "pw", apiToken = "stranger-token")
        http.get("/qpi/api/tokens/$id", apiToken("stranger-token")).status shouldBe 404
        http.get("/qpi/api/tokens/$id", ADMIN).status shouldBe 200

        http.delete("/qpi/api/tokens/$id", DEMO).obj.toString() shouldBe """{"status":"deleted"}"""
        http.get("/qpi/api/jobs", apiToken(raw)).status shouldBe 401
        http.get("/qpi/api/tokens/$id", DEMO).status shouldBe 404
    }

    test("expired tokens do not authenticate") {
        val raw = http.post("/qpi/api/tokens", """{"name":"old","expires_at":"2001-01-01 00:00:00.000Z"}""", DEMO).str("token")
        http.get("/qpi/api/jobs", apiToken(raw)).status shouldBe 401
        http.post("/qpi/api/tokens", """{"expires_at":"tomorrow"}""", DEMO).status shouldBe 400
    }

    test("notifications: list envelope, dismiss hides it, dismissing again is 404") {
        val id = emulator.qpi.addNotification("Maintenance", "mock goes down at noon", QpiEmulatorState.DEMO_USER_ID)
        val before = http.get("/qpi/api/collections/notifications/records", DEMO)
        before.obj.keys shouldBe setOf("page", "perPage", "totalItems", "totalPages", "items")
        before.obj.getValue("items").let { it as kotlinx.serialization.json.JsonArray }.map { it.jsonObject.s("id") } shouldContain id
        http.post("/qpi/api/notifications/$id/dismiss", null, DEMO).obj.toString() shouldBe """{"status":"dismissed"}"""
        val after = http.get("/qpi/api/collections/notifications/records", DEMO)
        (after.obj.getValue("items") as kotlinx.serialization.json.JsonArray).map { it.jsonObject.s("id") } shouldNotContain id
        http.post("/qpi/api/notifications/$id/dismiss", null, DEMO).status shouldBe 404
        http.post("/qpi/api/notifications/$id/dismiss", null, ADMIN).status shouldBe 404
    }

    test("time slots: create, get, list, patch, delete") {
        val created = http.post(
            "/qpi/api/collections/time_slots/records",
            """{"start_time":"2026-07-24T10:00:00Z","end_time":"2026-07-24T11:00:00Z","booked_by":"${QpiEmulatorState.DEMO_USER_ID}"}""",
            DEMO,
        )
        created.status shouldBe 200
        created.str("start_time") shouldBe "2026-07-24 10:00:00.000Z"
        val id = created.str("id")
        http.get("/qpi/api/collections/time_slots/records/$id", DEMO).str("booked_by") shouldBe QpiEmulatorState.DEMO_USER_ID

        val list = http.get("/qpi/api/collections/time_slots/records", DEMO)
        list.obj.getValue("totalItems").jsonPrimitive.int shouldBe 1
        list.obj.getValue("perPage").jsonPrimitive.int shouldBe 30

        emulator.qpi.addUser("slotless@qonduit.io", "pw", apiToken = "slotless-token")
        http.patch("/qpi/api/collections/time_slots/records/$id", """{"end_time":"2026-07-24T12:00:00Z"}""", apiToken("slotless-token"))
            .status shouldBe 403
        val patched = http.patch("/qpi/api/collections/time_slots/records/$id", """{"end_time":"2026-07-24T12:00:00Z"}""", DEMO)
        patched.str("end_time") shouldBe "2026-07-24 12:00:00.000Z"
        http.patch("/qpi/api/collections/time_slots/records/$id", """{"end_time":"2026-07-24T09:00:00Z"}""", DEMO).status shouldBe 400
        http.post("/qpi/api/collections/time_slots/records", """{"start_time":"2026-07-24T10:00:00Z"}""", DEMO).status shouldBe 400

        http.delete("/qpi/api/collections/time_slots/records/$id", DEMO).status shouldBe 204
        http.get("/qpi/api/collections/time_slots/records/$id", DEMO).status shouldBe 404
    }

    test("time requests: user asks, admin approves and the user's qpu_seconds grow; decided requests are final") {
        val userId = emulator.qpi.addUser("student@qonduit.io", "pw", apiToken = "student-token", qpuSeconds = 10.0)
        val student = apiToken("student-token")
        val created = http.post("/qpi/api/collections/qpu_time_requests/records", """{"seconds":120,"requested_reason":"thesis"}""", student)
        created.status shouldBe 200
        created.str("status") shouldBe "pending"
        val id = created.str("id")
        http.get("/qpi/api/collections/qpu_time_requests/records/$id", student).str("requested_reason") shouldBe "thesis"
        http.get("/qpi/api/collections/qpu_time_requests/records/$id", DEMO).status shouldBe 404

        val approved = http.patch("/qpi/api/collections/qpu_time_requests/records/$id", """{"status":"approved"}""", ADMIN)
        approved.status shouldBe 200
        approved.str("status") shouldBe "approved"
        emulator.qpi.qpuSeconds(userId) shouldBe 130.0
        http.patch("/qpi/api/collections/qpu_time_requests/records/$id", """{"status":"rejected"}""", ADMIN).status shouldBe 400

        val second = http.post("/qpi/api/collections/qpu_time_requests/records", """{"seconds":50}""", student).str("id")
        val rejected = http.patch(
            "/qpi/api/collections/qpu_time_requests/records/$second",
            """{"status":"rejected","rejection_reason":"budget"}""",
            ADMIN,
        )
        rejected.str("rejection_reason") shouldBe "budget"
        emulator.qpi.qpuSeconds(userId) shouldBe 130.0
        http.post("/qpi/api/collections/qpu_time_requests/records", """{"seconds":0}""", student).status shouldBe 400
        http.get("/qpi/api/collections/qpu_time_requests/records", student).obj.getValue("totalItems").jsonPrimitive.int shouldBe 2
    }

    test("users: admin lists and allocates qpu_seconds; a user reads only their own record") {
        val users = http.get("/qpi/api/collections/users/records", ADMIN)
        users.status shouldBe 200
        (users.obj.getValue("items") as kotlinx.serialization.json.JsonArray).map { it.jsonObject.s("email") } shouldContain
            QpiEmulatorState.DEMO_IDENTITY
        val target = emulator.qpi.addUser("alloc@qonduit.io", "pw", apiToken = "alloc-token")
        val patched = http.patch("/qpi/api/collections/users/records/$target", """{"qpu_seconds":42}""", ADMIN)
        patched.str("qpu_seconds") shouldBe "42"
        emulator.qpi.qpuSeconds(target) shouldBe 42.0
        http.get("/qpi/api/collections/users/records/$target", apiToken("alloc-token")).status shouldBe 200
        http.get("/qpi/api/collections/users/records/${QpiEmulatorState.ADMIN_USER_ID}", apiToken("alloc-token")).status shouldBe 403
    }

    test("QPU list shows online QPUs only; admin create answers 201 and toggle hides it again") {
        val names = http.get("/qpi/api/qpus").arr.map { it.jsonObject.s("name") }
        names shouldContain QpiEmulatorState.MOCK_QPU
        names shouldContain QpiEmulatorState.SIM_QPU
        names shouldNotContain QpiEmulatorState.OFFLINE_QPU
        http.get("/qpi/api/qpus/${QpiEmulatorState.OFFLINE_QPU}").str("status") shouldBe "offline"
        http.get("/qpi/api/qpus/none").status shouldBe 404

        val mock = http.get("/qpi/api/qpus/mock")
        mock.obj.keys shouldBe setOf("id", "name", "status", "num_qubits", "enabled", "created", "updated")
        mock.str("num_qubits") shouldBe "8"

        val created = http.post("/qpi/api/op/qpus/create", """{"name":"lab-3","num_qubits":3}""", ADMIN)
        created.status shouldBe 201
        created.str("status") shouldBe "online"
        http.get("/qpi/api/qpus?sort=-created&limit=1").arr.single().jsonObject.s("name") shouldBe "lab-3"
        http.get("/qpi/api/qpus?sort=name").arr.map { it.jsonObject.s("name") } shouldBe listOf("lab-3", "mock", "sim-20")
        http.post("/qpi/api/op/qpus/create", """{"name":"lab-3"}""", ADMIN).status shouldBe 400

        val toggled = http.post("/qpi/api/op/qpu/toggle", """{"id":"${created.str("id")}","enabled":false}""", ADMIN)
        toggled.obj.toString() shouldBe """{"id":"${created.str("id")}","name":"lab-3","enabled":false,"status":"offline"}"""
        http.get("/qpi/api/qpus").arr.map { it.jsonObject.s("name") } shouldNotContain "lab-3"
    }
})
