package io.qonduit.transport

import io.ktor.client.HttpClient
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.plugins.HttpTimeout
import io.ktor.client.request.header
import io.ktor.client.request.prepareRequest
import io.ktor.client.request.setBody
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
import io.ktor.http.content.ByteArrayContent
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import java.io.IOException

/**
 * The [Wire] over a Ktor engine a caller named ([TransportConfig.engine]; tests pass a `MockEngine`).
 * Redirects are not followed; [config]'s connect and request timeouts apply to every request.
 */
internal class KtorWire(engine: HttpClientEngine, config: TransportConfig) : Wire {
    private val client = HttpClient(engine) {
        expectSuccess = false
        followRedirects = false
        install(HttpTimeout) {
            connectTimeoutMillis = config.connectTimeout.toMillis()
            requestTimeoutMillis = config.requestTimeout.toMillis()
        }
    }

    override suspend fun <T> exchange(request: WireRequest, read: suspend (WireResponse) -> T): T =
        client.prepareRequest(request.url) {
            method = request.method
            request.headers.forEach { (k, v) -> header(k, v) }
            request.body?.let { setBody(ByteArrayContent(it.encoded(), it.contentType)) }
        }.execute { response -> read(KtorResponse(response)) }

    /** Closes this client; the engine stays the caller's. */
    override fun close() = client.close()

    private class KtorResponse(private val response: HttpResponse) : WireResponse {
        private var channel: ByteReadChannel? = null

        override val status: Int get() = response.status.value

        override fun header(name: String): String? = response.headers[name]

        override suspend fun read(buffer: ByteArray): Int {
            val body = channel ?: response.bodyAsChannel().also { channel = it }
            val n = body.readAvailable(buffer, 0, buffer.size)
            // A connection dropped mid-body ends the channel with a cause: a failure, not a shorter reply.
            if (n < 0) body.closedCause?.let { throw it as? IOException ?: IOException(it.message, it) }
            return n
        }
    }
}
