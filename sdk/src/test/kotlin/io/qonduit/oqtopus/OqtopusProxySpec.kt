package io.qonduit.oqtopus

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.net.InetAddress
import java.net.ServerSocket
import kotlin.concurrent.thread

/** OQTOPUS_PROXY: every request goes to the proxy, in absolute form, as an HTTP proxy receives it. */
class OqtopusProxySpec : FunSpec({
    test("a configured proxy receives the API requests") {
        ServerSocket(0, 5, InetAddress.getLoopbackAddress()).use { server ->
            val seen = java.util.Collections.synchronizedList(mutableListOf<String>())
            // A proxy that refuses everything with 502 after noting the request line: enough to see the route.
            val proxy = thread(isDaemon = true) {
                runCatching {
                    while (true) {
                        server.accept().use { socket ->
                            val reader = socket.getInputStream().bufferedReader()
                            seen += reader.readLine().orEmpty()
                            while (reader.readLine()?.isNotEmpty() == true) Unit
                            val body = """{"message":"refused by the test proxy"}"""
                            socket.getOutputStream().write(
                                "HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n$body".toByteArray(),
                            )
                        }
                    }
                }
            }
            val env = mapOf(
                "OQTOPUS_BASE_URL" to "http://127.0.0.1:9/oqtopus",
                "OQTOPUS_API_TOKEN" to "proxied-token",
                "OQTOPUS_PROXY" to "http://127.0.0.1:${server.localPort}",
            )
            val client = OqtopusClient.builder(OqtopusConfig.fromEnv(env))
                .transport(io.qonduit.transport.TransportConfig.builder().maxRetries(0).build()).build()
            client.use {
                val e = shouldThrow<OqtopusApiException> { it.listDevices() }
                e.statusCode shouldBe 502
                e.serverMessage shouldBe "refused by the test proxy"
            }
            seen.first() shouldStartWith "GET http://127.0.0.1:9/oqtopus/devices"
            server.close()
            proxy.join(2000)
        }
    }
})
