package io.qonduit.oqc

import io.ktor.http.HttpMethod
import io.ktor.http.Url
import io.qonduit.oqc.config.PythonJson
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

    fun trust(url: String, what: String) = transport.trust(url, what)

    /** GETs [path]; [secrets] are credentials in the path (a token), masked wherever the request is described. */
    suspend fun get(
        path: String,
        query: Map<String, Any?> = emptyMap(),
        authenticated: Boolean = true,
        secrets: Collection<Secret> = emptyList(),
    ): JsonElement = send(HttpMethod.Get, path, null, query, authenticated, retrySafe = false, secrets)

    /** DELETEs [path]; [secrets] as for [get]. */
    suspend fun delete(path: String, secrets: Collection<Secret> = emptyList()): JsonElement =
        send(HttpMethod.Delete, path, null, emptyMap(), true, retrySafe = false, secrets)

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
        checkSize(body, field, authenticated)
        return send(HttpMethod.Post, path, body, query, authenticated, retrySafe, emptyList())
    }

    /** POSTs form [fields] (`application/x-www-form-urlencoded`), as OQC's client sends `/password_reset`. */
    suspend fun postForm(path: String, fields: List<Pair<String, String>>): JsonElement {
        val reply = transport.send(HttpMethod.Post, path, Body.Form(fields), emptyMap(), ok = { it == 200 }, authenticated = true, retrySafe = false)
        return replyJson(reply, HttpMethod.Post, path, emptyList())
    }

    /**
     * Throws a [ValidationException] naming [field] when the request would be over
     * [MAX_REQUEST_BYTES] as OQC's client counts it ("Request size exceeds the 128KB limit"), so that
     * Qonduit refuses exactly what that client refuses.
     */
    fun checkSize(body: JsonElement, field: String, authenticated: Boolean = true) {
        val size = requestSize(body, authenticated)
        if (size > MAX_REQUEST_BYTES) {
            throw ValidationException(field, "$size bytes", "request headers + body must be at most $MAX_REQUEST_BYTES bytes (128 KiB)")
        }
    }

    /**
     * The size OQC's client gives a POST before sending it: the body as Python's `json.dumps` writes
     * it (`", "` and `": "` separators, non-ASCII escaped) plus, for each header the client sets
     * itself (`User-agent`, `Authentication-Token`, `Content-Type`, `Content-Length`), the byte
     * lengths of name and value. The request line, `Host` and other library headers are not counted.
     */
    fun requestSize(body: JsonElement, authenticated: Boolean): Int {
        val bodyBytes = PythonJson.write(body).length // ASCII only: every other character is escaped
        val headers = buildMap {
            put("User-Agent", config.userAgent)
            if (authenticated) token?.let { put(AUTH_HEADER, it.reveal()) }
            put("Content-Type", "application/json")
            put("Content-Length", bodyBytes.toString())
        }
        return bodyBytes + headers.entries.sumOf { (k, v) -> k.toByteArray().size + v.toByteArray().size }
    }

    private suspend fun send(
        method: HttpMethod,
        path: String,
        body: JsonElement?,
        query: Map<String, Any?>,
        authenticated: Boolean,
        retrySafe: Boolean,
        secrets: Collection<Secret>,
    ): JsonElement {
        val reply = transport.send(
            method, path, body?.let { Body.JsonBody(it) }, query,
            ok = { it == 200 }, authenticated = authenticated, retrySafe = retrySafe, secrets = secrets,
        )
        return replyJson(reply, method, path, secrets)
    }

    private suspend fun replyJson(reply: io.qonduit.transport.HttpReply, method: HttpMethod, path: String, secrets: Collection<Secret>): JsonElement {
        val json = if (reply.bytes.isEmpty() || reply.text.isBlank()) JsonNull else reply.json()
        val notices = OqcNotices.from(json)
        if (!notices.isEmpty) onNotices(notices, transport.redact("${method.value} ${pathOf(path)}", secrets))
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
