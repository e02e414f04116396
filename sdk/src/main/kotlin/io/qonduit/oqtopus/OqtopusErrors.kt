package io.qonduit.oqtopus

import io.qonduit.errors.ApiException
import io.qonduit.errors.QonduitException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The User API answered with an error status (oqtopus-client's `UserApiError`). [serverMessage] is
 * read from the body as the Python client reads it: the spec's `{"message": ...}`, else `error` (a
 * string or `{"message": ...}`), else the body text itself.
 *
 * @property serverMessage the service's explanation, or null when the body is empty
 */
public class OqtopusApiException internal constructor(
    statusCode: Int,
    body: String,
    method: String,
    path: String,
    public val serverMessage: String?,
) : ApiException(statusCode, body, method, path, message = "HTTP $statusCode from $method $path: ${serverMessage ?: "request failed"}") {
    internal companion object {
        fun of(e: ApiException): OqtopusApiException = OqtopusApiException(e.statusCode, e.body, e.method, e.path, messageOf(e.body))

        /** The Python client's `_extract_error_message`. */
        fun messageOf(body: String): String? {
            val payload = runCatching { Json.parseToJsonElement(body) }.getOrNull()
            if (payload is JsonObject) {
                text(payload["message"])?.let { return it }
                text(payload["error"])?.let { return it }
                (payload["error"] as? JsonObject)?.let { text(it["message"]) }?.let { return it }
                return null
            }
            if (payload is JsonPrimitive && payload.isString) return payload.content.trim().ifEmpty { null }
            return body.trim().ifEmpty { null }
        }

        private fun text(element: Any?): String? = (element as? JsonPrimitive)?.takeIf { it.isString }?.content?.takeIf { it.isNotBlank() }
    }
}

/** A presigned storage transfer failed, or an archive was not one file. */
public open class OqtopusStorageException @JvmOverloads constructor(message: String, cause: Throwable? = null) : QonduitException(message, cause)

/**
 * A download passed its size limit and was abandoned after reading just past it.
 *
 * @property what the download (`result`, `sse_log`, ...)
 * @property part `archive` (bytes downloaded) or `content` (bytes unpacked)
 * @property limitBytes the limit
 */
public class OqtopusDownloadLimitException internal constructor(
    public val what: String,
    public val part: String,
    public val limitBytes: Long,
) : OqtopusStorageException("$what: the $part is larger than the limit of $limitBytes bytes (OqtopusClient.Builder.maxDownloadBytes)")
