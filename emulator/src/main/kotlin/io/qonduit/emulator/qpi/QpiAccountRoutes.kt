package io.qonduit.emulator.qpi

import io.ktor.http.HttpStatusCode
import io.ktor.server.routing.Route
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.patch
import io.ktor.server.routing.post
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import io.qonduit.emulator.respondJson

/** Password login for users and for superusers (PocketBase's `_superusers` collection). */
internal fun Route.authRoutes(state: QpiEmulatorState) {
    for ((collection, superusers) in listOf("users" to false, "_superusers" to true)) {
        post("/collections/$collection/auth-with-password") {
            val request = call.receivePocketBase(PasswordLogin.serializer())
            val identity = request.identity
            val password = request.password
            if (identity.isNullOrBlank()) throw PocketBaseException.badRequest("Failed to authenticate.", "identity", "Cannot be blank.")
            if (password.isNullOrEmpty()) throw PocketBaseException.badRequest("Failed to authenticate.", "password", "Cannot be blank.")
            val (token, record) = state.login(identity, password, superusers)
                ?: throw PocketBaseException.badRequest("Failed to authenticate.")
            call.respondJson(buildJsonObject {
                put("token", token)
                put("record", record)
            })
        }
    }
}

/** API tokens: create (raw secret returned once), list, get, patch, delete. */
internal fun Route.tokenRoutes(state: QpiEmulatorState) {
    post("/tokens") {
        val user = state.requireUser(call)
        val request = call.receivePocketBase(TokenRequest.serializer())
        val expiresAt = request.expiresAt?.takeIf { it.isNotBlank() }?.let { PocketBaseTime.parse(it, "expires_at") }
        val raw = TOKEN_PREFIX + PocketBaseIds.randomString(RAW_TOKEN_LENGTH)
        val json = state.locked {
            val record = state.storeToken(user.id, raw, request.name?.trim().orEmpty(), expiresAt)
            buildJsonObject {
                put("id", record.id)
                put("token", raw)
                put("name", record.name)
                put("expires_at", PocketBaseTime.format(record.expiresAt))
                put("created", PocketBaseTime.format(record.created))
            }
        }
        // handleTokenCreate answers 201 Created.
        call.respondJson(json, HttpStatusCode.Created)
    }

    get("/tokens") {
        val user = state.requireUser(call)
        val list = state.locked { state.tokens.values.filter { it.userId == user.id }.map { it.toJson() } }
        call.respondJson(JsonArray(list))
    }

    get("/tokens/{id}") {
        val user = state.requireUser(call)
        val json = state.locked { accessibleToken(state, call.parameters["id"].orEmpty(), user).toJson() }
        call.respondJson(json)
    }

    patch("/tokens/{id}") {
        val user = state.requireUser(call)
        val request = call.receivePocketBase(TokenRequest.serializer())
        val expiresAt = request.expiresAt?.let { if (it.isBlank()) null else PocketBaseTime.parse(it, "expires_at") }
        val json = state.locked {
            val token = accessibleToken(state, call.parameters["id"].orEmpty(), user)
            request.name?.let { token.name = it.trim() }
            if (request.expiresAt != null) token.expiresAt = expiresAt
            token.updated = Instant.now()
            token.toJson()
        }
        call.respondJson(json)
    }

    delete("/tokens/{id}") {
        val user = state.requireUser(call)
        state.locked {
            val token = accessibleToken(state, call.parameters["id"].orEmpty(), user)
            state.tokens.remove(token.id)
        }
        call.respondJson(buildJsonObject { put("status", "deleted") })
    }
}

/**
 * Token [id] if [user] owns it; 404 otherwise. (QPI's handlers also let a superuser through, but a
 * superuser is no QPI user and so never gets past authentication on these routes.)
 */
private fun accessibleToken(state: QpiEmulatorState, id: String, user: UserRecord): TokenRecord {
    val token = state.tokens[id]
    if (token == null || token.userId != user.id) throw PocketBaseException.notFound("Token not found.")
    return token
}

/**
 * Notifications: the collection's list (login session only; the list rule shows targeted, current,
 * undismissed ones) and QPI's dismiss route (any QPI user the notification targets; dismissing
 * twice answers 200 again, as `handleNotificationDismiss` does).
 */
internal fun Route.notificationRoutes(state: QpiEmulatorState) {
    get("/collections/notifications/records") {
        val caller = state.collectionCaller(call)
        val paging = call.pageQuery()
        val items = state.locked {
            val now = Instant.now()
            state.notifications.values
                .filter { n -> caller.isSuperuser || (caller.user != null && n.visibleTo(caller.user.id, now)) }
                .sortedByDescending { it.sequence }.map { it.toJson() }
        }
        call.respondJson(pocketBaseList(items, paging.page, paging.perPage))
    }

    post("/notifications/{id}/dismiss") {
        val user = state.requireUser(call)
        state.locked {
            val notification = state.notifications[call.parameters["id"].orEmpty()]
                ?: throw PocketBaseException.notFound("Notification not found.")
            if (!notification.targets(user.id)) throw PocketBaseException(HttpStatusCode.Forbidden, "Access denied.")
            if (user.id !in notification.dismissedBy) {
                notification.dismissedBy += user.id
                notification.updated = Instant.now()
            }
        }
        call.respondJson(buildJsonObject { put("status", "dismissed") })
    }
}

private const val TOKEN_PREFIX = "qpi_"
private const val RAW_TOKEN_LENGTH = 40
