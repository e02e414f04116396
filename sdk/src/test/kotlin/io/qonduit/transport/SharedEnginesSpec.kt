package io.qonduit.transport

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainOnly
import io.kotest.matchers.shouldBe
import io.qonduit.errors.ConnectionException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.serialization.json.buildJsonObject
import java.net.InetSocketAddress
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * What the process-wide engine ([SharedEngines], OkHttp) must not do on its own, checked over real
 * HTTP against a server on 127.0.0.1 that this spec controls to the byte: hold back requests a
 * caller sends at once (OkHttp's default is 5 per host, and blocking calls on `Dispatchers.IO` 64), or send a request a second time when the
 * connection it went out on breaks (OkHttp's default retries a failed pooled connection).
 */
class SharedEnginesSpec : FunSpec({
    val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    val handlers = Executors.newCachedThreadPool()
    server.executor = handlers
    server.start()
    afterSpec {
        server.stop(0)
        handlers.shutdownNow()
    }
    val base = "http://127.0.0.1:${server.address.port}"
    val transport = HttpTransport(base, TransportConfig.builder().maxRetries(0).build()) { emptyMap() }
    afterSpec { transport.close() }

    test("requests sent at once are all in flight at once, not held back at OkHttp's 5 per host or Dispatchers.IO's 64") {
        val together = 80
        val arrived = CountDownLatch(together)
        server.createContext("/together") { exchange ->
            arrived.countDown()
            // Each request waits here until all have arrived: if the engine held some back, the
            // ones in flight would wait in vain and be answered 503.
            val all = arrived.await(20, TimeUnit.SECONDS)
            exchange.reply(if (all) 200 else 503, "{}")
        }
        val statuses = coroutineScope {
            (1..together).map { async { runCatching { transport.get("/together").status }.getOrElse { -1 } } }.awaitAll()
        }
        statuses shouldContainOnly listOf(200)
    }

    test("a POST whose connection breaks after the server read it is sent once, and reported as maybe arrived") {
        val posts = AtomicInteger()
        server.createContext("/warm") { it.reply(200, "{}") }
        server.createContext("/jobs") { exchange ->
            exchange.requestBody.readAllBytes()
            posts.incrementAndGet()
            // No reply at all: the connection closes under the client, as when a reply is lost.
            exchange.close()
        }
        transport.get("/warm").status shouldBe 200 // the POST goes out on this pooled connection
        val error = shouldThrow<ConnectionException> { transport.post("/jobs", buildJsonObject { }) }
        error.requestMayHaveArrived shouldBe true
        posts.get() shouldBe 1
    }
})

private fun HttpExchange.reply(status: Int, body: String) {
    val bytes = body.toByteArray()
    responseHeaders.add("Content-Type", "application/json")
    sendResponseHeaders(status, bytes.size.toLong())
    responseBody.use { it.write(bytes) }
}
