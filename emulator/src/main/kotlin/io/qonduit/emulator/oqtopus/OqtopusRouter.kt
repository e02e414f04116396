package io.qonduit.emulator.oqtopus

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.plugins.origin
import io.ktor.server.request.path
import io.ktor.server.request.receiveText
import io.ktor.server.response.header
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.route
import io.qonduit.emulator.ProviderRouter
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException
import java.time.temporal.ChronoUnit
import io.qonduit.emulator.respondJson

/**
 * The OQTOPUS Cloud User API (G3, `oqtopus-user-openapi.yaml`; oqtopus.md §4) under `/oqtopus`,
 * which stands for the deployment's base URL. Every call needs the `q-api-token` header (what
 * oqtopus-client sends) or `Authorization: Bearer <token>` (the spec's `BearerAuth`) with a token of
 * [OqtopusEmulatorState]. Presigned URLs point at [OqtopusStorageRouter] under `/oqtopus-storage`.
 *
 * The previous flow (G2, `oqtopus-user-openapi.inline-jobinfo.frontend-copy.yaml`; oqtopus.md §3)
 * is served too: a `POST /jobs` whose body carries `job_info` submits the whole job at once, its
 * `GET /jobs/{job_id}` carries the program and results inline, and `GET /jobs/{job_id}/sselog`
 * returns an sse job's log as a base64 zip. Both flows run on the same runner and simulator.
 */
internal class OqtopusRouter(private val state: OqtopusEmulatorState) : ProviderRouter {
    override val prefix: String = PREFIX

    override fun install(route: Route) {
        route.deviceRoutes(state)
        route.jobRoutes(state)
        route.accountRoutes(state)
        route.route("{...}") {
            handle {
                val allow = declaredMethods(call.request.path().removePrefix("/$PREFIX"))
                    ?: throw OqtopusHttpException.notFound("Not Found")
                // A path of the spec with a method it does not declare: 405 with Allow, as the service's
                // framework (FastAPI, oqtopus-cloud backend) answers; found by schemathesis' unsupported_method.
                call.response.header(HttpHeaders.Allow, allow)
                call.respondJson(buildJsonObject { put("message", "Method Not Allowed") }, HttpStatusCode.MethodNotAllowed)
            }
        }
    }

    companion object {
        const val PREFIX = "oqtopus"

        /** Every path of `oqtopus-user-openapi.yaml` (and the previous document's `/sselog`) with the methods declared there. */
        private val DECLARED: List<Pair<Regex, String>> = listOf(
            "/devices" to "GET", "/devices/[^/]+" to "GET",
            "/jobs" to "GET, POST", "/jobs/[^/]+" to "GET, DELETE", "/jobs/[^/]+/submit" to "POST",
            "/jobs/[^/]+/status" to "GET", "/jobs/[^/]+/cancel" to "POST", "/jobs/[^/]+/sselog" to "GET",
            "/api-token" to "POST, DELETE", "/api-token/status" to "GET",
            "/announcements" to "GET", "/announcements/[^/]+" to "GET",
            "/users/me" to "GET, PATCH, DELETE", "/system/settings" to "GET",
        ).map { (path, methods) -> Regex(path) to methods }

        /** The `Allow` value for [path] (below the prefix) when the spec declares it, else null. */
        fun declaredMethods(path: String): String? = DECLARED.firstOrNull { it.first.matches(path.trimEnd('/')) }?.second
    }
}

/** `GET /devices`, `GET /devices/{device_id}`. */
private fun Route.deviceRoutes(state: OqtopusEmulatorState) {
    get("/devices") {
        state.requireUser(call)
        val list = state.locked { state.devices.values.map { it.toJson(state) } }
        call.respondJson(JsonArray(list))
    }
    get("/devices/{device_id}") {
        state.requireUser(call, Refusal.FORBIDDEN)
        val id = call.parameters["device_id"].orEmpty()
        val json = state.locked { state.devices[id]?.toJson(state) } ?: throw OqtopusHttpException.notFound("device not found")
        call.respondJson(json)
    }
}

private fun OqtopusDeviceRecord.toJson(state: OqtopusEmulatorState): JsonObject = buildJsonObject {
    put("device_id", id)
    put("device_type", type)
    put("status", status)
    availableAt?.let { put("available_at", formatTime(it)) }
    put("n_pending_jobs", state.jobs.values.count { it.deviceId == id && (it.status == JobStatus.SUBMITTED || it.status == JobStatus.READY) })
    put("n_qubits", nQubits)
    put("basis_gates", JsonArray(basisGates.map(::JsonPrimitive)))
    put("supported_instructions", JsonArray(supportedInstructions.map(::JsonPrimitive)))
    deviceInfo?.let { put("device_info", it) }
    calibratedAt?.let { put("calibrated_at", formatTime(it)) }
    put("description", description)
}

/**
 * How an operation refuses a caller without valid credentials, as its responses in the spec allow:
 * 401 `{"message": "Unauthorized"}` where it lists 401 with the error schema, a bare 401 where it
 * lists 401 without content (`/announcements`, `/users/me`, `/system/settings`), and 403
 * `{"message": "Forbidden"}` where it lists no 401 but a 403 (`/devices/{device_id}`, `/api-token`).
 */
internal enum class Refusal { UNAUTHORIZED, BARE_UNAUTHORIZED, FORBIDDEN }

/** The caller, by `q-api-token` or `Authorization: Bearer`; refused as [refusal] says otherwise. */
internal fun OqtopusEmulatorState.requireUser(call: ApplicationCall, refusal: Refusal = Refusal.UNAUTHORIZED): OqtopusUserRecord {
    fun refuse(): Nothing = throw when (refusal) {
        Refusal.UNAUTHORIZED -> OqtopusHttpException.unauthorized()
        Refusal.BARE_UNAUTHORIZED -> OqtopusHttpException.unauthorized(bare = true)
        Refusal.FORBIDDEN -> OqtopusHttpException.forbidden()
    }
    val token = call.oqtopusCredential() ?: refuse()
    return userByCredential(token) ?: refuse()
}

/** The credential the caller sent: the `q-api-token` header, else an `Authorization: Bearer` token. */
internal fun ApplicationCall.oqtopusCredential(): String? =
    request.headers["q-api-token"]?.trim()?.takeIf { it.isNotEmpty() }
        ?: request.headers[HttpHeaders.Authorization]?.trim()?.let { header ->
            if (header.startsWith("Bearer ", ignoreCase = true)) header.substring(7).trim() else null
        }?.takeIf { it.isNotEmpty() }

/**
 * The storage base URL as the caller reached this server (its `Host`), e.g. `http://127.0.0.1:8090/oqtopus-storage`,
 * unless [OqtopusEmulatorState.storageUrl] sets another.
 */
internal fun ApplicationCall.storageBase(state: OqtopusEmulatorState): String {
    state.storageUrl?.let { return it.trimEnd('/') }
    val host = request.headers[HttpHeaders.Host] ?: "${request.origin.serverHost}:${request.origin.serverPort}"
    return "${request.origin.scheme}://$host/${OqtopusStorageRouter.PREFIX}"
}

/**
 * The request body as a JSON object, or 400 with the spec's example message; [lenient] reads
 * anything that is no JSON object as an empty one.
 */
internal suspend fun ApplicationCall.receiveJsonObject(allowEmpty: Boolean = false, lenient: Boolean = false): JsonObject {
    val text = receiveText()
    if (text.isBlank()) {
        if (allowEmpty) return JsonObject(emptyMap())
        throw OqtopusHttpException.badRequest("Bad request malformed input data")
    }
    val element: JsonElement = try {
        Json.parseToJsonElement(text)
    } catch (e: Exception) {
        if (lenient) return JsonObject(emptyMap())
        throw OqtopusHttpException.badRequest("Bad request malformed input data")
    }
    if (lenient && element !is JsonObject) return JsonObject(emptyMap())
    return element as? JsonObject ?: throw OqtopusHttpException.badRequest("Bad request malformed input data: expected a JSON object")
}

private val TIME_FORMAT: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC)

/** RFC 3339 in UTC with microseconds, e.g. `2022-10-19T11:45:34.123456Z`. */
internal fun formatTime(instant: Instant): String = TIME_FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS))

/**
 * A date-time query parameter: RFC 3339 (`2022-10-19T11:45:34Z`, `...+09:00`), also the forms
 * oqtopus-client's `%Y-%m-%dT%H:%M:%S.%f%z` gives (`+0000`, or no offset for a naive datetime,
 * read as UTC) and a `+` decoded to a space; 400 naming [name] otherwise.
 */
internal fun parseQueryTime(name: String, raw: String): Instant {
    var text = raw.trim()
    // "2024-01-01T00:00:00 09:00" (an unencoded '+') -> "+09:00"
    text = Regex("""^(.*T[\d:.]+) (\d{2}:?\d{2})$""").replace(text) { "${it.groupValues[1]}+${it.groupValues[2]}" }
    text = Regex("""([+-]\d{2})(\d{2})$""").replace(text) { "${it.groupValues[1]}:${it.groupValues[2]}" }
    return try {
        OffsetDateTime.parse(text).toInstant()
    } catch (e: DateTimeParseException) {
        try {
            LocalDateTime.parse(text).toInstant(ZoneOffset.UTC)
        } catch (e2: DateTimeParseException) {
            throw OqtopusHttpException.badRequest("invalid $name '$raw': expected a date-time such as 2022-10-19T11:45:34Z")
        }
    }
}


/** Now, at the precision the wire carries (microseconds), so that filters compare what clients see. */
internal fun wireNow(): Instant = Instant.now().truncatedTo(ChronoUnit.MICROS)
