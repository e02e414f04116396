package io.qonduit.transport

import io.ktor.client.plugins.HttpRequestTimeoutException
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.URLBuilder
import io.ktor.http.Url
import io.ktor.http.encodeURLPathPart
import io.ktor.http.formUrlEncode
import io.qonduit.errors.ApiException
import io.qonduit.errors.AuthorizationException
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.QonduitException
import io.qonduit.errors.RateLimitException
import io.qonduit.errors.ResponseTooLargeException
import io.qonduit.errors.ServerException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import org.slf4j.LoggerFactory
import java.io.ByteArrayOutputStream
import java.io.EOFException
import java.io.IOException
import java.io.InterruptedIOException
import java.nio.file.Files
import java.nio.file.Path
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.util.concurrent.ConcurrentHashMap
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.TimeSource

/** A request body, and the one rule for how each kind goes on the wire ([encoded], [contentType]). */
internal sealed class Body {
    abstract val contentType: ContentType

    /** The bytes sent. */
    abstract fun encoded(): ByteArray

    class JsonBody(val json: JsonElement) : Body() {
        override val contentType: ContentType get() = ContentType.Application.Json
        override fun encoded(): ByteArray = HttpTransport.json.encodeToString(JsonElement.serializer(), json).encodeToByteArray()
    }

    class Form(val fields: List<Pair<String, String>>) : Body() {
        override val contentType: ContentType get() = ContentType.Application.FormUrlEncoded
        override fun encoded(): ByteArray = fields.formUrlEncode().encodeToByteArray()
    }

    class Bytes(val bytes: ByteArray, override val contentType: ContentType) : Body() {
        override fun encoded(): ByteArray = bytes
    }
}

/**
 * An HTTP answer with an accepted status. [owner] names the client in decode errors; a body nested
 * deeper than [io.qonduit.errors.ResponseDecodeException.MAX_JSON_DEPTH] is refused before decoding.
 */
internal class HttpReply(val status: Int, val bytes: ByteArray, private val owner: String = "client") {
    val text: String get() = bytes.decodeToString()

    fun json(): JsonElement = decode(JsonElement.serializer())

    fun <T> decode(strategy: DeserializationStrategy<T>): T = try {
        val text = text
        JsonDepth.check(text, owner, "body (HTTP $status)")
        HttpTransport.json.decodeFromString(strategy, text)
    } catch (e: SerializationException) {
        throw UnreadableReplyException(status, e)
    } catch (e: IllegalArgumentException) {
        throw UnreadableReplyException(status, e)
    }
}

/**
 * The HTTP layer every provider client uses: one base URL, credentials attached only to trusted
 * origins (the base URL's, plus those a provider explicitly trusts, such as OQC's per-QPU URLs),
 * retries of idempotent requests, and typed errors carrying status and body.
 *
 * Redirects are not followed, so credentials never travel to a host the provider did not name.
 * Every URL passes [UrlPolicy] before anything is sent (https, or http to loopback unless the config
 * allows more; advertised URLs keep the base URL's scheme). Every description of a request (log
 * lines, exception messages) has its credentials masked by [redact], the one rule for it.
 * After [close] every request is refused with an [IllegalStateException] naming [owner], before
 * anything is sent. Requests go out on the process-wide OkHttp client of [SharedEngines] (through
 * [proxy] when given) unless the config names a Ktor engine.
 */
internal class HttpTransport(
    baseUrl: String,
    private val config: TransportConfig,
    /** The client named in the "closed" error, e.g. `QpiClient`. */
    private val owner: String = "client",
    /** The HTTP proxy of the process-wide client, e.g. `http://proxy.example:3128`; ignored with the config's own engine. */
    proxy: String? = null,
    private val authHeaders: suspend () -> Map<String, String>,
) : AutoCloseable {
    val baseUrl: String = UrlPolicy.checkTarget(checkBaseUrl(baseUrl), config.allowInsecureHttp).trimEnd('/')
    private val trusted: MutableSet<String> = ConcurrentHashMap.newKeySet<String>().apply { add(origin(this@HttpTransport.baseUrl)) }

    @Volatile
    private var closed = false

    /** True after [close]. */
    val isClosed: Boolean get() = closed

    private val wire: Wire = config.engine?.let { KtorWire(it, config) }
        ?: OkHttpWire(SharedEngines.okHttp(config.connectTimeout, proxy), config.requestTimeout)

    /**
     * Lets credentials go to [url]'s origin too (a URL the provider itself advertised, named [what]
     * in errors), once it passes [checkAdvertised].
     */
    fun trust(url: String, what: String = "URL") {
        trusted += origin(checkAdvertised(url, what))
    }

    /**
     * Returns [url], a URL a server advertised (named [what] in the error), when it keeps the base
     * URL's scheme and passes the http policy; throws an [io.qonduit.errors.InsecureUrlException] otherwise.
     */
    fun checkAdvertised(url: String, what: String): String = UrlPolicy.checkAdvertised(baseUrl, url, what, config.allowInsecureHttp)

    /**
     * Sends a request. [path] is relative to the base URL, or an absolute URL. Credentials are added
     * only when [authenticated] and the target origin is trusted.
     *
     * @param ok statuses that count as success; others raise an [ApiException]
     * @param retrySafe whether a POST/PATCH may be repeated (the caller made it idempotent)
     * @param secrets credentials this request carries outside the auth headers (a token in the path),
     *   masked wherever the request is described
     */
    suspend fun send(
        method: HttpMethod,
        path: String,
        body: Body? = null,
        query: Map<String, Any?> = emptyMap(),
        headers: Map<String, String> = emptyMap(),
        ok: (Int) -> Boolean = { it in 200..299 },
        authenticated: Boolean = true,
        retrySafe: Boolean = false,
        secrets: Collection<Secret> = emptyList(),
    ): HttpReply = exchange(method, path, body, query, headers, ok, authenticated, retrySafe, secrets) { response, logPath ->
        HttpReply(response.status, cappedBytes(response, method, logPath, secrets), owner)
    }

    /**
     * GETs [path] and streams its body into [file] (replaced), never holding it in memory: at most
     * [maxBytes] are written, and a longer body (declared or streamed) ends the download with the
     * exception [tooLarge] makes from the limit. Retried like any GET; [file] holds only the last attempt.
     */
    suspend fun downloadTo(path: String, file: Path, maxBytes: Long, tooLarge: (Long) -> Exception) {
        exchange(HttpMethod.Get, path, null, emptyMap(), emptyMap(), { it in 200..299 }, authenticated = true, retrySafe = false, secrets = emptyList()) { response, _ ->
            withContext(Dispatchers.IO) {
                Files.newOutputStream(file).use { out -> copyCapped(response, HttpMethod.Get, maxBytes, tooLarge) { buffer, n -> out.write(buffer, 0, n) } }
            }
        }
    }

    /** [response]'s whole body, refused with a [ResponseTooLargeException] beyond [TransportConfig.maxResponseBytes]. */
    private suspend fun cappedBytes(response: WireResponse, method: HttpMethod, logPath: String, secrets: Collection<Secret>): ByteArray {
        val out = ByteArrayOutputStream()
        val limit = config.maxResponseBytes
        copyCapped(response, method, limit, { ResponseTooLargeException(method.value, redact(logPath, secrets), it) }) { buffer, n ->
            out.write(buffer, 0, n)
        }
        return out.toByteArray()
    }

    /**
     * The one size rule for every body read: streams [response]'s body to [sink] chunk by chunk and
     * throws what [tooLarge] makes of [maxBytes] as soon as the declared length or the bytes read so
     * far exceed it, so an oversized body is never held whole. A body that ends short of its declared
     * length raises an [IOException], like any dropped connection.
     */
    private suspend fun copyCapped(response: WireResponse, method: HttpMethod, maxBytes: Long, tooLarge: suspend (Long) -> Exception, sink: (ByteArray, Int) -> Unit) {
        val declared = response.header(HttpHeaders.ContentLength)?.toLongOrNull()
        if (declared != null && declared > maxBytes) throw tooLarge(maxBytes)
        val buffer = ByteArray(DOWNLOAD_BUFFER)
        var total = 0L
        while (true) {
            val n = response.read(buffer)
            if (n < 0) break
            total += n
            if (total > maxBytes) throw tooLarge(maxBytes)
            sink(buffer, n)
        }
        val bodiless = method == HttpMethod.Head || response.status == 204 || response.status == 304
        if (declared != null && total < declared && !bodiless) throw EOFException("the reply ended after $total of its $declared bytes")
    }

    /**
     * One request with retries: [readAccepted] reads the body of an accepted answer while the
     * response is open (into memory, or streamed elsewhere); any other answer raises a typed error.
     */
    private suspend fun <T> exchange(
        method: HttpMethod,
        path: String,
        body: Body?,
        query: Map<String, Any?>,
        headers: Map<String, String>,
        ok: (Int) -> Boolean,
        authenticated: Boolean,
        retrySafe: Boolean,
        secrets: Collection<Secret>,
        readAccepted: suspend (WireResponse, String) -> T,
    ): T {
        val url = withQuery(resolve(path), query)
        val parsed = Url(url)
        val logPath = parsed.encodedPath
        val origin = origin(parsed)
        // Where, for logs and connection errors: origin (with its port) and path, never the query string.
        val target = origin + logPath
        val idempotent = retrySafe || method in IDEMPOTENT
        val withCredentials = authenticated && origin in trusted
        var attempt = 0
        while (true) {
            val started = TimeSource.Monotonic.markNow()
            val answer = try {
                wire.exchange(request(method, url, body, headers, withCredentials)) { response ->
                    val status = response.status
                    if (ok(status)) {
                        Answer.Accepted(status, readAccepted(response, logPath))
                    } else {
                        Answer.Refused(status, cappedBytes(response, method, logPath, secrets), retryAfterMillis(response.header(HttpHeaders.RetryAfter)))
                    }
                }
            } catch (e: IOException) {
                // Connection refused or dropped, and request deadlines: Ktor's HttpRequestTimeoutException,
                // OkHttp's call timeout (an InterruptedIOException, like a socket timeout).
                val timedOut = e is HttpRequestTimeoutException || e is InterruptedIOException
                val what = if (timedOut) "timed out" else "failed (${e.javaClass.simpleName})"
                if (idempotent && attempt < config.maxRetries) {
                    report("$method $target $what; retrying", secrets)
                    delay(backoff(++attempt, null))
                    continue
                }
                val neverSent = e is java.net.ConnectException || e is java.net.UnknownHostException
                throw ConnectionException(redact("$method $target $what: ${withoutQueries(e.message)}", secrets), scrubbed(e, secrets), requestMayHaveArrived = !neverSent)
            }
            report("$method $target -> ${answer.status} (${started.elapsedNow().inWholeMilliseconds} ms)", secrets)
            when (answer) {
                is Answer.Accepted -> return answer.value
                is Answer.Refused -> {
                    val retryAfter = answer.retryAfterMillis
                    val waitable = retryAfter == null || retryAfter <= config.maxRetryAfter.toMillis()
                    if (idempotent && answer.status in config.retryStatuses && attempt < config.maxRetries && waitable) {
                        delay(backoff(++attempt, retryAfter))
                        continue
                    }
                    throw errorFor(answer.status, answer.bytes.decodeToString(), method.value, redact(logPath, secrets), retryAfter)
                }
            }
        }
    }

    /** What one attempt got: an accepted answer's body as read, or a refusal's status, body and `Retry-After`. */
    private sealed class Answer<out T>(val status: Int) {
        class Accepted<T>(status: Int, val value: T) : Answer<T>(status)
        class Refused(status: Int, val bytes: ByteArray, val retryAfterMillis: Long?) : Answer<Nothing>(status)
    }

    suspend fun get(path: String, query: Map<String, Any?> = emptyMap()): HttpReply = send(HttpMethod.Get, path, query = query)

    suspend fun post(path: String, json: JsonElement?, ok: (Int) -> Boolean = { it in 200..299 }): HttpReply =
        send(HttpMethod.Post, path, json?.let { Body.JsonBody(it) }, ok = ok)

    suspend fun patch(path: String, json: JsonElement): HttpReply = send(HttpMethod.Patch, path, Body.JsonBody(json))

    suspend fun put(path: String, json: JsonElement): HttpReply = send(HttpMethod.Put, path, Body.JsonBody(json))

    suspend fun delete(path: String): HttpReply = send(HttpMethod.Delete, path)

    /** Throws `IllegalStateException("this <owner> is closed")` after [close]. */
    fun ensureOpen() {
        check(!closed) { "this $owner is closed" }
    }

    /** Refuses further requests. The OkHttp client is shared (or the engine the caller's), so there is nothing else to stop. */
    override fun close() {
        closed = true
        wire.close()
    }

    override fun toString(): String = "HttpTransport($baseUrl)"

    /** One attempt of a request to [url], its credentials fetched now (they may have been refreshed since the last attempt). */
    private suspend fun request(method: HttpMethod, url: String, body: Body?, headers: Map<String, String>, withCredentials: Boolean): WireRequest {
        ensureOpen() // before every attempt, so a retry after close() is refused too
        val credentials = if (withCredentials) authHeaders() else emptyMap()
        val all = LinkedHashMap<String, String>()
        all[HttpHeaders.UserAgent] = config.userAgent
        all[HttpHeaders.Accept] = "application/json"
        all += headers
        all += credentials
        return WireRequest(method, url, all, body)
    }

    /** One request summary to the configured [RequestLogger] and to SLF4J at debug, credentials blanked out. */
    private suspend fun report(line: String, secrets: Collection<Secret>) {
        if (config.logger == null && !log.isDebugEnabled) return
        val safe = redact(line, secrets)
        config.logger?.log(safe)
        log.debug(safe)
    }

    /**
     * [text] with every credential blanked out, wherever it appears: each value this transport sends
     * in its auth headers (a `Bearer`-style value also by its last word) and each of [secrets] (a token
     * some API puts in a path segment, say), as written and as URL-encoded in a path or query.
     */
    suspend fun redact(text: String, secrets: Collection<Secret> = emptyList()): String {
        val values = authHeaders().values.flatMap { listOf(it, it.substringAfterLast(' ')) } + secrets.map { it.reveal() }
        var out = text
        for (value in values.flatMap(::encodings).distinct().sortedByDescending { it.length }) {
            if (value.length >= MIN_REDACTED_LENGTH) out = out.replace(value, "****")
        }
        return out
    }

    /**
     * [e] as a cause that is safe to print in a stack trace: engine messages quote the whole URL (a
     * timeout says `[url=…]`), path token and presigned query string included. Same stack, the
     * message cleaned like the ConnectionException's own, and none of [e]'s causes.
     */
    private suspend fun scrubbed(e: IOException, secrets: Collection<Secret>): IOException = cleanedCopy(e) { redact(it, secrets) }

    /** [url] with [query]'s non-null values appended, encoded as Ktor's `parameter` encodes them. */
    private fun withQuery(url: String, query: Map<String, Any?>): String {
        if (query.values.all { it == null }) return url
        return URLBuilder(url).apply { query.forEach { (k, v) -> if (v != null) parameters.append(k, v.toString()) } }.buildString()
    }

    /** [path] on the base URL, or [path] itself when absolute: then it must pass [UrlPolicy.checkTarget] (an `ftp://` URL is not a path). */
    private fun resolve(path: String): String =
        if (UrlPolicy.schemeOf(path) != null) UrlPolicy.checkTarget(path, config.allowInsecureHttp) else baseUrl + (if (path.startsWith("/")) path else "/$path")

    private fun backoff(attempt: Int, retryAfterMillis: Long?): kotlin.time.Duration {
        val exponential = (config.baseDelay.toMillis() shl (attempt - 1).coerceAtMost(20)).coerceAtMost(config.maxDelay.toMillis())
        val jittered = (exponential * (0.75 + 0.25 * Random.nextDouble())).toLong()
        return maxOf(jittered, retryAfterMillis ?: 0L).milliseconds
    }

    private fun retryAfterMillis(header: String?): Long? {
        val value = header?.trim() ?: return null
        value.toLongOrNull()?.let { return it * 1000 }
        return runCatching {
            val at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
            (at.toEpochMilli() - System.currentTimeMillis()).coerceAtLeast(0)
        }.getOrNull()
    }

    private fun errorFor(status: Int, body: String, method: String, path: String, retryAfterMillis: Long?): ApiException = when {
        status == 401 || status == 403 -> AuthorizationException(status, body, method, path)
        status == 404 -> NotFoundException(status, body, method, path)
        status == 429 -> RateLimitException(body, method, path, retryAfterMillis?.let { it / 1000 })
        status >= 500 -> ServerException(status, body, method, path)
        else -> ApiException(status, body, method, path)
    }

    internal companion object {
        val json: Json = Json {
            ignoreUnknownKeys = true
            explicitNulls = false
            encodeDefaults = true
        }

        private val IDEMPOTENT = setOf(HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Head)

        /** Request summaries at debug: `logger io.qonduit.transport.HttpTransport`. */
        private val log = LoggerFactory.getLogger(HttpTransport::class.java)

        /** Shorter values are not credentials worth blanking (and blanking them would garble the line). */
        private const val MIN_REDACTED_LENGTH = 6

        private const val DOWNLOAD_BUFFER = 64 * 1024

        /** [value] as written and as the encoders of paths and forms write it. */
        private fun encodings(value: String): List<String> = listOf(
            value,
            value.encodeURLPathPart(),
            java.net.URLEncoder.encode(value, Charsets.UTF_8),
            java.net.URLEncoder.encode(value, Charsets.UTF_8).replace("+", "%20"),
        )

        // Ktor reads a scheme-less string as a path on http://localhost, so the scheme is checked on the text itself.
        private fun checkBaseUrl(baseUrl: String): String {
            val scheme = baseUrl.substringBefore("://", missingDelimiterValue = "").lowercase()
            require((scheme == "http" || scheme == "https") && Url(baseUrl).host.isNotEmpty()) {
                "baseUrl must be an absolute http or https URL, was $baseUrl"
            }
            return baseUrl
        }

        private val QUERY = Regex("""(https?://[^\s?#\]]*)[?#][^\s,\]]*""")

        /** Engine messages may quote the full URL; its query string can hold a presigned signature. */
        fun withoutQueries(message: String?): String = message?.replace(QUERY, "$1") ?: "no details"

        /**
         * [e] as a cause safe to print in a stack trace, for any client that reaches URLs with signed
         * queries: same class name and stack, the message [withoutQueries] and then [clean]ed, none of [e]'s causes.
         */
        suspend fun cleanedCopy(e: IOException, clean: suspend (String) -> String = { it }): IOException =
            IOException("${e.javaClass.name}: ${clean(withoutQueries(e.message))}").also { it.stackTrace = e.stackTrace }

        fun origin(url: String): String = origin(Url(url))

        /** Scheme, host and port: what decides whether a URL may receive the credentials. */
        fun origin(url: Url): String = "${url.protocol.name}://${url.host}:${url.port}"
    }
}
