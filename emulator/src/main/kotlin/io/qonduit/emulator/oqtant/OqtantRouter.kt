package io.qonduit.emulator.oqtant

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.receiveText
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.put
import io.ktor.server.routing.route
import io.qonduit.emulator.ProviderRouter
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeParseException
import io.qonduit.emulator.respondJson

/**
 * The Oqtant REST API (oqtant.md §1.2) under `/oqtant`, which stands for `https://oqtant.infleqtion.com/api`:
 * submit, get one run, search, cancel, delete, raw images and job limits, all under
 * `/oqtant/users/{user id}`. Every call needs `Authorization: Bearer <token>` with a token of
 * [OqtantEmulatorState]; the path's user id must be the token's `sub` without `auth0|` (else 403).
 */
internal class OqtantRouter(private val state: OqtantEmulatorState) : ProviderRouter {
    override val prefix: String = "oqtant"

    override fun install(route: Route) {
        route.route("/users/{user}") {
            post("/jobs") { submit(call) }
            get("/jobs") { search(call) }
            get("/jobs/{id}") {
                val job = ownedJob(call)
                val run = call.request.queryParameters["run"]?.let {
                    it.toIntOrNull() ?: throw OqtantHttpException.unprocessable(listOf(listOf<Any>("query", "run") to "Input should be a valid integer"))
                } ?: 1
                val json = state.locked {
                    val index = job.inputs.indices.firstOrNull { job.runNumber(it) == run }
                        ?: throw OqtantHttpException.notFound("Run $run not found for job ${job.externalId}")
                    job.toJobResponse(index)
                }
                call.respondJson(json)
            }
            put("/jobs/{id}/cancel") {
                val job = ownedJob(call)
                state.locked {
                    if (!job.isActive) throw OqtantHttpException.badRequest("Job ${job.externalId} cannot be cancelled: it is ${job.status}")
                    job.status = "CANCELLED"
                    job.timeComplete = Instant.now()
                }
                state.runner.stop(job.externalId)
                call.respondJson(buildJsonObject { put("external_id", job.externalId); put("status", "CANCELLED") })
            }
            delete("/jobs/{id}") {
                val job = ownedJob(call)
                state.locked {
                    job.status = "CANCELLED" // stops the runner's next transition
                    state.jobs.remove(job.externalId)
                }
                state.runner.stop(job.externalId)
                call.respond(HttpStatusCode.NoContent)
            }
            get("/jobs/{id}/raw_images") {
                val job = ownedJob(call)
                val items = state.locked {
                    job.inputs.indices.filter { it in job.rawImages }.map { i ->
                        JsonObject(Json.parseToJsonElement(job.rawImages.getValue(i)).jsonObject + mapOf("job_external_id" to JsonPrimitive(job.externalId), "run" to JsonPrimitive(job.runNumber(i))))
                    }
                }
                call.respondJson(JsonArray(items))
            }
            get("/job_limits") {
                val user = authorize(call)
                val limits = state.limitsOf(user)
                val json = state.locked {
                    buildJsonObject {
                        put("daily_limit", limits.dailyLimit)
                        put("daily_remaining", limits.dailyRemaining)
                        put("standard_credits", limits.standardCredits)
                        put("priority_credits", limits.priorityCredits)
                    }
                }
                call.respondJson(json)
            }
        }
        route.route("{...}") {
            handle { throw OqtantHttpException.notFound("Not Found") }
        }
    }

    private suspend fun submit(call: ApplicationCall) {
        val user = authorize(call)
        val raw = try {
            Json.parseToJsonElement(call.receiveText().ifBlank { "{}" })
        } catch (e: SerializationException) {
            throw OqtantHttpException.invalid(listOf(Problem(listOf("body"), "JSON decode error", "json_invalid")))
        }
        if (raw !is JsonObject) throw OqtantHttpException.invalid(listOf(Problem(listOf("body"), "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")))
        val envelope = OqtantEnvelopeCheck.problems(raw)
        if (envelope.isNotEmpty()) throw OqtantHttpException.invalid(envelope.map { Problem(listOf<Any>("body") + it.loc, it.msg, it.type) })
        val body = try {
            oqtantJson.decodeFromJsonElement(SubmissionDto.serializer(), raw)
        } catch (e: SerializationException) {
            throw OqtantHttpException.unprocessable(listOf(listOf<Any>("body") to (e.message?.lineSequence()?.first() ?: "invalid JSON")))
        } catch (e: IllegalArgumentException) {
            throw OqtantHttpException.unprocessable(listOf(listOf<Any>("body") to (e.message?.lineSequence()?.first() ?: "invalid JSON")))
        }
        val checked = OqtantSubmissionCheck.check(body)
        val limits = state.limitsOf(user)
        val forced = state.takeForcedOutcome()
        val (job, queuePosition) = state.locked {
            if (limits.dailyRemaining < checked.inputs.size) {
                throw OqtantHttpException.tooManyJobs("Daily job limit reached: ${limits.dailyRemaining} of ${limits.dailyLimit} runs left today")
            }
            limits.dailyRemaining -= checked.inputs.size
            val inputs = checked.inputs.map { JsonObject(it + ("job_id" to JsonPrimitive(state.nextNumericId()))) }
            val record = OqtantJobRecord(
                state.newExternalId(), user, checked.name, checked.jobType, inputs, checked.values, Instant.now(),
                state.nextSequence(), forced,
            )
            val ahead = state.jobs.values.count { it.isActive }
            state.jobs[record.externalId] = record
            record to ahead + 1
        }
        state.runner.start(job)
        call.respondJson(
            buildJsonObject {
                put("job_id", job.externalId)
                put("queue_position", queuePosition)
                put("est_time", queuePosition * ESTIMATED_SECONDS_PER_JOB)
            },
        )
    }

    private suspend fun search(call: ApplicationCall) {
        val user = authorize(call)
        val q = call.request.queryParameters
        val problems = mutableListOf<Pair<List<Any>, String>>()
        val limit = q["limit"]?.let { it.toIntOrNull() ?: -1 } ?: OqtantEmulatorState.MAX_SEARCH_LIMIT
        if (limit !in 1..OqtantEmulatorState.MAX_SEARCH_LIMIT) problems += listOf<Any>("query", "limit") to "Input should be between 1 and ${OqtantEmulatorState.MAX_SEARCH_LIMIT}"
        val jobType = q["job_type"]
        if (jobType != null && jobType !in JOB_TYPES) problems += listOf<Any>("query", "job_type") to "Input should be one of $JOB_TYPES"
        val start = q["submit_start"]?.let { parseTime(it) ?: run { problems += listOf<Any>("query", "submit_start") to "Input should be a valid datetime"; null } }
        val end = q["submit_end"]?.let { parseTime(it) ?: run { problems += listOf<Any>("query", "submit_end") to "Input should be a valid datetime"; null } }
        if (problems.isNotEmpty()) throw OqtantHttpException.unprocessable(problems)
        val name = q["name"]
        val notes = q["notes"]
        val items = state.locked {
            state.jobs.values.asSequence()
                .filter { it.userId == user }
                .filter { jobType == null || it.jobType == jobType }
                .filter { name == null || it.name.contains(name, ignoreCase = true) }
                .filter { notes == null || it.notes().any { n -> n.contains(notes, ignoreCase = true) } }
                .filter { start == null || !it.timeSubmit.isBefore(start) }
                .filter { end == null || !it.timeSubmit.isAfter(end) }
                .sortedByDescending { it.sequence }
                .take(limit)
                .map { it.toSearchItem() }
                .toList()
        }
        call.respondJson(buildJsonObject {
            put("items", JsonArray(items))
            put("limit", limit)
            put("total", items.size)
        })
    }

    /** The caller's user id; 401 without a valid token, 403 when the path names another user. */
    private fun authorize(call: ApplicationCall): String {
        val header = call.request.headers[HttpHeaders.Authorization] ?: throw OqtantHttpException.notAuthenticated()
        if (!header.startsWith(BEARER, ignoreCase = true)) throw OqtantHttpException.notAuthenticated()
        val sub = OqtantTokens.verify(header.substring(BEARER.length).trim(), Instant.now()) ?: throw OqtantHttpException.invalidCredentials()
        val user = OqtantTokens.userId(sub)
        if (call.parameters["user"] != user) throw OqtantHttpException.forbidden()
        return user
    }

    private fun ownedJob(call: ApplicationCall): OqtantJobRecord {
        val user = authorize(call)
        val id = call.parameters["id"].orEmpty()
        return state.locked { state.jobs[id]?.takeIf { it.userId == user } } ?: throw OqtantHttpException.notFound("Job $id not found")
    }

    /** ISO-8601 with an offset, or naive (read as UTC, since the emulator's clock is UTC). */
    private fun parseTime(text: String): Instant? = try {
        OffsetDateTime.parse(text).toInstant()
    } catch (e: DateTimeParseException) {
        try {
            LocalDateTime.parse(text).toInstant(ZoneOffset.UTC)
        } catch (e: DateTimeParseException) {
            null
        }
    }

    private companion object {
        const val BEARER = "Bearer "
        const val ESTIMATED_SECONDS_PER_JOB = 20
        val JOB_TYPES = setOf("BEC", "BARRIER", "BRAGG", "ATOMTRONIC_1D", "PAINT_1D")
    }
}
