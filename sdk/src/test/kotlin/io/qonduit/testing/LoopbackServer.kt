package io.qonduit.testing

import io.ktor.server.cio.CIO
import io.ktor.server.engine.embeddedServer
import io.ktor.server.routing.Routing
import io.ktor.server.routing.routing
import kotlinx.coroutines.runBlocking

/**
 * A throw-away HTTP server on 127.0.0.1, port 0, serving [routes]: for replies no provider emulator
 * sends (bodies of hundreds of megabytes, say). Close it after the test.
 */
class LoopbackServer(routes: Routing.() -> Unit) : AutoCloseable {
    private val server = embeddedServer(CIO, port = 0, host = "127.0.0.1") { routing(routes) }.start(wait = false)

    /** The base URL, e.g. `http://127.0.0.1:40123`. */
    val url: String = "http://127.0.0.1:" + runBlocking { server.engine.resolvedConnectors().first().port }

    override fun close() = server.stop(0, 0)
}
