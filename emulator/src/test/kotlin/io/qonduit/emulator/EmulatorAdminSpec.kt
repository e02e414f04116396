package io.qonduit.emulator

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.IOException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** The route index and fault injection over HTTP (`/_emulator/...`), and the `--fault` text form. */
class EmulatorAdminSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 3L))
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }
    afterTest { emulator.faults.clear() }
    val token = mapOf("q-api-token" to OqtopusEmulatorState.DEMO_TOKEN)

    fun rules(): List<String> = Json.parseToJsonElement(http.get("/_emulator/faults").text).jsonArray.map { it.jsonObject.getValue("rule").jsonPrimitive.content }

    test("GET / is a route index: every provider's base URL, the demo credentials (with Oqtant's user id) and the admin routes") {
        val index = http.get("/")
        index.status shouldBe 200
        val providers = index.obj.getValue("providers").jsonObject
        providers.keys shouldBe emulator.providers.toSet()
        providers.getValue("qpi").jsonPrimitive.content shouldBe emulator.url("qpi")
        index.obj.getValue("demo_credentials").toString() shouldContain io.qonduit.emulator.oqtant.OqtantEmulatorState.DEMO_USER_ID
        ("POST /_emulator/faults" in index.obj.getValue("admin").jsonObject.keys) shouldBe true
        EmulatorMain.banner(emulator) shouldContain "user id ${io.qonduit.emulator.oqtant.OqtantEmulatorState.DEMO_USER_ID}"
    }

    test("an error fault posted over HTTP answers with its status, headers and body, for its number of times; listing shows it used up") {
        val added = http.post("/_emulator/faults", "GET /oqtopus/devices/* error 429 times=1 header=Retry-After:2 body={\"message\": \"slow down\"}")
        added.status shouldBe 201
        val limited = http.get("/oqtopus/devices/SVSim", token)
        limited.status shouldBe 429
        limited.headers.entries.single { it.key.equals("Retry-After", ignoreCase = true) }.value shouldBe listOf("2")
        limited.text shouldBe "{\"message\": \"slow down\"}"
        http.get("/oqtopus/devices/SVSim", token).status shouldBe 200
        val listed = Json.parseToJsonElement(http.get("/_emulator/faults").text).jsonArray.single().jsonObject
        listed.getValue("rule").jsonPrimitive.content shouldBe "GET /oqtopus/devices/* error 429 times=1 header=Retry-After:2 body={\"message\": \"slow down\"}"
        listed.getValue("applied").jsonPrimitive.content shouldBe "1"
        listed.getValue("active").jsonPrimitive.content shouldBe "false"
    }

    test("a probabilistic fault hits the same requests on every run with its seed; latency delays; drop breaks the connection") {
        fun pattern(): List<Int> {
            emulator.faults.clear()
            http.post("/_emulator/faults", "GET /oqtopus/devices error 503 p=0.3 seed=11").status shouldBe 201
            return (1..40).map { http.get("/oqtopus/devices", token).status }
        }
        val first = pattern()
        first.count { it == 503 } shouldBe first.count { it != 200 }
        (first.count { it == 503 } in 4..24) shouldBe true
        pattern() shouldBe first

        emulator.faults.clear()
        http.post("/_emulator/faults", "* /oqtopus/devices latency 300 times=1")
        val started = System.nanoTime()
        http.get("/oqtopus/devices", token).status shouldBe 200
        (System.nanoTime() - started >= 300_000_000L) shouldBe true

        http.post("/_emulator/faults", "GET /oqtopus/devices drop times=1")
        val client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        val request = HttpRequest.newBuilder(URI.create(emulator.url("oqtopus") + "/devices")).timeout(Duration.ofSeconds(10))
            .header("q-api-token", OqtopusEmulatorState.DEMO_TOKEN).build()
        shouldThrow<IOException> { client.send(request, HttpResponse.BodyHandlers.ofString()) }
    }

    test("rules are added all or nothing, removed one by one or all; the emulator's own routes are never faulted or recorded") {
        val bad = http.post("/_emulator/faults", "GET /a drop\nGET /b eror 500")
        bad.status shouldBe 400
        bad.str("message") shouldContain "line 2"
        bad.str("message") shouldContain "eror"
        rules() shouldBe emptyList()
        http.post("/_emulator/faults", "# comments and blank lines are skipped\n\nGET /a drop\nPOST /b lose-reply p=0.5 seed=4\n").status shouldBe 201
        rules() shouldContainExactly listOf("GET /a drop", "POST /b lose-reply p=0.5 seed=4")
        http.delete("/_emulator/faults/0").status shouldBe 204
        rules() shouldContainExactly listOf("POST /b lose-reply p=0.5 seed=4")
        http.delete("/_emulator/faults/7").status shouldBe 404
        http.delete("/_emulator/faults").status shouldBe 204
        rules() shouldBe emptyList()

        http.post("/_emulator/faults", "* /** error 500").status shouldBe 201
        http.get("/").status shouldBe 200 // not faulted
        http.delete("/_emulator/requests").status shouldBe 204
        http.get("/oqtopus/devices?expand=a&token=secret-value", token).status shouldBe 500
        val recorded = Json.parseToJsonElement(http.get("/_emulator/requests").text).jsonArray
        recorded.size shouldBe 1 // the admin calls are not recorded
        recorded.single().jsonObject.getValue("path").jsonPrimitive.content shouldBe "/oqtopus/devices"
        recorded.single().toString() shouldContain "token"
        (recorded.single().toString().contains("secret-value")) shouldBe false // query values are never shown
    }

    test("the text form: every kind and option parses and prints back the same; mistakes name the part that is wrong") {
        listOf(
            "POST /qpi/api/jobs error 429 times=1 header=Retry-After:2",
            "* /oqc/** latency 250 p=0.1 seed=7",
            "GET /x drop times=3",
            "DELETE /y/* lose-reply",
            "PUT /z error 503 body={\"detail\": \"down for maintenance\"}",
        ).forEach { FaultRule.parse(it).toSpec() shouldBe it }
        FaultRule.parse("get /a error 500").matches("GET", "/a") shouldBe true
        mapOf(
            "GET /a" to "METHOD PATH KIND",
            "GET /a explode" to "unknown fault kind 'explode'",
            "GET /a error" to "'error' needs a number",
            "GET /a error 700" to "status must be between",
            "GET /a latency -5" to "must not be negative",
            "GET /a drop header=X:1" to "header= belongs to an error fault",
            "GET /a drop times=0" to "times must be positive",
            "GET /a drop p=2" to "probability must be in (0, 1]",
            "GET /a drop colour=red" to "unknown option 'colour'",
            "GET a error 500" to "pathPattern must start with '/'",
        ).forEach { (spec, message) -> shouldThrow<IllegalArgumentException> { FaultRule.parse(spec) }.message!! shouldContain message }
        shouldThrow<IllegalArgumentException> { EmulatorMain.parseArgs(arrayOf("--fault", "GET /a explode")) }.message!! shouldContain "--fault 'GET /a explode'"
        EmulatorMain.parseArgs(arrayOf("--port", "0", "--fault", "GET /a drop"))!!.port shouldBe 0
    }
})
