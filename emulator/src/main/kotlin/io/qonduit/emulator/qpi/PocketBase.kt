package io.qonduit.emulator.qpi

import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.receiveText
import io.qonduit.emulator.ProviderHttpException
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.security.SecureRandom
import java.time.Instant
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException

/**
 * A PocketBase-style error: `{"data": {...}, "message": "...", "status": n}`. PocketBase
 * "sentenizes" messages (capital first letter, trailing period); callers pass them that way.
 */
internal class PocketBaseException(
    status: HttpStatusCode,
    message: String,
    private val data: JsonObject = JsonObject(emptyMap()),
) : ProviderHttpException(status, message) {
    override fun body(): JsonElement = buildJsonObject {
        put("data", data)
        put("message", message)
        put("status", status.value)
    }

    companion object {
        fun badRequest(message: String, field: String? = null, fieldMessage: String? = null): PocketBaseException {
            val data = if (field == null) {
                JsonObject(emptyMap())
            } else {
                buildJsonObject {
                    put(field, buildJsonObject {
                        put("code", "validation_invalid_value")
                        put("message", fieldMessage ?: message)
                    })
                }
            }
            return PocketBaseException(HttpStatusCode.BadRequest, message, data)
        }

        fun unauthorized(): PocketBaseException =
            PocketBaseException(HttpStatusCode.Unauthorized, "Authentication required.")

        fun forbidden(message: String = "Only superusers can perform this action."): PocketBaseException =
            PocketBaseException(HttpStatusCode.Forbidden, message)

        fun notFound(message: String): PocketBaseException = PocketBaseException(HttpStatusCode.NotFound, message)
    }
}

/** PocketBase's JSON settings: unknown keys ignored, defaults written so payloads show them. */
internal val pocketBaseJson: Json = Json {
    ignoreUnknownKeys = true
    encodeDefaults = true
    explicitNulls = true
}

/** Reads the body as JSON of type [T], answering 400 "Invalid request body." when it is not. */
internal suspend fun <T> ApplicationCall.receivePocketBase(deserializer: DeserializationStrategy<T>): T {
    val text = receiveText()
    return try {
        pocketBaseJson.decodeFromString(deserializer, text.ifBlank { "{}" })
    } catch (e: SerializationException) {
        throw PocketBaseException.badRequest("Invalid request body.", "body", e.message?.lineSequence()?.first())
    } catch (e: IllegalArgumentException) {
        throw PocketBaseException.badRequest("Invalid request body.", "body", e.message?.lineSequence()?.first())
    }
}

/** PocketBase datetimes: `2026-07-24 13:58:05.123Z` (space instead of `T`, milliseconds, UTC). */
internal object PocketBaseTime {
    private val format: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)

    fun format(instant: Instant?): String = instant?.let { format.format(it) } ?: ""

    /** Parses RFC 3339 or PocketBase format; throws 400 naming [field] when invalid. */
    fun parse(value: String, field: String): Instant {
        val text = value.trim().replaceFirst(' ', 'T')
        return try {
            OffsetDateTime.parse(text).toInstant()
        } catch (e: DateTimeParseException) {
            throw PocketBaseException.badRequest(
                "Invalid request body.",
                field,
                "Must be an RFC 3339 datetime such as 2026-07-24T10:00:00Z, was '$value'.",
            )
        }
    }
}

/** Random PocketBase-like record ids (15 lower-case alphanumerics) and secrets. */
internal object PocketBaseIds {
    private val random = SecureRandom()
    private const val ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
    private const val ID_LENGTH = 15

    fun newId(): String = randomString(ID_LENGTH)

    fun randomString(length: Int): String = buildString(length) {
        repeat(length) { append(ALPHABET[random.nextInt(ALPHABET.length)]) }
    }
}

/** A PocketBase list envelope `{page, perPage, totalItems, totalPages, items}` over [items]. */
internal fun pocketBaseList(items: List<JsonElement>, page: Int, perPage: Int): JsonObject {
    val totalPages = if (items.isEmpty()) 0 else (items.size + perPage - 1) / perPage
    val from = ((page - 1).toLong() * perPage).coerceAtMost(items.size.toLong()).toInt()
    val to = (from + perPage).coerceAtMost(items.size)
    return buildJsonObject {
        put("page", page)
        put("perPage", perPage)
        put("totalItems", items.size)
        put("totalPages", totalPages)
        put("items", kotlinx.serialization.json.JsonArray(items.subList(from, to)))
    }
}

/** A PocketBase number: whole values print without a fraction (`3600`, not `3600.0`). */
internal fun pocketBaseNumber(value: Double): kotlinx.serialization.json.JsonPrimitive =
    if (value == Math.rint(value) && kotlin.math.abs(value) < WHOLE_NUMBER_LIMIT) {
        kotlinx.serialization.json.JsonPrimitive(value.toLong())
    } else {
        kotlinx.serialization.json.JsonPrimitive(value)
    }

private const val WHOLE_NUMBER_LIMIT = 1e15
