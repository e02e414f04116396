package io.qonduit.emulator

import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import kotlinx.serialization.json.JsonElement

/**
 * An error a provider router answers with. Each provider renders its own error body (PocketBase,
 * FastAPI, ...), so the shared status-page handler only needs [status] and [body].
 */
internal abstract class ProviderHttpException(
    val status: HttpStatusCode,
    message: String,
) : RuntimeException(message) {
    /** The JSON error body in the provider's own format. */
    abstract fun body(): JsonElement

    /** The body's media type; JSON unless the provider speaks something else (S3 storage: XML). */
    open val contentType: ContentType get() = ContentType.Application.Json

    /** The body as sent. */
    open fun renderBody(): String = body().toString()
}
