package io.qonduit.emulator.oqc

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.TestHttp
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Instant
import java.time.temporal.ChronoUnit

private val ADMIN: Map<String, String> = mapOf("Authentication-Token" to OqcEmulatorState.ADMIN_TOKEN)

class OqcUsersSpec : FunSpec({
    val emulator = Emulator.start()
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqc"))

    fun login(email: String, password: String) =
        http.post("/admin/login?include_auth_token=true", """{"email":"$email","password":"$password"}""")

    test("an admin finds users by e-mail; a user sees only their own record") {
        val found = http.get("/admin/users?q=${OqcEmulatorState.DEMO_EMAIL}", ADMIN).obj
        found["total"]!!.jsonPrimitive.int shouldBe 1
        val demo = found["items"]!!.jsonArray.single().jsonObject
        demo["email"]!!.jsonPrimitive.content shouldBe OqcEmulatorState.DEMO_EMAIL
        val id = demo["id"]!!.jsonPrimitive.int
        http.get("/admin/users/$id", TOKEN).str("password_expires_at").length shouldBe 19 // 2027-03-01T12:00:00
        http.get("/admin/users?q=${OqcEmulatorState.ADMIN_EMAIL}", TOKEN).obj["total"]!!.jsonPrimitive.int shouldBe 0
        val adminId = http.get("/admin/users?q=${OqcEmulatorState.ADMIN_EMAIL}", ADMIN).obj["items"]!!.jsonArray.single().jsonObject["id"]!!.jsonPrimitive.int
        http.get("/admin/users/$adminId", TOKEN).status shouldBe 403
        http.get("/admin/users/999", ADMIN).status shouldBe 404
        http.get("/admin/users?q=x").status shouldBe 401
    }

    test("only an admin creates users; duplicates and bad e-mails get 400; a user without password cannot log in") {
        val body = """{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.org","password":"analytical-engine"}"""
        http.post("/admin/users", body, TOKEN).status shouldBe 403
        val created = http.post("/admin/users", body, ADMIN)
        created.status shouldBe 200
        created.str("email") shouldBe "ada@example.org"
        login("ada@example.org", "analytical-engine").status shouldBe 200
        http.post("/admin/users", body, ADMIN).text shouldContain "already exists"
        http.post("/admin/users", """{"first_name":"A","last_name":"B","email":"nope","password":""}""", ADMIN).status shouldBe 400
        http.post("/admin/users", """{"first_name":"No","last_name":"Password","email":"nopw@example.org","password":""}""", ADMIN).status shouldBe 200
        login("nopw@example.org", "").status shouldBe 400
    }

    test("a password change needs matching fields, moves the expiry and makes the new password the login") {
        emulator.oqc.addAccount("grace@example.org", "first-password")
        val token = login("grace@example.org", "first-password").obj["response"]!!.jsonObject["user"]!!.jsonObject["authentication_token"]!!.jsonPrimitive.content
        val own = mapOf("Authentication-Token" to token)
        val id = http.get("/admin/users?q=grace@example.org", own).obj["items"]!!.jsonArray.single().jsonObject["id"]!!.jsonPrimitive.int
        http.post("/admin/users/$id/update_password", """{"password":"second-password","password_confirm":"other"}""", own).status shouldBe 400
        http.post("/admin/users/$id/update_password", """{"password":"short","password_confirm":"short"}""", own).status shouldBe 400
        val changed = http.post("/admin/users/$id/update_password", """{"password":"second-password","password_confirm":"second-password"}""", own)
        changed.status shouldBe 200
        val expires = Instant.parse(changed.str("password_expires_at") + "Z")
        (expires.isAfter(Instant.now().plus(89, ChronoUnit.DAYS))) shouldBe true
        login("grace@example.org", "first-password").status shouldBe 400
        login("grace@example.org", "second-password").status shouldBe 200
        val demoId = http.get("/admin/users?q=${OqcEmulatorState.DEMO_EMAIL}", ADMIN).obj["items"]!!.jsonArray.single().jsonObject["id"]!!.jsonPrimitive.int
        http.post("/admin/users/$demoId/update_password", """{"password":"hijacked-pw","password_confirm":"hijacked-pw"}""", own).status shouldBe 403
    }

    test("a password reset is a form post; unknown addresses get 400") {
        fun form(body: String): Int {
            val request = HttpRequest.newBuilder(URI.create(emulator.url("oqc") + "/password_reset"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build()
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()
        }
        form("email=${java.net.URLEncoder.encode(OqcEmulatorState.DEMO_EMAIL, Charsets.UTF_8)}") shouldBe 200
        emulator.oqc.passwordResetRequests() shouldContainExactly listOf(OqcEmulatorState.DEMO_EMAIL)
        form("email=nobody%40example.org") shouldBe 400
        form("") shouldBe 400
    }

    test("an admin books a one-off window; it becomes the next window and appears in the history") {
        // Open now, so earlier than any regular window still to come. It is not necessarily the newest in the
        // history: in the first minute after a regular window opens (00, 06, 12, 18 UTC) that one started later.
        val start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)
        val end = start.plus(2, ChronoUnit.HOURS)
        val body = """{"qpu_id":"${OqcEmulatorState.TOSHIKO}","start_time":"$start","end_time":"$end","lease_type":"DEDICATED",""" +
            """"lease_holder_name":"Qonduit","duration_hours":2,"window_name":"demo","window_start":"$start"}"""
        http.post("/windows/one-off-window", body, TOKEN).status shouldBe 403
        val booked = http.post("/windows/one-off-window", body, ADMIN)
        booked.status shouldBe 200
        booked.str("window_description") shouldBe "ONE_OFF"
        val toshiko = "/qpu/${short(OqcEmulatorState.TOSHIKO)}"
        http.get("$toshiko/windows/next", TOKEN).obj["next_window"]!!.jsonObject["starting"]!!.jsonPrimitive.content shouldBe start.toString()
        val history = http.get("$toshiko/windows/history", TOKEN).obj["windows"]!!.jsonArray.map { it.jsonObject }
        val demo = history.single { it["window_description"]!!.jsonPrimitive.content == "ONE_OFF" }
        demo["window_name"]!!.jsonPrimitive.content shouldBe "demo"
        demo["start_time"]!!.jsonPrimitive.content shouldBe start.toString()
        val starts = history.map { Instant.parse(it["start_time"]!!.jsonPrimitive.content) }
        starts shouldBe starts.sortedDescending()
        // Fetched after the full history, so the clock may have moved on to a newer regular window; never an older one.
        val latest = http.get("$toshiko/windows/history?latest=True", TOKEN).obj["windows"]!!.jsonArray.single().jsonObject
        Instant.parse(latest["start_time"]!!.jsonPrimitive.content).isBefore(starts.first()) shouldBe false
        http.post("/windows/one-off-window", body.replace("\"end_time\":\"$end\"", "\"end_time\":\"$start\""), ADMIN).status shouldBe 400
        http.post("/windows/one-off-window", body.replace(OqcEmulatorState.TOSHIKO, "qpu:xx:1:none"), ADMIN).status shouldBe 404
    }
})
