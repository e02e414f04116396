package io.qonduit.emulator

import io.qonduit.emulator.qpi.QpiEmulatorState
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** A response as text plus lazily parsed JSON. */
class TestResponse(val status: Int, val text: String, val headers: Map<String, List<String>>) {
    val json: JsonElement by lazy { Json.parseToJsonElement(text) }
    val obj: JsonObject get() = json.jsonObject
    val arr: JsonArray get() = json.jsonArray
    fun str(key: String): String = obj.getValue(key).jsonPrimitive.content
    override fun toString(): String = "$status $text"
}

/** A plain java.net.http client against one base URL (HTTP/1.1, like most SDK transports). */
class TestHttp(private val baseUrl: String) {
    private val client: HttpClient = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build()

    fun send(method: String, path: String, body: String? = null, headers: Map<String, String> = emptyMap()): TestResponse {
        val builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
        headers.forEach { (k, v) -> builder.header(k, v) }
        if (body != null) builder.header("Content-Type", "application/json")
        builder.method(method, if (body == null) HttpRequest.BodyPublishers.noBody() else HttpRequest.BodyPublishers.ofString(body))
        val response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString())
        return TestResponse(response.statusCode(), response.body(), response.headers().map())
    }

    fun get(path: String, headers: Map<String, String> = emptyMap()): TestResponse = send("GET", path, null, headers)
    fun post(path: String, body: String? = "{}", headers: Map<String, String> = emptyMap()): TestResponse = send("POST", path, body, headers)
    fun patch(path: String, body: String, headers: Map<String, String> = emptyMap()): TestResponse = send("PATCH", path, body, headers)
    fun delete(path: String, headers: Map<String, String> = emptyMap()): TestResponse = send("DELETE", path, null, headers)

    /** Logs in at `/qpi/api/collections/<collection>/auth-with-password`; the session as an `Authorization` header. */
    fun login(identity: String, password: String, collection: String = "users"): Map<String, String> {
        val reply = post("/qpi/api/collections/$collection/auth-with-password", """{"identity":"$identity","password":"$password"}""")
        check(reply.status == 200) { "login of $identity: $reply" }
        return bearer(reply.str("token"))
    }

    /** The seeded QPI superuser's login session (superusers have no API token). */
    fun superuser(): Map<String, String> =
        login(QpiEmulatorState.ADMIN_IDENTITY, QpiEmulatorState.ADMIN_PASSWORD, "_superusers")

    /** The demo user's login session, which collection routes need. */
    fun demoLogin(): Map<String, String> = login(QpiEmulatorState.DEMO_IDENTITY, QpiEmulatorState.DEMO_PASSWORD)

    companion object {
        val DEMO: Map<String, String> = mapOf("X-API-Token" to QpiEmulatorState.DEMO_TOKEN)
        fun bearer(token: String): Map<String, String> = mapOf("Authorization" to "Bearer $token")
        fun apiToken(token: String): Map<String, String> = mapOf("X-API-Token" to token)
    }
}
