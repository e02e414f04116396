package io.qonduit.emulator.qibo

import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.qonduit.emulator.ProviderHttpException
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** A Qibo cloud error: `{"detail": "..."}`, the body the client reads first (qibo.md §5). */
internal class QiboHttpException(status: HttpStatusCode, message: String) : ProviderHttpException(status, message) {
    override fun body(): JsonElement = buildJsonObject { put("detail", message) }

    companion object {
        /** What the service answers for a missing or unknown `x-api-token` (observed: 404, not 401). */
        fun userNotFound() = QiboHttpException(HttpStatusCode.NotFound, "User not found, specify the correct token")

        /** What the service answers for a pid it does not know (observed). */
        fun invalidPid(pid: String) = QiboHttpException(HttpStatusCode.NotFound, "Invalid job pid, got $pid")

        /** A malformed job request **(status and wording inferred)**. */
        fun badRequest(message: String) = QiboHttpException(HttpStatusCode.BadRequest, message)

        /** A job refused because a quota is used up **(status and wording inferred; the service's are not documented)**. */
        fun quotaExceeded(message: String) = QiboHttpException(HttpStatusCode.Forbidden, message)
    }
}

/** The caller, by the `x-api-token` header qibo-client sends on every call; 404 "User not found" otherwise. */
internal fun QiboEmulatorState.requireUser(call: ApplicationCall): QiboUser {
    val token = call.request.headers["x-api-token"]?.trim()?.takeIf { it.isNotEmpty() } ?: throw QiboHttpException.userNotFound()
    return userByToken(token) ?: throw QiboHttpException.userNotFound()
}
