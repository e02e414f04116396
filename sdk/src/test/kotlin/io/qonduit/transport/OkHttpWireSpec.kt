package io.qonduit.transport

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.http.HttpMethod
import io.qonduit.errors.ConnectionException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.net.InetSocketAddress
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicReference
import kotlin.time.Duration.Companion.seconds

/**
 * The default wire ([OkHttpWire]: OkHttp's blocking calls on an IO thread) over real HTTP to a server
 * on 127.0.0.1 this spec controls to the byte: what goes out, the request deadline covering the body
 * too, a cancelled caller, and a body cut short. (The rules above the wire are [HttpTransportSpec]'s.)
 */
class OkHttpWireSpec : FunSpec({
    val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    val handlers = Executors.newCachedThreadPool()
    server.executor = handlers
    server.start()
    // Handlers that stall wait on this, so the spec ends without waiting for them.
    val release = CountDownLatch(1)
    afterSpec {
        release.countDown()
        server.stop(0)
        handlers.shutdownNow()
    }
    val base = "http://127.0.0.1:${server.address.port}"

    fun transport(requestTimeout: Duration = Duration.ofSeconds(30)) =
        HttpTransport(base, TransportConfig.builder().maxRetries(0).requestTimeout(requestTimeout).build()) { mapOf("X-Token" to "tok-123456") }

    test("a request goes out with its method, query, headers, credentials and JSON body") {
        var seen = ""
        server.createContext("/echo") { exchange ->
            val h = exchange.requestHeaders
            seen = listOf(
                exchange.requestMethod,
                exchange.requestURI.rawQuery,
                h.getFirst("Content-Type"),
                h.getFirst("Accept"),
                h.getFirst("X-Token"),
                h.getFirst("X-Extra"),
                exchange.requestBody.readAllBytes().decodeToString(),
            ).joinToString(" | ")
            exchange.reply(200, "{}")
        }
        val body = Body.JsonBody(buildJsonObject { put("shots", 100) })
        transport().send(HttpMethod.Post, "/echo", body, query = mapOf("name" to "a b", "skip" to null), headers = mapOf("X-Extra" to "1"))
        seen shouldBe """POST | name=a+b | application/json | application/json | tok-123456 | 1 | {"shots":100}"""
    }

    test("a form body is url-encoded with its content type; a POST without a body sends an empty one") {
        val seen = mutableListOf<String>()
        server.createContext("/form") { exchange ->
            seen += "${exchange.requestHeaders.getFirst("Content-Type")} ${exchange.requestHeaders.getFirst("Content-Length")} ${exchange.requestBody.readAllBytes().decodeToString()}"
            exchange.reply(200, "{}")
        }
        val transport = transport()
        transport.send(HttpMethod.Post, "/form", Body.Form(listOf("user" to "demo@qonduit.io", "password" to "p&q")))
        transport.post("/form", null)
        seen shouldBe listOf("application/x-www-form-urlencoded 37 user=demo%40qonduit.io&password=p%26q", "null 0 ")
    }

    test("a reply slower than the request timeout ends at the deadline, saying it timed out") {
        server.createContext("/slow") { exchange ->
            release.await(20, TimeUnit.SECONDS)
            exchange.reply(200, "{}")
        }
        val started = System.nanoTime()
        val e = shouldThrow<ConnectionException> { transport(Duration.ofMillis(300)).get("/slow") }
        e.message!! shouldContain "GET http://127.0.0.1:${server.address.port}/slow timed out"
        (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 5_000
    }

    test("the deadline covers the body: a reply that stalls after its first bytes ends at it too") {
        server.createContext("/stalls") { exchange ->
            exchange.sendResponseHeaders(200, 1_000)
            exchange.responseBody.write(ByteArray(10) { ' '.code.toByte() })
            exchange.responseBody.flush()
            release.await(20, TimeUnit.SECONDS)
        }
        val started = System.nanoTime()
        shouldThrow<ConnectionException> { transport(Duration.ofMillis(500)).get("/stalls") }.message!! shouldContain "timed out"
        (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 5_000
    }

    test("a body cut short of its Content-Length is a connection failure, not a shorter reply") {
        server.createContext("/cut") { exchange ->
            exchange.sendResponseHeaders(200, 1_000)
            exchange.responseBody.write("{\"a\":".toByteArray())
            exchange.responseBody.flush()
            exchange.close() // the connection ends 995 bytes early
        }
        shouldThrow<ConnectionException> { transport().get("/cut") }.requestMayHaveArrived shouldBe true
    }

    test("cancelling the caller ends a request blocked on a silent server at once, as a cancellation") {
        val arrived = CountDownLatch(1)
        server.createContext("/silent") {
            arrived.countDown()
            release.await(20, TimeUnit.SECONDS)
        }
        val transport = transport()
        val thrown = AtomicReference<Throwable>()
        coroutineScope {
            val call = launch(Dispatchers.Default) {
                try {
                    transport.get("/silent")
                } catch (e: Throwable) {
                    thrown.set(e)
                    throw e
                }
            }
            arrived.await(10, TimeUnit.SECONDS) shouldBe true
            val started = System.nanoTime()
            call.cancel()
            // The blocked IO thread is released by cancelling the OkHttp call, long before any deadline.
            withTimeout(2.seconds) { call.join() }
            (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 2_000
        }
        thrown.get().shouldBeInstanceOf<CancellationException>()
    }
})

private fun HttpExchange.reply(status: Int, body: String) {
    val bytes = body.toByteArray()
    responseHeaders.add("Content-Type", "application/json")
    sendResponseHeaders(status, bytes.size.toLong())
    responseBody.use { it.write(bytes) }
}
