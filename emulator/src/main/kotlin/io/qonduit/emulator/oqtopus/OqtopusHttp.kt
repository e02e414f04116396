package io.qonduit.emulator.oqtopus

import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.qonduit.emulator.ProviderHttpException
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** An OQTOPUS User API error: every `error.*` schema of the spec is `{"message": "..."}` (oqtopus.md §9). */
internal class OqtopusHttpException(
    status: HttpStatusCode,
    message: String,
    /** True where the spec declares the answer without content (401 of `/users/me`, `/announcements`, `/system/settings`). */
    private val bare: Boolean = false,
) : ProviderHttpException(status, message) {
    override fun body(): JsonElement = buildJsonObject { put("message", message) }

    override val contentType: ContentType get() = if (bare) ContentType.Text.Plain else ContentType.Application.Json

    override fun renderBody(): String = if (bare) "" else super.renderBody()

    companion object {
        fun badRequest(message: String) = OqtopusHttpException(HttpStatusCode.BadRequest, message)
        fun unauthorized(bare: Boolean = false) = OqtopusHttpException(HttpStatusCode.Unauthorized, "Unauthorized", bare)
        fun forbidden(message: String = "Forbidden") = OqtopusHttpException(HttpStatusCode.Forbidden, message)
        fun notFound(message: String) = OqtopusHttpException(HttpStatusCode.NotFound, message)
        fun jobNotFound() = notFound("job not found")
    }
}

