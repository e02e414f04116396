package io.qonduit.emulator.oqc

import io.ktor.http.HttpStatusCode
import io.ktor.http.parseQueryString
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.receiveText
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.put
import java.time.Instant
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException

/**
 * User management, password reset and one-off windows on the main URL, as `OQCClient` calls them
 * (oqc.md §3 #4–9): `GET /admin/users?q=`, `GET /admin/users/{id}`, `POST /admin/users/{id}/update_password`,
 * `POST /admin/users`, `POST /password_reset` (form-encoded) and `POST /windows/one-off-window`.
 *
 * The server is not public, so the permissions are our reading of the client (inferred): an admin
 * account may do everything; any other account sees and changes only its own record (the client
 * re-logs in after changing its own password), and gets 403 for other users, for creating users and
 * for booking windows. A password reset needs no login (it is the "forgot password" form).
 */
internal fun Route.userRoutes(state: OqcEmulatorState) {
    get("/admin/users") {
        val caller = call.caller(state)
        val query = call.request.queryParameters["q"].orEmpty().lowercase()
        val items = state.locked {
            state.accounts.values.filter { caller.admin || it.id == caller.id }
                .filter { query.isEmpty() || query in it.email.lowercase() || query in "${it.firstName} ${it.lastName}".lowercase() }
                .map { it.toJson() }
        }
        call.respondOqc(state, buildJsonObject { put("total", items.size); put("items", JsonArray(items)) })
    }

    get("/admin/users/{id}") {
        val caller = call.caller(state)
        val account = call.visibleAccount(state, caller)
        call.respondOqc(state, state.locked { account.toJson() })
    }

    post("/admin/users/{id}/update_password") {
        val caller = call.caller(state)
        val account = call.visibleAccount(state, caller)
        val body = call.receiveOqcObject()
        val password = body.string("password")
        if (password.isNullOrBlank()) throw OqcHttpException.badRequest("password must be a non-blank string.")
        if (body.string("password_confirm") != password) throw OqcHttpException.badRequest("password_confirm must equal password.")
        if (password.length < MIN_PASSWORD_LENGTH) throw OqcHttpException.badRequest("password must have at least $MIN_PASSWORD_LENGTH characters.")
        val json = state.locked {
            account.password = password
            account.passwordChangedAt = Instant.now()
            account.toJson()
        }
        call.respondOqc(state, json)
    }

    post("/admin/users") {
        call.requireAdmin(state, "create users")
        val body = call.receiveOqcObject()
        val email = body.string("email")?.trim()
        if (email == null || !EMAIL.matches(email)) throw OqcHttpException.badRequest("email must be an e-mail address, was ${body["email"]}.")
        val first = body.string("first_name")?.trim()
        val last = body.string("last_name")?.trim()
        if (first.isNullOrEmpty()) throw OqcHttpException.badRequest("first_name must be a non-blank string.")
        if (last.isNullOrEmpty()) throw OqcHttpException.badRequest("last_name must be a non-blank string.")
        val password = body.string("password") ?: throw OqcHttpException.badRequest("password must be a string (\"\" for none).")
        if (password.isNotEmpty() && password.length < MIN_PASSWORD_LENGTH) {
            throw OqcHttpException.badRequest("password must have at least $MIN_PASSWORD_LENGTH characters.")
        }
        val json = state.locked {
            if (state.accounts.keys.any { it.equals(email, ignoreCase = true) }) throw OqcHttpException.badRequest("A user with email $email already exists.")
            state.newAccount(email, password, first, last, admin = false).toJson()
        }
        call.respondOqc(state, json)
    }

    post("/password_reset") {
        val form = parseQueryString(call.receiveText())
        val email = form["email"]?.trim()
        if (email.isNullOrEmpty()) throw OqcHttpException.badRequest("email is required (form field email=).")
        val known = state.locked { state.accounts.keys.any { it.equals(email, ignoreCase = true) } }
        // Flask-Security's forgot-password form answers an unknown address with this error.
        if (!known) throw OqcHttpException.badRequest("Specified user does not exist")
        state.recordPasswordReset(email)
        call.respondOqc(state, buildJsonObject { put("message", "Instructions to reset your password have been sent to $email.") })
    }

    post("/windows/one-off-window") {
        call.requireAdmin(state, "book one-off windows")
        val body = call.receiveOqcObject()
        val qpuId = body.string("qpu_id") ?: throw OqcHttpException.badRequest("qpu_id is required.")
        val start = windowTime(body, "start_time")
        val end = windowTime(body, "end_time")
        if (!end.isAfter(start)) throw OqcHttpException.badRequest("end_time must be after start_time.")
        val duration = body["duration_hours"]?.let { (it as? JsonPrimitive)?.takeIf { p -> !p.isString }?.doubleOrNull }
        if (body["duration_hours"] != null && body["duration_hours"] !is kotlinx.serialization.json.JsonNull && duration == null) {
            throw OqcHttpException.badRequest("duration_hours must be a number.")
        }
        val window = OqcOneOffWindow(
            qpuId, start, end, body.string("lease_type"), body.string("lease_holder_name"), duration,
            body.string("window_name"), body.string("window_start"),
        )
        state.locked {
            if (state.qpus[qpuId] == null) throw OqcHttpException.notFound("QPU '$qpuId' not found.")
            state.oneOffWindows += window
        }
        call.respondOqc(state, window.toJson("ONE_OFF"))
    }
}

/** The record of [window] as `/windows/history` and the booking reply show it. */
internal fun OqcOneOffWindow.toJson(description: String): JsonObject = buildJsonObject {
    put("qpu_id", qpuId)
    put("start_time", WINDOW_TIME.format(start.atOffset(ZoneOffset.UTC)))
    put("end_time", WINDOW_TIME.format(end.atOffset(ZoneOffset.UTC)))
    put("window_description", description)
    put("lease_type", leaseType)
    put("lease_holder_name", leaseHolderName)
    put("duration_hours", durationHours)
    put("window_name", windowName)
    put("window_start", windowStart)
}

private fun OqcAccount.toJson(): JsonObject = buildJsonObject {
    put("id", id)
    put("email", email)
    put("first_name", firstName)
    put("last_name", lastName)
    put("active", true)
    put("roles", JsonArray(listOf(JsonPrimitive(if (admin) "admin" else "user"))))
    put("password_expires_at", NAIVE_TIME.format(LocalDateTime.ofInstant(passwordChangedAt.plus(OqcEmulatorState.PASSWORD_LIFETIME), ZoneOffset.UTC)))
}

private fun ApplicationCall.caller(state: OqcEmulatorState): OqcAccount {
    val email = state.requireAccount(this)
    return state.locked { state.accounts.getValue(email) }
}

private fun ApplicationCall.requireAdmin(state: OqcEmulatorState, what: String) {
    if (!caller(state).admin) throw OqcHttpException(HttpStatusCode.Forbidden, "Only administrators may $what.")
}

/** The account of the `{id}` path parameter: 404 when there is none, 403 when it is not the caller's and the caller is no admin. */
private fun ApplicationCall.visibleAccount(state: OqcEmulatorState, caller: OqcAccount): OqcAccount {
    val text = parameters["id"].orEmpty()
    val account = state.locked { text.toIntOrNull()?.let { id -> state.accounts.values.firstOrNull { it.id == id } } }
        ?: throw OqcHttpException.notFound("User $text not found.")
    if (!caller.admin && account.id != caller.id) throw OqcHttpException(HttpStatusCode.Forbidden, "Only administrators may manage other users.")
    return account
}

/** A window time: ISO-8601 with `Z` or an offset (`2026-12-01T10:00:00Z`), or naive UTC (`2026-12-01T10:00:00`). */
private fun windowTime(body: JsonObject, field: String): Instant {
    val text = body.string(field) ?: throw OqcHttpException.badRequest("$field is required (like 2026-12-01T10:00:00Z).")
    return try {
        OffsetDateTime.parse(text).toInstant()
    } catch (e: DateTimeParseException) {
        try {
            LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC)
        } catch (e2: DateTimeParseException) {
            throw OqcHttpException.badRequest("$field must look like 2026-12-01T10:00:00Z, was '$text'.")
        }
    }
}

private val EMAIL = Regex("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
private val WINDOW_TIME: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
private val NAIVE_TIME: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
private const val MIN_PASSWORD_LENGTH = 8 // Flask-Security's default SECURITY_PASSWORD_LENGTH_MIN
