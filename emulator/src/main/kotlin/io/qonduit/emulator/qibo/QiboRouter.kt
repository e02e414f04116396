package io.qonduit.emulator.qibo

import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.request.receiveText
import io.ktor.server.response.header
import io.ktor.server.response.respondBytes
import io.ktor.server.routing.Route
import io.ktor.server.routing.RoutingCall
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.qonduit.emulator.ProviderRouter
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * The Qibo cloud API (qibo.md §2) under `/qibo`, which stands for the URL given to qibo-client's
 * `Client(token, url)`. Paths end with `/`, as the service's. Every route but
 * `GET /api/qibo_version/` needs the `x-api-token` header of a user of [QiboEmulatorState];
 * without one the answer is 404 `{"detail": "User not found, specify the correct token"}`, as
 * observed. The version route answers without a token **(inferred: it describes the server, and
 * the client calls it before anything else)**.
 */
internal class QiboRouter(private val state: QiboEmulatorState) : ProviderRouter {
    override val prefix: String = PREFIX

    override fun install(route: Route) {
        route.get("/api/qibo_version/") {
            call.respondJson(buildJsonObject {
                put("server_qibo_version", state.serverQiboVersion)
                put("minimum_client_qibo_version", state.minimumClientQiboVersion)
            })
        }
        route.post("/api/jobs/") { call.respondJson(QiboSubmission(state).submit(state.requireUser(call), call.receiveText())) }
        route.get("/api/jobs/") {
            val user = state.requireUser(call)
            call.respondJson(JsonArray(state.locked { state.jobs.values.filter { it.user === user }.map { it.toListJson() } }))
        }
        route.delete("/api/jobs/bulk_delete/") {
            val user = state.requireUser(call)
            val deleted = state.locked { state.jobs.values.filter { it.user === user }.map { it.pid } }.filter { deleteJob(user, it) }
            call.respondJson(buildJsonObject { put("deleted", JsonArray(deleted.map(::JsonPrimitive))) })
        }
        route.get("/api/jobs/{pid}/") {
            val user = state.requireUser(call)
            val pid = call.pid()
            val json = state.locked {
                val job = state.jobs[pid]?.takeIf { it.user === user } ?: throw QiboHttpException.invalidPid(pid)
                val (position, etd) = state.runner.queueInfo(job)
                if (position != job.lastPosition) {
                    job.lastPosition = position
                    job.queueLastUpdate = wireNow()
                }
                job.toJson(position, etd)
            }
            call.respondJson(json)
        }
        route.get("/api/jobs/{pid}/download/") {
            val user = state.requireUser(call)
            val pid = call.pid()
            val archive = state.locked {
                val job = state.jobs[pid]?.takeIf { it.user === user } ?: throw QiboHttpException.invalidPid(pid)
                // Inferred: the client only downloads once a job has ended; before that there is nothing to send.
                job.archive ?: throw QiboHttpException(HttpStatusCode.NotFound, "Job $pid has no results yet: its status is ${job.status}")
            }
            call.response.header(HttpHeaders.ContentDisposition, "attachment; filename=\"$pid.tar.gz\"")
            call.respondBytes(archive, ContentType.parse("application/gzip"))
        }
        route.delete("/api/jobs/{pid}/") {
            val user = state.requireUser(call)
            val pid = call.pid()
            if (!deleteJob(user, pid)) throw QiboHttpException.invalidPid(pid)
            call.respondJson(buildJsonObject { put("detail", "Job $pid deleted") })
        }
        route.get("/api/disk_quota/") {
            val user = state.requireUser(call)
            val json = state.locked {
                buildJsonObject {
                    put("user", buildJsonObject { put("email", user.email) })
                    put("kbs_left", user.kbsLeft)
                    put("kbs_max", user.kbsMax)
                }
            }
            call.respondJson(JsonArray(listOf(json)))
        }
        route.get("/api/projectquotas/") {
            val user = state.requireUser(call)
            call.respondJson(JsonArray(state.locked { user.quotas.map { it.toJson() } }))
        }
    }

    /**
     * Removes [pid] of [user], stopping it wherever it is, and gives its archive's disk space back
     * **(inferred: the service frees the result files with the job)**. False when there is no such job.
     */
    private fun deleteJob(user: QiboUser, pid: String): Boolean {
        val removed = state.locked {
            val job = state.jobs[pid]?.takeIf { it.user === user } ?: return false
            state.jobs.remove(pid)
            user.kbsLeft += job.archiveKbs
            job
        }
        state.runner.stop(removed.pid)
        return true
    }

    private fun RoutingCall.pid(): String = parameters["pid"].orEmpty()

    companion object {
        const val PREFIX = "qibo"
    }
}

/** Checks and records one `POST /api/jobs/` body (qibo-client's `_post_circuit`), charging the quota. */
private class QiboSubmission(private val state: QiboEmulatorState) {
    fun submit(user: QiboUser, text: String): JsonObject {
        val body = try {
            Json.parseToJsonElement(text) as? JsonObject
        } catch (e: Exception) {
            null
        } ?: throw QiboHttpException.badRequest("the body must be a JSON object with circuit, nshots, device, project and verbatim")
        val circuit = circuit(body)
        val nshots = nshots(body)
        val device = string(body, "device") ?: throw QiboHttpException.badRequest("device: a partition name is required")
        val project = string(body, "project") ?: QiboEmulatorState.PROJECT
        val verbatim = (body["verbatim"] as? JsonPrimitive)?.takeIf { !it.isString }?.content?.toBooleanStrictOrNull() ?: false
        val numQubits = (circuit["nqubits"] as? JsonPrimitive)?.takeIf { !it.isString }?.content?.toIntOrNull()
            ?: throw QiboHttpException.badRequest("circuit.nqubits: an integer is required")
        val job = state.locked {
            val quota = user.quotas.firstOrNull { it.project == project && it.partition.name == device }
                ?: throw QiboHttpException(HttpStatusCode.NotFound, "No project quota for project '$project' on device '$device'")
            checkLimits(user, quota, numQubits, nshots)
            quota.jobsLeft -= 1
            quota.shotsLeft -= nshots ?: 0
            QiboJobRecord(state.newPid(), state.nextSequence(), user, quota, circuit, numQubits, nshots, verbatim, wireNow())
                .also { state.jobs[it.pid] = it }
        }
        state.runner.start(job)
        return buildJsonObject { put("pid", job.pid) }
    }

    private fun checkLimits(user: QiboUser, quota: QiboProjectQuota, numQubits: Int, nshots: Int?) {
        val where = "project '${quota.project}' on ${quota.partition.name}"
        if (numQubits > quota.partition.maxNumQubits) {
            throw QiboHttpException.badRequest("circuit.nqubits $numQubits exceeds max_num_qubits ${quota.partition.maxNumQubits} of ${quota.partition.name}")
        }
        if (nshots != null && nshots > quota.maxNumShots) {
            throw QiboHttpException.badRequest("nshots $nshots exceeds max_num_shots ${quota.maxNumShots} of $where")
        }
        if (quota.jobsLeft <= 0) throw QiboHttpException.quotaExceeded("Job quota exhausted for $where: jobs_left is ${quota.jobsLeft}")
        if (nshots != null && nshots > quota.shotsLeft) {
            throw QiboHttpException.quotaExceeded("Shot quota exhausted for $where: nshots $nshots exceeds shots_left ${quota.shotsLeft}")
        }
        if (quota.secondsLeft <= 0) throw QiboHttpException.quotaExceeded("Time quota exhausted for $where: seconds_left is ${quota.secondsLeft}")
        if (user.kbsLeft <= 0) throw QiboHttpException.quotaExceeded("Disk quota exhausted: kbs_left is ${user.kbsLeft}")
    }

    /** `circuit`: the `Circuit.raw` object (a JSON string holding one is read too, as the schema allows a string). */
    private fun circuit(body: JsonObject): JsonObject {
        val element = body["circuit"] ?: throw QiboHttpException.badRequest("circuit: a qibo circuit (Circuit.raw) is required")
        if (element is JsonObject) return element
        val text = (element as? JsonPrimitive)?.takeIf { it.isString }?.content
        val parsed = text?.let { runCatching { Json.parseToJsonElement(it) }.getOrNull() } as? JsonObject
        return parsed ?: throw QiboHttpException.badRequest("circuit: expected a qibo circuit object (Circuit.raw)")
    }

    /** `nshots`: null (the client's default) or a positive integer. */
    private fun nshots(body: JsonObject): Int? {
        val element = body["nshots"] ?: return null
        if (element is kotlinx.serialization.json.JsonNull) return null
        val value = (element as? JsonPrimitive)?.takeIf { !it.isString }?.content?.toIntOrNull()
            ?: throw QiboHttpException.badRequest("nshots: expected an integer or null, got $element")
        if (value < 1) throw QiboHttpException.badRequest("nshots must be at least 1, got $value")
        return value
    }

    private fun string(body: JsonObject, key: String): String? =
        (body[key] as? JsonPrimitive)?.takeIf { it.isString }?.content?.takeIf { it.isNotBlank() }
}
