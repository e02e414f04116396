package io.qonduit.qibo

import io.qonduit.errors.ApiException
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.QonduitException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The Qibo server answered with an error status, or did not answer (qibo-client's `QiboApiError`).
 * [serverMessage] is read from the body in the Python client's order: the first non-empty of
 * `detail`, `message`, `error`, `title`, then `errors`, then the body text, then `HTTP <status>`.
 * A network failure has status 0 and the failure as [networkFailure].
 *
 * @property url the request's URL (the token travels in a header, never in a URL)
 * @property serverMessage the message as extracted
 */
public class QiboApiException internal constructor(
    statusCode: Int,
    method: String,
    public val url: String,
    body: String,
    public val serverMessage: String,
    cause: Throwable? = null,
) : ApiException(statusCode, body, method, pathOf(url), isRetryable = statusCode == 0 || statusCode == 429 || statusCode >= 500,
    message = "${if (statusCode == 0) "no answer" else "HTTP $statusCode"} from $method $url: $serverMessage") {
    /** For a network failure (status 0), the transport's failure; null otherwise. */
    public val networkFailure: ConnectionException? = cause as? ConnectionException

    init {
        networkFailure?.let { addSuppressed(it) } // ApiException takes no cause; keep the failure's trace
    }

    /** For a network failure: whether the request may have reached the server (see [ConnectionException.requestMayHaveArrived]). */
    public val requestMayHaveArrived: Boolean get() = networkFailure?.requestMayHaveArrived ?: (statusCode != 0)

    internal companion object {
        private fun pathOf(url: String): String = io.ktor.http.Url(url).encodedPath

        fun of(e: ApiException, url: String): QiboApiException = QiboApiException(e.statusCode, e.method, url, e.body, messageOf(e.body, e.statusCode))

        fun network(e: ConnectionException, method: String, url: String): QiboApiException =
            QiboApiException(0, method, url, "", e.message ?: "connection failed", e)

        /** The Python client's message extraction, in its order. */
        fun messageOf(body: String, status: Int): String {
            val payload = runCatching { Json.parseToJsonElement(body) }.getOrNull()
            if (payload is JsonObject) {
                for (key in listOf("detail", "message", "error", "title")) text(payload[key])?.let { return it }
                payload["errors"]?.takeIf { it !is JsonNull && !(it is JsonArray && it.isEmpty()) && !(it is JsonObject && it.isEmpty()) }
                    ?.let { return text(it) ?: it.toString() }
            }
            return body.trim().ifEmpty { "HTTP $status" }
        }

        private fun text(element: Any?): String? = when (element) {
            is JsonPrimitive -> element.takeIf { it !is JsonNull }?.content?.trim()?.takeIf { it.isNotEmpty() }
            is JsonObject, is JsonArray -> element.toString().takeIf { element.toString() != "{}" && element.toString() != "[]" }
            else -> null
        }
    }
}

/** A reply lacked keys the client needs (qibo-client's `MalformedResponseError`); [missingKeys] names them. */
public class QiboMalformedResponseException internal constructor(
    /** Where the reply came from, e.g. `GET /api/qibo_version/`. */
    public val call: String,
    /** The keys that were missing, or empty when the body was not the expected JSON at all. */
    public val missingKeys: List<String>,
    detail: String = "the server response is missing the following keys: ${missingKeys.joinToString(" ")}",
) : QonduitException("$call: $detail")

/** `POST /api/jobs/` answered without a `pid` (qibo-client's `JobPostServerError`), even with status 200. */
public class QiboJobPostException internal constructor(
    /** The server's `detail`, e.g. `Server failed to post job to queue`. */
    public val detail: String,
) : QonduitException("the Qibo server did not post the job: $detail")

/**
 * The qibo version this client declares is below the server's `minimum_client_qibo_version`
 * (qibo-client raises `RuntimeError`); nothing was submitted.
 */
public class QiboVersionException internal constructor(
    /** The qibo version this client writes circuits for. */
    public val clientQiboVersion: String,
    /** The server's minimum. */
    public val minimumClientQiboVersion: String,
) : QonduitException("the Qibo server requires qibo>=$minimumClientQiboVersion, but this client writes circuits for qibo $clientQiboVersion")
