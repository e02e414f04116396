package io.qonduit.emulator.oqtopus

import io.ktor.http.HttpStatusCode
import io.ktor.server.response.respond
import io.ktor.server.response.respondText
import io.ktor.server.routing.Route
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.patch
import io.ktor.server.routing.post
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.security.SecureRandom
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.UUID
import io.qonduit.emulator.respondJson

/** `/api-token`, `/api-token/status`, `/announcements[/{id}]`, `/users/me`, `/system/settings`. */
internal fun Route.accountRoutes(state: OqtopusEmulatorState) {
    post("/api-token") {
        val user = state.requireUser(call, Refusal.FORBIDDEN)
        // oqtopus-client 1.3.0, create_api_token: "Issuing a Q-API-Token now requires an interactive
        // (OIDC) session ... A client authenticated with a Q-API-Token can no longer mint a new token
        // (the server responds with HTTP 403)". A login session (Bearer) still may.
        if (state.locked { call.oqtopusCredential().orEmpty() !in state.sessions }) {
            throw OqtopusHttpException.forbidden("an API token cannot be issued with an API token: log in (Authorization: Bearer)")
        }
        val token = state.locked {
            val secret = newSecret()
            ApiTokenRecord(UUID.randomUUID().toString(), secret, Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(OqtopusEmulatorState.TOKEN_LIFETIME))
                .also { user.apiToken = it }
        }
        call.respondJson(buildJsonObject {
            put("api_token_id", token.id)
            put("api_token_secret", token.secret)
            put("api_token_expiration", formatTime(token.expiration))
        })
    }
    delete("/api-token") {
        val user = state.requireUser(call, Refusal.FORBIDDEN)
        state.locked {
            if (user.apiToken == null) throw OqtopusHttpException.notFound("Not found the specified user's api token")
            user.apiToken = null
        }
        call.respondText("", status = HttpStatusCode.OK)
    }
    get("/api-token/status") {
        val user = state.requireUser(call, Refusal.FORBIDDEN)
        val token = state.locked { user.apiToken } ?: throw OqtopusHttpException.notFound("Not found the specified user's api token")
        call.respondJson(buildJsonObject { put("api_token_expiration", formatTime(token.expiration)) })
    }

    get("/announcements") {
        state.requireUser(call, Refusal.BARE_UNAUTHORIZED)
        val query = call.request.queryParameters
        fun bad(message: String): Nothing = throw OqtopusHttpException.badRequest(message)
        val offset = query["offset"]?.let { it.toIntOrNull()?.takeIf { v -> v >= 0 } ?: bad("offset must be a non-negative integer, was '$it'") } ?: 0
        // 10 when absent, as the service's router (oqtopus-cloud user/routers/announcements.py) defaults it.
        val limit = query["limit"]?.let { it.toIntOrNull()?.takeIf { v -> v >= 0 } ?: bad("limit must be a non-negative integer, was '$it'") } ?: DEFAULT_ANNOUNCEMENT_LIMIT
        val order = query["order"]?.also { if (it != "ASC" && it != "DESC") bad("order must be ASC or DESC, was '$it'") } ?: "ASC"
        val at = query["current_time"]?.let { parseQueryTime("current_time", it) }
        val list = state.locked {
            var items = state.announcements.values.filter { it.publishable }
            if (at != null) items = items.filter { !it.startTime.isAfter(at) && !it.endTime.isBefore(at) }
            items = items.sortedWith(compareBy<AnnouncementRecord> { it.startTime }.thenBy { it.id })
            if (order == "DESC") items = items.reversed()
            items.drop(offset).take(limit).map { it.toJson() }
        }
        call.respondJson(buildJsonObject { put("announcements", JsonArray(list)) })
    }
    get("/announcements/{announcement_id}") {
        state.requireUser(call, Refusal.BARE_UNAUTHORIZED)
        val raw = call.parameters["announcement_id"].orEmpty()
        val id = raw.toIntOrNull() ?: throw OqtopusHttpException.badRequest("Bad request malformed input data: announcement_id must be an integer, was '$raw'")
        val json = state.locked { state.announcements[id]?.takeIf { it.publishable }?.toJson() }
            ?: throw OqtopusHttpException.notFound("Announcement not found")
        call.respondJson(json)
    }

    get("/users/me") {
        val user = state.requireUser(call, Refusal.BARE_UNAUTHORIZED)
        call.respondJson(state.locked { user.toJson(state) })
    }
    patch("/users/me") {
        val user = state.requireUser(call, Refusal.BARE_UNAUTHORIZED)
        val body = call.receiveJsonObject(allowEmpty = true)
        fun text(key: String): String? = when (val v = body[key]) {
            null, JsonNull -> null
            is JsonPrimitive -> if (v.isString) v.content else throw OqtopusHttpException.badRequest("$key must be a string")
            else -> throw OqtopusHttpException.badRequest("$key must be a string")
        }
        // Free text, blank too: the service's UpdateUserRequest is `name: str | None` (no constraint).
        val name = text("name")
        val organization = text("organization")
        if (name != null && name.length > MAX_TEXT) throw OqtopusHttpException.badRequest("name must be at most $MAX_TEXT characters")
        if (organization != null && organization.length > MAX_TEXT) throw OqtopusHttpException.badRequest("organization must be at most $MAX_TEXT characters")
        val json = state.locked {
            name?.let { user.name = it }
            organization?.let { user.organization = it }
            user.toJson(state)
        }
        call.respondJson(json)
    }
    delete("/users/me") {
        val user = state.requireUser(call, Refusal.BARE_UNAUTHORIZED)
        if (!state.allowUserDeletion) throw OqtopusHttpException.forbidden("user deletion is not allowed on this system")
        state.locked {
            user.deleted = true
            user.apiToken = null
        }
        call.respond(HttpStatusCode.NoContent)
    }

    get("/system/settings") {
        state.requireUser(call, Refusal.BARE_UNAUTHORIZED)
        call.respondJson(buildJsonObject {
            put("editable_fields", JsonArray(listOf(JsonPrimitive("name"), JsonPrimitive("organization"))))
            put("allow_deletion", state.allowUserDeletion)
            put("visible_fields", JsonArray(listOf("id", "name", "email", "organization", "created_at").map(::JsonPrimitive)))
            put("login_history_enabled", state.loginHistoryEnabled)
        })
    }
}

private fun AnnouncementRecord.toJson(): JsonObject = buildJsonObject {
    put("id", id)
    put("title", title)
    put("content", content)
    put("start_time", formatTime(startTime))
    put("end_time", formatTime(endTime))
    put("publishable", publishable)
}

private fun OqtopusUserRecord.toJson(state: OqtopusEmulatorState): JsonObject = buildJsonObject {
    put("id", id)
    put("email", email)
    put("name", name)
    put("organization", organization)
    put("created_at", formatTime(createdAt))
    put("login_events", JsonArray(if (!state.loginHistoryEnabled) emptyList() else loginEvents.map { e ->
        buildJsonObject {
            put("event_date", formatTime(e.at))
            put("user_agent", e.userAgent)
            put("ip", e.ip)
        }
    }))
}

private fun newSecret(): String {
    val bytes = ByteArray(24)
    SecureRandom().nextBytes(bytes)
    return "oqtopus-" + bytes.joinToString("") { "%02x".format(it) }
}

private const val MAX_TEXT = 256

/** `limit` of `GET /announcements` when the query gives none. */
private const val DEFAULT_ANNOUNCEMENT_LIMIT = 10

