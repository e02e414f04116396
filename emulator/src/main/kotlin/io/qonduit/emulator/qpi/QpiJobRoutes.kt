package io.qonduit.emulator.qpi

import io.ktor.http.HttpStatusCode
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import io.qonduit.emulator.respondJson

/** `POST/GET /api/jobs`, `GET /api/jobs/{id}`, `POST /api/jobs/{id}/cancel`. */
internal fun Route.jobRoutes(state: QpiEmulatorState) {
    post("/jobs") {
        val user = state.requireUser(call)
        val payload = validateSubmission(call.receivePocketBase(JobSubmitRequest.serializer()))
        val job = state.locked {
            if (user.qpuSeconds <= 0.0) {
                throw PocketBaseException.forbidden("Insufficient QPU seconds balance.")
            }
            // qpu_target is a relation to `qpus`: saving a record id that does not exist fails
            // PocketBase's relation validation, which handleJobSubmit reports as 500 "Failed to save job.".
            val target = payload.qpuTarget
            if (target != null && state.qpuById(target) == null) {
                throw PocketBaseException(
                    HttpStatusCode.InternalServerError,
                    "Failed to save job.",
                    buildJsonObject {
                        put("qpu_target", buildJsonObject {
                            put("code", "validation_missing_rel_records")
                            put("message", "Failed to find all relation records with the provided ids.")
                        })
                    },
                )
            }
            val record = JobRecord(PocketBaseIds.newId(), user.id, target ?: "", payload, Instant.now(), state.nextSequence())
            state.jobs[record.id] = record
            record
        }
        state.runner.start(job)
        call.respondJson(state.locked { job.toJson() }, HttpStatusCode.Created)
    }

    get("/jobs") {
        val user = state.requireUser(call)
        val sort = parseSort(call.request.queryParameters["sort"], "-created", JOB_SORT_FIELDS)
        val (skip, limit) = call.skipLimit().let { it.skip to it.limit }
        val page = state.locked {
            val mine = state.jobs.values.filter { it.userId == user.id }
            sortRecords(mine, sort, { it.sequence }) { job, field ->
                when (field) {
                    "created" -> job.created
                    "updated" -> job.updated
                    "status" -> job.status
                    "qpu_target" -> job.qpuTarget
                    else -> job.id
                }
            }.drop(skip).take(limit).map { it.toJson() }
        }
        call.respondJson(JsonArray(page))
    }

    get("/jobs/{id}") {
        val user = state.requireUser(call)
        val id = call.parameters["id"].orEmpty()
        val json = state.locked { ownedJob(state, id, user).toJson() }
        call.respondJson(json)
    }

    post("/jobs/{id}/cancel") {
        val user = state.requireUser(call)
        val id = call.parameters["id"].orEmpty()
        state.locked {
            val job = ownedJob(state, id, user)
            if (job.status != JobStatus.PENDING && job.status != JobStatus.RUNNING) {
                throw PocketBaseException.notFound("Job not found, maybe it was already completed or cancelled?")
            }
            job.status = JobStatus.CANCELLED
            job.updated = Instant.now()
            job.finishedAt = job.updated
        }
        state.runner.stop(id)
        call.respondJson(buildJsonObject { put("status", JobStatus.CANCELLED) })
    }
}

/** The job [id] if [user] owns it; other users' jobs look missing, as in QPI. */
private fun ownedJob(state: QpiEmulatorState, id: String, user: UserRecord): JobRecord {
    val job = state.jobs[id]
    if (job == null || job.userId != user.id) throw PocketBaseException.notFound("Job not found.")
    return job
}

/** Applies the server defaults (qpi.md §3) and rejects bad fields with 400 naming them. */
private fun validateSubmission(request: JobSubmitRequest): JobPayload {
    val circuits = request.circuits
    if (circuits.isNullOrEmpty()) {
        throw PocketBaseException.badRequest("Invalid request body.", "circuits", "Must contain at least one circuit.")
    }
    circuits.forEachIndexed { i, circuit ->
        if (circuit.circuit.isBlank()) {
            throw PocketBaseException.badRequest("Invalid request body.", "circuits.$i.circuit", "Cannot be blank.")
        }
        circuit.shots?.let { checkShots(it, "circuits.$i.shots") }
    }
    // JobSubmitRequest.SetDefaults: a missing or zero `shots` becomes 1024.
    val shots = request.shots?.takeIf { it != 0 } ?: DEFAULT_SHOTS
    checkShots(shots, "shots")
    val measLevel = request.measLevel ?: DEFAULT_MEAS_LEVEL
    if (measLevel !in 0..2) {
        throw PocketBaseException.badRequest("Invalid request body.", "meas_level", "Must be 0, 1 or 2, was $measLevel.")
    }
    val measReturn = request.measReturn ?: DEFAULT_MEAS_RETURN
    if (measReturn != "single" && measReturn != "avg") {
        throw PocketBaseException.badRequest("Invalid request body.", "meas_return", "Must be 'single' or 'avg', was '$measReturn'.")
    }
    val target = request.qpuTarget?.takeIf { it.isNotBlank() }
    return JobPayload(circuits, shots, measLevel, measReturn, target)
}

private fun checkShots(shots: Int, field: String) {
    if (shots !in 1..MAX_SHOTS) {
        throw PocketBaseException.badRequest("Invalid request body.", field, "Must be between 1 and $MAX_SHOTS, was $shots.")
    }
}

private val JOB_SORT_FIELDS = setOf("created", "updated", "status", "qpu_target", "id")
private const val DEFAULT_SHOTS = 1024
private const val DEFAULT_MEAS_LEVEL = 2
private const val DEFAULT_MEAS_RETURN = "single"
private const val MAX_SHOTS = 1_000_000
