package io.qonduit.emulator.qpi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestHttp.Companion.DEMO
import io.qonduit.emulator.TestHttp.Companion.apiToken
import io.qonduit.emulator.TestResponse
import io.kotest.matchers.shouldNotBe
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class QpiAccountSpec : FunSpec({
    val emulator = Emulator.start()
    val http = TestHttp(emulator.baseUrl)
    val ADMIN by lazy { http.superuser() }
    afterSpec { emulator.close() }

    fun JsonObject.s(key: String) = getValue(key).jsonPrimitive.content

    test("tokens: POST answers 201 and shows the raw token once; it authenticates, and stops working once deleted") {
        val created = http.post("/qpi/api/tokens", """{"name":"ci","expires_at":"2099-12-31T00:00:00Z"}""", DEMO)
        created.status shouldBe 201
        created.obj.keys shouldBe setOf("id", "token", "name", "expires_at", "created")
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
        one.obj.keys shouldBe setOf("id", "name", "expires_at", "created")

        http.patch("/qpi/api/tokens/$id", """{"name":"renamed"}""", DEMO).str("name") shouldBe "renamed"

        emulator.qpi.addUser("stranger@qonduit.io", "pw", apiToken = "stranger-token")
        http.get("/qpi/api/tokens/$id", apiToken("stranger-token")).status shouldBe 404

        http.delete("/qpi/api/tokens/$id", DEMO).obj.toString() shouldBe """{"status":"deleted"}"""
        http.get("/qpi/api/jobs", apiToken(raw)).status shouldBe 401
        http.get("/qpi/api/tokens/$id", DEMO).status shouldBe 404
    }

    test("expired tokens do not authenticate") {
        val raw = http.post("/qpi/api/tokens", """{"name":"old","expires_at":"2001-01-01 00:00:00.000Z"}""", DEMO).str("token")
        http.get("/qpi/api/jobs", apiToken(raw)).status shouldBe 401
        http.post("/qpi/api/tokens", """{"expires_at":"tomorrow"}""", DEMO).status shouldBe 400
    }

    test("notifications: record shape; the list shows targeted, undismissed ones; dismissing twice answers 200") {
        val login = http.demoLogin()
        val id = emulator.qpi.addNotification("Maintenance", "mock goes down at noon", QpiEmulatorState.DEMO_USER_ID)
        val before = http.get("/qpi/api/collections/notifications/records", login)
        before.obj.keys shouldBe setOf("page", "perPage", "totalItems", "totalPages", "items")
        val record = (before.obj.getValue("items") as JsonArray).map { it.jsonObject }.single { it.s("id") == id }
        record.keys shouldBe setOf(
            "collectionName", "id", "title", "description", "target_users", "dismissed_by", "start_time", "end_time", "created", "updated",
        )
        record.s("description") shouldBe "mock goes down at noon"
        record.getValue("target_users").toString() shouldBe """["${QpiEmulatorState.DEMO_USER_ID}"]"""
        record.getValue("dismissed_by").toString() shouldBe "[]"

        val other = emulator.qpi.addUser("bystander@qonduit.io", "pw", apiToken = "bystander-token")
        (http.get("/qpi/api/collections/notifications/records", http.login("bystander@qonduit.io", "pw")).obj.getValue("items") as JsonArray)
            .map { it.jsonObject.s("id") } shouldNotContain id
        val denied = http.post("/qpi/api/notifications/$id/dismiss", null, apiToken("bystander-token"))
        denied.status shouldBe 403
        denied.str("message") shouldBe "Access denied."
        other shouldNotBe QpiEmulatorState.DEMO_USER_ID

        http.post("/qpi/api/notifications/$id/dismiss", null, DEMO).obj.toString() shouldBe """{"status":"dismissed"}"""
        val after = http.get("/qpi/api/collections/notifications/records", login)
        (after.obj.getValue("items") as JsonArray).map { it.jsonObject.s("id") } shouldNotContain id
        http.post("/qpi/api/notifications/$id/dismiss", null, DEMO).obj.toString() shouldBe """{"status":"dismissed"}"""
        http.post("/qpi/api/notifications/missing/dismiss", null, DEMO).status shouldBe 404
    }

    test("time slots: booked_by is the caller; past, reversed and overlapping slots are refused; only the booker edits") {
        val login = http.demoLogin()
        val start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS)
        fun body(from: Instant, to: Instant, extra: String = "") = """{"start_time":"$from","end_time":"$to"$extra}"""
        val slots = "/qpi/api/collections/time_slots/records"
        val created = http.post(slots, body(start, start.plusSeconds(3600), ""","booked_by":"someone-else""""), login)
        created.status shouldBe 200
        created.str("booked_by") shouldBe QpiEmulatorState.DEMO_USER_ID
        created.str("start_time") shouldBe PocketBaseTime.format(start)
        val id = created.str("id")
        http.get("$slots/$id", login).str("booked_by") shouldBe QpiEmulatorState.DEMO_USER_ID
        http.get(slots, login).obj.getValue("perPage").jsonPrimitive.int shouldBe 30

        fun refused(response: TestResponse, message: String) {
            response.status shouldBe 400
            response.str("message") shouldBe message
        }
        refused(http.post(slots, body(start.plusSeconds(1800), start.plusSeconds(7200)), login),
            "The requested booking slot overlaps with an existing reservation.")
        val yesterday = Instant.now().minus(Duration.ofDays(1))
        refused(http.post(slots, body(yesterday, yesterday.plusSeconds(600)), login), "Cannot book a slot in the past.")
        refused(http.post(slots, body(start.plusSeconds(9000), start.plusSeconds(8000)), login), "Start_time must be strictly before end_time.")
        http.post(slots, """{"start_time":"$start"}""", login).status shouldBe 400

        emulator.qpi.addUser("slotless@qonduit.io", "pw")
        val stranger = http.login("slotless@qonduit.io", "pw")
        http.patch("$slots/$id", """{"end_time":"${start.plusSeconds(7200)}"}""", stranger).status shouldBe 404
        http.delete("$slots/$id", stranger).status shouldBe 404
        val patched = http.patch("$slots/$id", """{"end_time":"${start.plusSeconds(7200)}"}""", login)
        patched.str("end_time") shouldBe PocketBaseTime.format(start.plusSeconds(7200))
        refused(http.patch("$slots/$id", """{"start_time":"$yesterday"}""", login),
            "Cannot reschedule a booking slot to a start time in the past.")

        http.delete("$slots/$id", login).status shouldBe 204
        http.get("$slots/$id", login).status shouldBe 404
    }

    test("time requests: user asks (user, handled_by), admin approves and the user's qpu_seconds grow; decided requests are final") {
        val userId = emulator.qpi.addUser("student@qonduit.io", "pw", qpuSeconds = 10.0)
        val student = http.login("student@qonduit.io", "pw")
        val created = http.post("/qpi/api/collections/qpu_time_requests/records", """{"seconds":120,"requested_reason":"thesis"}""", student)
        created.status shouldBe 200
        created.str("status") shouldBe "pending"
        created.str("user") shouldBe userId
        created.str("handled_by") shouldBe ""
        created.obj.containsKey("user_id") shouldBe false
        val id = created.str("id")
        http.get("/qpi/api/collections/qpu_time_requests/records/$id", student).str("requested_reason") shouldBe "thesis"
        http.get("/qpi/api/collections/qpu_time_requests/records/$id", http.demoLogin()).status shouldBe 404

        val approved = http.patch("/qpi/api/collections/qpu_time_requests/records/$id", """{"status":"approved"}""", ADMIN)
        approved.status shouldBe 200
        approved.str("status") shouldBe "approved"
        approved.str("handled_by") shouldBe QpiEmulatorState.ADMIN_USER_ID
        emulator.qpi.qpuSeconds(userId) shouldBe 130.0
        val again = http.patch("/qpi/api/collections/qpu_time_requests/records/$id", """{"status":"rejected"}""", ADMIN)
        again.status shouldBe 400
        again.str("message") shouldBe "Cannot update a request that has already been processed."

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

    test("users: records without is_superuser; admin lists and allocates qpu_seconds; a user reads only their own record") {
        val users = http.get("/qpi/api/collections/users/records", ADMIN)
        users.status shouldBe 200
        val items = (users.obj.getValue("items") as JsonArray).map { it.jsonObject }
        items.map { it.s("email") } shouldContain QpiEmulatorState.DEMO_IDENTITY
        items.forEach { it.containsKey("is_superuser") shouldBe false }
        items.map { it.s("id") } shouldNotContain QpiEmulatorState.ADMIN_USER_ID
        val target = emulator.qpi.addUser("alloc@qonduit.io", "pw")
        val patched = http.patch("/qpi/api/collections/users/records/$target", """{"qpu_seconds":42}""", ADMIN)
        patched.str("qpu_seconds") shouldBe "42"
        emulator.qpi.qpuSeconds(target) shouldBe 42.0
        val alloc = http.login("alloc@qonduit.io", "pw")
        http.get("/qpi/api/collections/users/records/$target", alloc).status shouldBe 200
        http.get("/qpi/api/collections/users/records/${QpiEmulatorState.DEMO_USER_ID}", alloc).status shouldBe 404
    }

    test("QPUs: the list shows online ones only; GET /api/qpus/{id} takes the record id, not the name; admin create answers 201") {
        val names = http.get("/qpi/api/qpus").arr.map { it.jsonObject.s("name") }
        names shouldContain QpiEmulatorState.MOCK_QPU
        names shouldContain QpiEmulatorState.SIM_QPU
        names shouldNotContain QpiEmulatorState.OFFLINE_QPU
        http.get("/qpi/api/qpus/${QpiEmulatorState.OFFLINE_QPU_ID}").str("status") shouldBe "offline"
        http.get("/qpi/api/qpus/none").status shouldBe 404
        http.get("/qpi/api/qpus/${QpiEmulatorState.MOCK_QPU}").let { it.status shouldBe 404; it.str("message") shouldBe "QPU not found." }

        val mock = http.get("/qpi/api/qpus/${QpiEmulatorState.MOCK_QPU_ID}")
        mock.str("name") shouldBe QpiEmulatorState.MOCK_QPU
        emulator.qpi.qpuId(QpiEmulatorState.MOCK_QPU) shouldBe QpiEmulatorState.MOCK_QPU_ID
        mock.obj.keys shouldBe setOf("id", "name", "status", "num_qubits", "enabled", "created", "updated")
        mock.str("num_qubits") shouldBe "8"

        val created = http.post("/qpi/api/op/qpus/create", """{"name":"lab-3","num_qubits":3}""", ADMIN)
        created.status shouldBe 201
        created.obj.keys shouldBe setOf("id", "name", "status", "enabled")
        created.str("status") shouldBe "online"
        http.get("/qpi/api/qpus?sort=-created&limit=1").arr.single().jsonObject.s("name") shouldBe "lab-3"
        http.get("/qpi/api/qpus?sort=name").arr.map { it.jsonObject.s("name") } shouldBe listOf("lab-3", "mock", "sim-20")
        http.post("/qpi/api/op/qpus/create", """{"name":"lab-3"}""", ADMIN).status shouldBe 400

        val toggled = http.post("/qpi/api/op/qpu/toggle", """{"id":"${created.str("id")}","enabled":false}""", ADMIN)
        toggled.obj.toString() shouldBe """{"id":"${created.str("id")}","name":"lab-3","enabled":false,"status":"offline"}"""
        http.get("/qpi/api/qpus").arr.map { it.jsonObject.s("name") } shouldNotContain "lab-3"
    }
})
