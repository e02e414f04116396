package io.qonduit.transport

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.http.headersOf
import io.qonduit.errors.ApiException
import io.qonduit.errors.AuthorizationException
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.RateLimitException
import io.qonduit.errors.ServerException
import kotlinx.coroutines.delay
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.io.IOException
import java.time.Duration
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger

private const val BASE = "https://api.example.test/v1"
private const val TOKEN = "tok-SECRET-1234567890"

/** A transport over [handler] with tiny retry delays, a bearer token and a captured request log. */
private class Rig(
    maxRetries: Int = 3,
    requestTimeout: Duration = Duration.ofSeconds(5),
    handler: suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData,
) {
    val log: MutableList<String> = Collections.synchronizedList(mutableListOf())
    val engine = MockEngine(handler)
    val secret = Secret.of(TOKEN)
    val transport = HttpTransport(
        BASE,
        TransportConfig.builder()
            .engine(engine)
            .maxRetries(maxRetries)
            .retryDelays(Duration.ofMillis(1), Duration.ofMillis(5))
            .requestTimeout(requestTimeout)
            .logger { log += it }
            .build(),
    ) { mapOf(HttpHeaders.Authorization to "Bearer ${secret.reveal()}") }

    val requests: List<HttpRequestData> get() = engine.requestHistory
}

private fun MockRequestHandleScope.status(code: Int, body: String = "", headers: Map<String, String> = emptyMap()) =
    respond(body, HttpStatusCode.fromValue(code), headersOf(*headers.map { it.key to listOf(it.value) }.toTypedArray()))

private fun OutgoingContent.text(): String = when (this) {
    is OutgoingContent.ByteArrayContent -> bytes().decodeToString()
    else -> error("unexpected body type ${this::class}")
}

class HttpTransportSpec : FunSpec({

    test("GET is retried on 503 and succeeds on the next answer: exactly two requests") {
        val calls = AtomicInteger()
        val rig = Rig { if (calls.incrementAndGet() == 1) status(503, "busy") else status(200, """{"ok":true}""") }
        val reply = rig.transport.get("/tasks")
        reply.status shouldBe 200
        reply.text shouldBe """{"ok":true}"""
        rig.requests shouldHaveSize 2
    }

    test("POST is not retried on 503 unless the caller made it safe to repeat") {
        val rig = Rig { status(503, "busy") }
        val e = shouldThrow<ServerException> { rig.transport.post("/tasks", buildJsonObject { put("a", 1) }) }
        e.statusCode shouldBe 503
        rig.requests shouldHaveSize 1

        val calls = AtomicInteger()
        val safe = Rig { if (calls.incrementAndGet() == 1) status(503) else status(201, "{}") }
        safe.transport.send(HttpMethod.Post, "/tasks", Body.JsonBody(buildJsonObject { }), retrySafe = true).status shouldBe 201
        safe.requests shouldHaveSize 2
    }

    test("Retry-After seconds are honoured when longer than the back-off") {
        val times = Collections.synchronizedList(mutableListOf<Long>())
        val rig = Rig {
            times += System.nanoTime()
            if (times.size == 1) status(503, headers = mapOf(HttpHeaders.RetryAfter to "1")) else status(200, "{}")
        }
        rig.transport.get("/status").status shouldBe 200
        times shouldHaveSize 2
        ((times[1] - times[0]) / 1_000_000) shouldBeGreaterThanOrEqual 1000L
    }

    test("a Retry-After beyond maxRetryAfter is not waited for: the call fails at once with the hint") {
        val rig = Rig { status(429, "come back in an hour", mapOf(HttpHeaders.RetryAfter to "3600")) }
        val started = System.nanoTime()
        val e = shouldThrow<RateLimitException> { rig.transport.get("/tasks") }
        ((System.nanoTime() - started) / 1_000_000 < 1000) shouldBe true
        e.retryAfterSeconds shouldBe 3600L
        rig.requests shouldHaveSize 1
    }

    test("a Retry-After wait ends with the caller's deadline") {
        val rig = Rig { status(503, headers = mapOf(HttpHeaders.RetryAfter to "30")) }
        val started = System.nanoTime()
        kotlinx.coroutines.withTimeoutOrNull(300) { rig.transport.get("/tasks") }.shouldBeNull()
        ((System.nanoTime() - started) / 1_000_000 < 400 + 100) shouldBe true
    }

    test("after maxRetries a ServerException carries status, body, method and path") {
        val rig = Rig(maxRetries = 2) { status(502, "upstream down") }
        val e = shouldThrow<ServerException> { rig.transport.get("/tasks/42?secret=1") }
        rig.requests shouldHaveSize 3
        e.statusCode shouldBe 502
        e.body shouldBe "upstream down"
        e.method shouldBe "GET"
        e.path shouldBe "/v1/tasks/42"
        e.isRetryable shouldBe true
        e.message shouldBe "HTTP 502 from GET /v1/tasks/42: upstream down"
    }

    test("401 and 403 are AuthorizationException, 404 NotFoundException, neither retried") {
        for (code in listOf(401, 403)) {
            val rig = Rig { status(code, "denied") }
            val e = shouldThrow<AuthorizationException> { rig.transport.get("/me") }
            e.statusCode shouldBe code
            e.isRetryable shouldBe false
            e.message!! shouldNotContain TOKEN
            rig.requests shouldHaveSize 1
        }
        val rig = Rig { status(404, """{"detail":"no such task"}""") }
        val e = shouldThrow<NotFoundException> { rig.transport.delete("/tasks/x") }
        e.method shouldBe "DELETE"
        e.path shouldBe "/v1/tasks/x"
        e.body shouldContain "no such task"
        rig.requests shouldHaveSize 1
    }

    test("429 is a RateLimitException with the server's Retry-After hint") {
        val rig = Rig(maxRetries = 0) { status(429, "slow down", mapOf(HttpHeaders.RetryAfter to "7")) }
        val e = shouldThrow<RateLimitException> { rig.transport.get("/tasks") }
        e.statusCode shouldBe 429
        e.retryAfterSeconds shouldBe 7L
        e.isRetryable shouldBe true

        val noHint = Rig(maxRetries = 0) { status(429) }
        shouldThrow<RateLimitException> { noHint.transport.get("/tasks") }.retryAfterSeconds.shouldBeNull()
    }

    test("other 4xx are plain ApiExceptions that are not retryable, and are not retried") {
        val rig = Rig { status(422, "bad shots") }
        val e = shouldThrow<ApiException> { rig.transport.put("/tasks/1", buildJsonObject { put("shots", -1) }) }
        e::class shouldBe ApiException::class
        e.statusCode shouldBe 422
        e.isRetryable shouldBe false
        e.method shouldBe "PUT"
        rig.requests shouldHaveSize 1
    }

    test("a connection failure is retried for GET, then becomes a ConnectionException") {
        val attempts = AtomicInteger()
        val rig = Rig(maxRetries = 2) { attempts.incrementAndGet(); throw IOException("connection reset by peer") }
        val e = shouldThrow<ConnectionException> { rig.transport.get("/tasks") }
        attempts.get() shouldBe 3
        rig.log.count { it.contains("retrying") } shouldBe 2
        e.message!! shouldStartWith "GET https://api.example.test:443/v1/tasks failed"
        e.message!! shouldContain "connection reset by peer"
        e.cause.shouldBeInstanceOf<IOException>()
    }

    test("a connection failure of a POST is not retried") {
        val attempts = AtomicInteger()
        val rig = Rig { attempts.incrementAndGet(); throw IOException("refused") }
        shouldThrow<ConnectionException> { rig.transport.post("/tasks", null) }.message!! shouldStartWith "POST https://api.example.test:443/v1/tasks failed"
        attempts.get() shouldBe 1
    }

    test("a request timeout is a ConnectionException saying it timed out, without the query string") {
        val attempts = AtomicInteger()
        val rig = Rig(maxRetries = 1, requestTimeout = Duration.ofMillis(100)) {
            attempts.incrementAndGet()
            delay(5_000)
            status(200)
        }
        val e = shouldThrow<ConnectionException> {
            rig.transport.get("https://storage.example.test/bucket/result.json?X-Signature=abcdef")
        }
        attempts.get() shouldBe 2
        e.message!! shouldContain "timed out"
        e.message!! shouldNotContain "X-Signature"
        e.message!! shouldNotContain "abcdef"
    }

    test("an engine message quoting a presigned URL loses its query string") {
        val rig = Rig(maxRetries = 0) { throw IOException("cannot reach https://storage.example.test/o?X-Signature=abcdef, giving up") }
        val e = shouldThrow<ConnectionException> { rig.transport.get("https://storage.example.test/o?X-Signature=abcdef") }
        e.message shouldBe "GET https://storage.example.test:443/o failed (IOException): cannot reach https://storage.example.test/o, giving up"
    }

    test("credentials go to the base origin and trusted origins, never to another host") {
        val rig = Rig { status(200, "{}") }
        rig.transport.get("/tasks")
        rig.transport.get("https://qpu-7.example.test/v1/tasks")
        rig.transport.trust("https://qpu-7.example.test/anything")
        rig.transport.get("https://qpu-7.example.test/v1/tasks")
        rig.transport.get("https://storage.example.test/bucket/obj?X-Amz-Signature=abc")
        rig.transport.get("https://api.example.test:8443/v1/tasks") // same host, other port: another origin
        rig.transport.send(HttpMethod.Get, "/public", authenticated = false)

        val auth = rig.requests.map { it.headers[HttpHeaders.Authorization] }
        auth shouldBe listOf("Bearer $TOKEN", null, "Bearer $TOKEN", null, null, null)
        rig.requests[3].url.host shouldBe "storage.example.test"
    }

    test("the request log holds method, path and status, never the token or the query string") {
        val rig = Rig { status(200, "{}") }
        rig.transport.get("/tasks/9", mapOf("page" to 2, "api_key" to "q-secret"))
        rig.requests.single().url.parameters["page"] shouldBe "2"
        val line = rig.log.single()
        line shouldStartWith "GET https://api.example.test:443/v1/tasks/9 -> 200"
        line shouldNotContain TOKEN
        line shouldNotContain "q-secret"
        line shouldNotContain "?"
    }

    test("a credential in a path segment is blanked out of the log, API errors and connection errors; connection errors name host and port") {
        val rig = Rig(maxRetries = 0) { request ->
            if (request.url.encodedPath.endsWith("/gone")) throw IOException("connection reset by https://api.example.test/v1/tokens/$TOKEN/gone")
            status(200, "{}")
        }
        rig.transport.get("/tokens/$TOKEN")
        rig.log.single() shouldBe rig.log.single().replace(TOKEN, "****")
        rig.log.single() shouldStartWith "GET https://api.example.test:443/v1/tokens/**** -> 200"
        val missing = Rig(maxRetries = 0) { status(404, "{}") }
        val notFound = shouldThrow<NotFoundException> { missing.transport.get("/tokens/$TOKEN") }
        notFound.message!! shouldNotContain TOKEN
        notFound.path shouldBe "/v1/tokens/****"
        val e = shouldThrow<ConnectionException> { rig.transport.get("/tokens/$TOKEN/gone") }
        e.message!! shouldStartWith "GET https://api.example.test:443/v1/tokens/****/gone failed (IOException)"
        e.message!! shouldNotContain TOKEN
    }

    test("downloadTo streams a body of unknown length into a file, and stops at the cap whether declared or streamed") {
        val payload = ByteArray(200_000) { (it % 253).toByte() }
        val streamed = Rig { respond(io.ktor.utils.io.ByteReadChannel(payload), HttpStatusCode.OK) } // no Content-Length
        val file = java.nio.file.Files.createTempFile("transport-download", ".bin")
        try {
            streamed.transport.downloadTo("/archive", file, 1_000_000) { IllegalStateException("too large: $it") }
            java.nio.file.Files.readAllBytes(file).contentEquals(payload) shouldBe true
            shouldThrow<IllegalStateException> { streamed.transport.downloadTo("/archive", file, 50_000) { IllegalStateException("too large: $it") } }.message shouldBe "too large: 50000"
            val declared = Rig { status(200, "x".repeat(500), mapOf(HttpHeaders.ContentLength to "500")) }
            shouldThrow<IllegalStateException> { declared.transport.downloadTo("/archive", file, 100) { IllegalStateException("declared: $it") } }.message shouldBe "declared: 100"
            val missing = Rig { status(404, "{}") }
            shouldThrow<NotFoundException> { missing.transport.downloadTo("/archive", file, 100) { IllegalStateException() } }
        } finally {
            java.nio.file.Files.deleteIfExists(file)
        }
    }

    test("the log of a retried failure names the method plainly") {
        val rig = Rig(maxRetries = 1) { throw IOException("reset") }
        shouldThrow<ConnectionException> { rig.transport.get("/x") }
        rig.log.first() shouldStartWith "GET https://api.example.test:443/v1/x failed"
    }

    test("Secret hides its value, and no error message carries the token") {
        val secret = Secret.of(TOKEN)
        secret.toString() shouldBe "Secret(****)"
        "$secret" shouldNotContain TOKEN
        shouldThrow<IllegalArgumentException> { Secret.of("  ") }

        val messages = mutableListOf<String>()
        for (code in listOf(400, 401, 403, 404, 429, 500)) {
            val rig = Rig(maxRetries = 0) { status(code, "nope") }
            messages += shouldThrow<ApiException> { rig.transport.get("/x") }.message!!
        }
        val broken = Rig(maxRetries = 0) { throw IOException("refused") }
        messages += shouldThrow<ConnectionException> { broken.transport.get("/x") }.message!!
        messages.forEach { it shouldNotContain TOKEN }
    }

    test("a base URL that is not http or https is rejected") {
        for (bad in listOf("ftp://files.example.test", "ws://api.example.test", "api.example.test/v1")) {
            shouldThrow<IllegalArgumentException> {
                HttpTransport(bad, TransportConfig.builder().engine(MockEngine { status(200) }).build()) { emptyMap() }
            }.message!! shouldContain "baseUrl"
        }
        HttpTransport("http://localhost:8080/", TransportConfig.builder().engine(MockEngine { status(200) }).build()) { emptyMap() }
            .baseUrl shouldBe "http://localhost:8080"
    }

    test("a JSON body is sent as application/json") {
        val rig = Rig { status(201, """{"id":"t1"}""") }
        val reply = rig.transport.post("/tasks", buildJsonObject { put("program", "OPENQASM 2.0;"); put("shots", 10) })
        reply.json().toString() shouldBe """{"id":"t1"}"""
        val sent = rig.requests.single()
        sent.method shouldBe HttpMethod.Post
        sent.body.contentType!!.withoutParameters() shouldBe ContentType.Application.Json
        sent.body.text() shouldBe """{"program":"OPENQASM 2.0;","shots":10}"""
        sent.headers[HttpHeaders.Accept] shouldBe "application/json"
        sent.headers[HttpHeaders.UserAgent] shouldBe "qonduit/0.1"
    }

    test("a form body is url-encoded") {
        val rig = Rig { status(200, "{}") }
        rig.transport.send(HttpMethod.Post, "/token", Body.Form(listOf("username" to "a@b.c", "password" to "p&s s")), authenticated = false)
        val sent = rig.requests.single()
        sent.body.contentType!!.withoutParameters() shouldBe ContentType.Application.FormUrlEncoded
        sent.body.text() shouldBe "username=a%40b.c&password=p%26s+s"
        sent.headers[HttpHeaders.Authorization].shouldBeNull()
    }

    test("a status the caller accepts is returned, not raised") {
        val rig = Rig { status(404, "gone") }
        rig.transport.post("/tasks/1/cancel", null, ok = { it == 404 || it in 200..299 }).status shouldBe 404
    }
})
