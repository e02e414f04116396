package io.qonduit.emulator.oqc

import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.receiveChannel
import io.ktor.server.response.respondText
import io.ktor.utils.io.toByteArray
import io.qonduit.emulator.ProviderHttpException
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant

/** An OQC-style error reply: `{"message": "...", "code": n}`. */
internal class OqcHttpException(status: HttpStatusCode, message: String) : ProviderHttpException(status, message) {
    override fun body(): JsonElement = buildJsonObject {
        put("message", message)
        put("code", status.value)
    }

    companion object {
        fun badRequest(message: String) = OqcHttpException(HttpStatusCode.BadRequest, message)
        fun unauthorized() = OqcHttpException(HttpStatusCode.Unauthorized, "Authentication required: send a valid Authentication-Token header.")
        fun notFound(message: String) = OqcHttpException(HttpStatusCode.NotFound, message)
        fun tooLarge(size: Int) = OqcHttpException(
            HttpStatusCode.PayloadTooLarge,
            "Request size $size bytes exceeds the 128KB limit (${OqcEmulatorState.MAX_REQUEST_BYTES} bytes).",
        )
    }
}

internal val oqcJson: Json = Json {
    ignoreUnknownKeys = true
    explicitNulls = true
}

/** Answers 200 with [body]; object replies also carry the state's reply `messages`, if any. */
internal suspend fun ApplicationCall.respondOqc(state: OqcEmulatorState, body: JsonElement) {
    val messages = state.replyMessages()
    val out = if (body is JsonObject && messages.isNotEmpty()) {
        JsonObject(body + ("messages" to JsonArray(messages.map { JsonPrimitive(it) })))
    } else {
        body
    }
    respondText(out.toString(), ContentType.Application.Json, HttpStatusCode.OK)
}

/**
 * Reads a JSON request body, answering 413 when it is over 128 KiB as OQC's Python client counts a
 * POST before sending it, and 400 when it is not JSON. The client counts the body bytes plus, for
 * each header it sets itself, the name's and the value's length (no separators): `User-agent`,
 * `Authentication-Token`, `Content-Type` and `Content-Length`. Headers an HTTP library adds on the
 * wire (`Host`, `Accept`, `Accept-Encoding`, `Connection`, ...) are not part of its count.
 */
internal suspend fun ApplicationCall.receiveOqcJson(): JsonElement {
    val bytes = receiveChannel().toByteArray()
    val headerBytes = request.headers.entries()
        .filter { (name, _) -> COUNTED_HEADERS.any { it.equals(name, ignoreCase = true) } }
        .sumOf { (name, values) -> values.sumOf { name.length + it.length } }
    val size = bytes.size + headerBytes
    if (size > OqcEmulatorState.MAX_REQUEST_BYTES) throw OqcHttpException.tooLarge(size)
    val text = bytes.decodeToString().ifBlank { "{}" }
    return try {
        oqcJson.parseToJsonElement(text)
    } catch (e: SerializationException) {
        throw OqcHttpException.badRequest("Request body is not valid JSON.")
    }
}

/** The request body as an object, or 400. */
internal suspend fun ApplicationCall.receiveOqcObject(): JsonObject =
    receiveOqcJson() as? JsonObject ?: throw OqcHttpException.badRequest("Request body must be a JSON object.")

/** The account e-mail of the `Authentication-Token` header, or 401. */
internal fun OqcEmulatorState.requireAccount(call: ApplicationCall): String {
    val token = call.request.headers[AUTH_HEADER]?.trim().orEmpty()
    return locked {
        tokens[token]?.takeIf { it.expiresAt.isAfter(Instant.now()) }?.email
    } ?: throw OqcHttpException.unauthorized()
}

internal fun JsonObject.string(key: String): String? = (this[key] as? JsonPrimitive)?.takeIf { it.isString }?.content

internal const val AUTH_HEADER = "Authentication-Token"

/** The headers OQC's client composes itself and counts towards the 128 KiB limit. */
private val COUNTED_HEADERS = listOf("User-Agent", AUTH_HEADER, "Content-Type", "Content-Length")
