package io.qonduit.transport

import io.ktor.http.HttpMethod

/**
 * How [HttpTransport] sends one attempt of a request, below its rules (credentials, retries, size
 * caps, typed errors): [OkHttpWire] on the process-wide OkHttp client by default, [KtorWire] on an
 * engine the caller named in [TransportConfig.engine].
 */
internal interface Wire : AutoCloseable {
    /**
     * Sends [request] and hands its response, still open, to [read]; the response is closed when
     * [read] returns or throws. Connection failures and the request deadline raise an
     * [java.io.IOException]; a cancelled caller ends the exchange at once.
     */
    suspend fun <T> exchange(request: WireRequest, read: suspend (WireResponse) -> T): T
}

/** One attempt of a request, complete: [url] already carries the query, [headers] the credentials. */
internal class WireRequest(val method: HttpMethod, val url: String, val headers: Map<String, String>, val body: Body?)

/** A response whose body has not been read yet. */
internal interface WireResponse {
    val status: Int

    /** The first value of the header [name] (any case), or null. */
    fun header(name: String): String?

    /**
     * Reads up to `buffer.size` bytes of the body into [buffer] and returns how many, or -1 at its end.
     * A connection dropped mid-body raises an [java.io.IOException].
     */
    suspend fun read(buffer: ByteArray): Int
}
