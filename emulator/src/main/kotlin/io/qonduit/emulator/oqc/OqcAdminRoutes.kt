package io.qonduit.emulator.oqc

import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.header
import io.ktor.server.request.host
import io.ktor.server.request.port
import io.ktor.server.response.respondText
import io.ktor.server.routing.Route
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException

/** Version, login/logout, the QPU list and token management, on the main URL (oqc.md §2, §3 #1–3). */
internal fun Route.adminRoutes(state: OqcEmulatorState) {
    get("/admin/version") {
        call.respondOqc(state, buildJsonObject { put("version", OqcEmulatorState.VERSION) })
    }

    post("/admin/logout") {
        call.receiveOqcJson()
        call.respondOqc(state, buildJsonObject { putJsonObject("meta") { put("code", 200) }; putJsonObject("response") {} })
    }

    post("/admin/login") {
        val body = call.receiveOqcObject()
        val email = body.string("email").orEmpty()
        val password = body.string("password").orEmpty()
        val includeToken = call.request.queryParameters["include_auth_token"]?.lowercase() in setOf("true", "1", "")
        val token = state.locked {
            val account = state.accounts[email]
            if (account == null || account.password.isEmpty() || account.password != password) null
            else if (includeToken) state.issueToken(email, Instant.now().plus(OqcEmulatorState.TOKEN_LIFETIME)) else ""
        }
        if (token == null) {
            // Flask-Security's failure envelope.
            val reply = buildJsonObject {
                putJsonObject("meta") { put("code", 400) }
                putJsonObject("response") {
                    putJsonArray("errors") { add(kotlinx.serialization.json.JsonPrimitive("Invalid email or password")) }
                }
            }
            call.respondText(reply.toString(), ContentType.Application.Json, HttpStatusCode.BadRequest)
            return@post
        }
        call.respondOqc(
            state,
            buildJsonObject {
                putJsonObject("meta") { put("code", 200) }
                putJsonObject("response") {
                    putJsonObject("user") {
                        put("email", email)
                        if (token.isNotEmpty()) put("authentication_token", token)
                    }
                }
            },
        )
    }

    get("/admin/qpu") {
        state.requireAccount(call)
        val items = state.locked { state.qpus.values.map { it.toJson(call) } }
        call.respondOqc(state, buildJsonObject { put("items", JsonArray(items)) })
    }

    get("/admin/qpu/{qpuId}") {
        state.requireAccount(call)
        val id = call.parameters["qpuId"].orEmpty()
        val json = state.locked { state.qpus[id]?.toJson(call) } ?: throw OqcHttpException.notFound("QPU '$id' not found.")
        call.respondOqc(state, json)
    }

    get("/admin/auth_tokens/{token}") {
        state.requireAccount(call)
        val token = call.parameters["token"].orEmpty()
        val record = state.locked { state.tokens[token] } ?: throw OqcHttpException.notFound("Token not found.")
        call.respondOqc(state, buildJsonObject { put("expires_at", NAIVE.format(LocalDateTime.ofInstant(record.expiresAt, ZoneOffset.UTC))) })
    }

    post("/admin/users/current_user/auth_tokens") {
        val email = state.requireAccount(call)
        val body = call.receiveOqcObject()
        val text = body.string("expires_at") ?: throw OqcHttpException.badRequest("expires_at is required (%Y-%m-%dT%H:%M:%S).")
        val expiresAt = try {
            LocalDateTime.parse(text, NAIVE).toInstant(ZoneOffset.UTC)
        } catch (e: DateTimeParseException) {
            throw OqcHttpException.badRequest("expires_at must look like 2024-12-31T23:59:59, was '$text'.")
        }
        if (!expiresAt.isAfter(Instant.now())) throw OqcHttpException.badRequest("expires_at must be in the future.")
        val token = state.locked { state.issueToken(email, expiresAt) }
        call.respondOqc(state, buildJsonObject { put("token", token) })
    }

    delete("/auth_tokens/{token}") {
        val email = state.requireAccount(call)
        val token = call.parameters["token"].orEmpty()
        state.locked {
            val record = state.tokens[token]
            if (record == null || record.email != email) throw OqcHttpException.notFound("Token not found.")
            state.tokens.remove(token)
        }
        call.respondOqc(state, buildJsonObject { put("token", token) })
    }
}

/** The `/admin/qpu` record; the URL is this emulator's own per-QPU URL as the client reached it. */
private fun OqcQpuRecord.toJson(call: ApplicationCall): JsonObject = buildJsonObject {
    put("active", active)
    put("feature_set", featureSet)
    put("generation", generation)
    put("id", id)
    put("name", name)
    put("price_per_shot", pricePerShot)
    put("price_per_task", "0")
    put("region", region)
    put("status", if (active) "ACTIVE" else "INACTIVE")
    put("url", urlOverride ?: "${call.ownBaseUrl()}/oqc/qpu/$shortId")
}

/** `http://host:port` as the client addressed this server (its `Host` header). */
internal fun ApplicationCall.ownBaseUrl(): String {
    val host = request.header("Host") ?: "${request.host()}:${request.port()}"
    return "http://$host"
}

private val NAIVE: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")

