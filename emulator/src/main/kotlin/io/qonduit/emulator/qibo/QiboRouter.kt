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
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import io.qonduit.emulator.respondJson

/**
 * The Qibo cloud API (qibo.md §2) under `/qibo`, which stands for the URL given to qibo-client's
 * `Client(token, url)`. Paths end with `/`, as the service's (the same path without it is 404 here). Every route but
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
