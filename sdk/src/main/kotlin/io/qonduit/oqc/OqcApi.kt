package io.qonduit.oqc

import io.ktor.http.HttpMethod
import io.ktor.http.Url
import io.qonduit.errors.QonduitException
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.wire.OqcNotices
import io.qonduit.transport.Body
import io.qonduit.transport.HttpTransport
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull

/**
 * OQC's HTTP conventions on top of [HttpTransport]: the `Authentication-Token` header (sent only to
 * the main URL and the QPU URLs the server advertised), **only 200 counts as success** (the Python
 * client rejects 201 and 204 too), the 128 KiB limit on POST requests checked before sending, and the
 * informational `message`/`messages` of every reply handed to [onNotices].
 */
internal class OqcApi(
    url: String,
    private val config: TransportConfig,
    private val onNotices: (OqcNotices, String) -> Unit,
) : AutoCloseable {
    @Volatile
    var token: Secret? = null

    val transport: HttpTransport = HttpTransport(url, config, owner = "OqcSdk") {
        token?.let { mapOf(AUTH_HEADER to it.reveal()) } ?: emptyMap()
    }

    val baseUrl: String get() = transport.baseUrl

    fun trust(url: String) = transport.trust(url)

    suspend fun get(path: String, query: Map<String, Any?> = emptyMap(), authenticated: Boolean = true): JsonElement =
        send(HttpMethod.Get, path, null, query, authenticated, retrySafe = false)

    suspend fun delete(path: String): JsonElement = send(HttpMethod.Delete, path, null, emptyMap(), true, retrySafe = false)

    /**
     * POSTs [body] after checking the request size.
     *
     * @param field named in the [ValidationException] when the request is too large
     * @param retrySafe the caller made the request safe to repeat (pre-allocated task ids)
     */
    suspend fun post(
        path: String,
        body: JsonElement,
        field: String,
        query: Map<String, Any?> = emptyMap(),
        authenticated: Boolean = true,
        retrySafe: Boolean = false,
    ): JsonElement {
        checkSize(path, body, field, authenticated)
        return send(HttpMethod.Post, path, body, query, authenticated, retrySafe)
    }

    /**
     * Throws a [ValidationException] naming [field] when the request's headers plus body would exceed
     * [MAX_REQUEST_BYTES], the limit the Python client enforces ("Request size exceeds the 128KB limit").
     */
    fun checkSize(path: String, body: JsonElement, field: String, authenticated: Boolean = true) {
        val size = requestSize(path, body, authenticated)
        if (size > MAX_REQUEST_BYTES) {
            throw ValidationException(field, "$size bytes", "request headers + body must be at most $MAX_REQUEST_BYTES bytes (128 KiB)")
        }
    }

    /** Bytes of the request line, the headers this client sends, and the JSON body. */
    fun requestSize(path: String, body: JsonElement, authenticated: Boolean): Int {
        val url = Url(if (path.startsWith("http://") || path.startsWith("https://")) path else baseUrl + path)
        val bodyBytes = HttpTransport.json.encodeToString(JsonElement.serializer(), body).toByteArray().size
        val headers = buildMap {
            put("Host", "${url.host}:${url.port}")
            put("User-Agent", config.userAgent)
            put("Accept", "application/json")
            put("Content-Type", "application/json")
            put("Content-Length", bodyBytes.toString())
            if (authenticated) token?.let { put(AUTH_HEADER, it.reveal()) }
        }
        val requestLine = "POST ${url.encodedPathAndQuery} HTTP/1.1\r\n".length
        return requestLine + headers.entries.sumOf { (k, v) -> k.length + v.length + HEADER_OVERHEAD } + 2 + bodyBytes
    }

    private suspend fun send(
        method: HttpMethod,
        path: String,
        body: JsonElement?,
        query: Map<String, Any?>,
        authenticated: Boolean,
        retrySafe: Boolean,
    ): JsonElement {
        val reply = transport.send(
            method, path, body?.let { Body.JsonBody(it) }, query,
            ok = { it == 200 }, authenticated = authenticated, retrySafe = retrySafe,
        )
        val json = if (reply.bytes.isEmpty() || reply.text.isBlank()) JsonNull else reply.json()
        val notices = OqcNotices.from(json)
        if (!notices.isEmpty) onNotices(notices, "${method.value} ${pathOf(path)}")
        return json
    }

    private fun pathOf(path: String): String =
        if (path.startsWith("http://") || path.startsWith("https://")) Url(path).encodedPath else path.substringBefore('?')

    override fun close() = transport.close()

    companion object {
        /** Header carrying the token (not `Authorization`). */
        const val AUTH_HEADER: String = "Authentication-Token"

        /** OQC's client-side limit on a POST's headers plus body: 128 KiB. */
        const val MAX_REQUEST_BYTES: Int = 128 * 1024

        private const val HEADER_OVERHEAD = 4 // ": " and CRLF

        private val lenient: Json = Json { ignoreUnknownKeys = true }

        /** Decodes [json] as [strategy], naming [what] in the error when the reply has the wrong shape. */
        fun <T> decode(strategy: DeserializationStrategy<T>, json: JsonElement, what: String): T = try {
            lenient.decodeFromJsonElement(strategy, json)
        } catch (e: SerializationException) {
            throw QonduitException("unexpected reply from $what: ${e.message}", e)
        } catch (e: IllegalArgumentException) {
            throw QonduitException("unexpected reply from $what: ${e.message}", e)
        }
    }
}
