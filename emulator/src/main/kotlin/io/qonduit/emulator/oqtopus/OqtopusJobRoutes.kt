package io.qonduit.emulator.oqtopus

import io.ktor.http.HttpHeaders
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.path
import io.ktor.server.response.header
import io.ktor.server.routing.Route
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.put
import java.net.URLEncoder
import java.nio.charset.StandardCharsets
import java.time.Instant
import java.util.Base64
import java.util.UUID
import java.util.zip.ZipException
import io.qonduit.emulator.respondJson

/** Every property of `jobs.Job`, in the spec's order (what `fields` may name). */
internal val JOB_FIELDS = listOf(
    "job_id", "name", "description", "job_type", "status", "device_id", "shots", "job_info",
    "transpiler_info", "simulator_info", "mitigation_info", "execution_time",
    "submitted_at", "ready_at", "running_at", "ended_at",
)

/**
 * `/jobs` and `/jobs/{job_id}[/submit|/status|/cancel|/sselog]`: the current flow (register, upload,
 * submit; `job_info` of download links) and the previous one (`POST /jobs` with an inline
 * `job_info`, queued at once; `job_info` inline; `/sselog`), told apart by the `POST /jobs` body.
 */
internal fun Route.jobRoutes(state: OqtopusEmulatorState) {
    post("/jobs") {
        val user = state.requireUser(call)
        // A body with job_info is the previous API: the whole job in one request, queued at once.
        val body = call.receiveJsonObject(allowEmpty = true, lenient = true)
        if (body.containsKey("job_info")) {
            val job = submitInline(state, user, body)
            state.runner.start(job)
            call.respondJson(buildJsonObject { put("job_id", job.id) })
            return@post
        }
        val base = call.storageBase(state)
        val job = state.locked {
            val record = OqtopusJobRecord(UUID.randomUUID().toString(), user.id, Instant.now(), state.nextSequence())
            state.jobs[record.id] = record
            record
        }
        val objectKey = "${job.id}/input.zip"
        val fields = state.storage.uploadFields(objectKey, Instant.now().plus(state.uploadUrlTtl), OqtopusEmulatorState.MAX_UPLOAD_BYTES)
        call.respondJson(buildJsonObject {
            put("job_id", job.id)
            put("presigned_url", buildJsonObject {
                put("url", "$base/")
                put("fields", buildJsonObject { fields.forEach { (k, v) -> put(k, v) } })
            })
        })
    }

    get("/jobs") { listJobs(state, call) }

    post("/jobs/{job_id}/submit") {
        val user = state.requireUser(call)
        val id = call.parameters["job_id"].orEmpty()
        val body = call.receiveJsonObject()
        val request = parseSubmit(body)
        state.locked {
            val job = ownedJob(state, id, user)
            if (job.status != JobStatus.REGISTERED) {
                throw OqtopusHttpException.badRequest("job $id has already been submitted (status ${job.status})")
            }
            if (request.deviceId !in state.devices) throw OqtopusHttpException.badRequest("device ${request.deviceId} not found")
        }
        val input = readInput(state, id, request)
        val job = state.locked {
            val job = ownedJob(state, id, user)
            if (job.status != JobStatus.REGISTERED) {
                throw OqtopusHttpException.badRequest("job $id has already been submitted (status ${job.status})")
            }
            job.queue(request, input)
            job
        }
        state.runner.start(job)
        call.respondJson(buildJsonObject { put("message", "job submitted") })
    }

    get("/jobs/{job_id}") {
        val user = state.requireUser(call)
        val id = call.parameters["job_id"].orEmpty()
        val base = call.storageBase(state)
        val json = state.locked { ownedJob(state, id, user).toJson(state, base, null) }
        call.respondJson(json)
    }

    delete("/jobs/{job_id}") {
        val user = state.requireUser(call)
        val id = call.parameters["job_id"].orEmpty()
        state.locked {
            val job = ownedJob(state, id, user)
            if (job.status !in JobStatus.TERMINAL) {
                throw OqtopusHttpException.badRequest(
                    "job $id cannot be deleted in status ${job.status}: only succeeded, failed and cancelled jobs can; cancel it first",
                )
            }
            state.jobs.remove(id)
        }
        state.runner.stop(id)
        state.storage.removePrefix("$id/")
        call.respondJson(buildJsonObject { put("message", "Quantum job deleted") })
    }

    get("/jobs/{job_id}/status") {
        val user = state.requireUser(call)
        val id = call.parameters["job_id"].orEmpty()
        val status = state.locked { ownedJob(state, id, user).status }
        call.respondJson(buildJsonObject {
            put("job_id", id)
            put("status", status)
        })
    }

    post("/jobs/{job_id}/cancel") {
        val user = state.requireUser(call)
        val id = call.parameters["job_id"].orEmpty()
        val running = state.locked {
            val job = ownedJob(state, id, user)
            when (job.status) {
                // The cloud's documentation also lets a registered job be cancelled.
                JobStatus.REGISTERED, JobStatus.SUBMITTED, JobStatus.READY -> {
                    job.status = JobStatus.CANCELLED
                    job.endedAt = wireNow()
                    null
                }
                // The previous API knew no `cancelling`: a running job of that flow is cancelled at once.
                JobStatus.RUNNING -> if (job.inline) {
                    job.status = JobStatus.CANCELLED
                    job.endedAt = wireNow()
                    null
                } else {
                    job.status = JobStatus.CANCELLING
                    job
                }
                else -> throw OqtopusHttpException.badRequest(
                    "job $id cannot be cancelled in status ${job.status}: only submitted, ready and running jobs can",
                )
            }
        }
        if (running != null) state.runner.finishCancel(running) else state.runner.stop(id)
        call.respondJson(buildJsonObject { put("message", "cancel request accepted") })
    }

    // The previous API's log download (`jobs.GetSselogResponse`): the log's one-file zip as base64.
    get("/jobs/{job_id}/sselog") {
        val user = state.requireUser(call)
        val id = call.parameters["job_id"].orEmpty()
        val log = state.locked {
            val job = ownedJob(state, id, user)
            if (!job.inline) {
                throw OqtopusHttpException.badRequest(
                    "job $id was submitted through the current API: its SSE log is the download link job_info.sse_log",
                )
            }
            if (job.jobType != JobType.SSE) throw OqtopusHttpException.badRequest("job $id is a ${job.jobType} job: only sse jobs have an SSE log")
            job.outcome?.sseLog ?: throw OqtopusHttpException.badRequest("job $id has no SSE log (status ${job.status})")
        }
        val zip = OqtopusStorage.zipOne(OqtopusJobRunner.SSE_LOG_ENTRY, log.toByteArray(StandardCharsets.UTF_8))
        call.respondJson(buildJsonObject {
            put("file", Base64.getEncoder().encodeToString(zip))
            put("file_name", "sselog_$id.zip")
        })
    }
}

/** Takes [request] and [input] and queues the job: `submitted` now (both flows). */
private fun OqtopusJobRecord.queue(request: SubmitRequest, input: SubmitJobInfo) {
    name = request.name
    description = request.description
    jobType = request.jobType
    deviceId = request.deviceId
    shots = request.shots
    transpilerInfo = request.transpilerInfo
    simulatorInfo = request.simulatorInfo
    mitigationInfo = request.mitigationInfo
    this.input = input
    status = JobStatus.SUBMITTED
    submittedAt = wireNow()
}

/**
 * The previous API's `POST /jobs` (`jobs.SubmitJobRequest` with the required `job_info`, a
 * `jobs.SubmitJobInfo`): checks it as the submit of the current flow checks its request and
 * `input.json`, and creates the job already queued (there is no upload and no `/submit`).
 */
private fun submitInline(state: OqtopusEmulatorState, user: OqtopusUserRecord, body: JsonObject): OqtopusJobRecord {
    val request = parseSubmit(body)
    val info = body["job_info"] as? JsonObject
        ?: throw OqtopusHttpException.badRequest("Bad request malformed input data: job_info must be an object (jobs.SubmitJobInfo)")
    val input = parseJobInfo(info, request.jobType, inline = true)
    return state.locked {
        if (request.deviceId !in state.devices) throw OqtopusHttpException.badRequest("device ${request.deviceId} not found")
        val record = OqtopusJobRecord(UUID.randomUUID().toString(), user.id, Instant.now(), state.nextSequence())
        record.inline = true
        record.queue(request, input)
        state.jobs[record.id] = record
        record
    }
}

/** The job [id] if [user] owns it; other users' jobs look missing. */
internal fun ownedJob(state: OqtopusEmulatorState, id: String, user: OqtopusUserRecord): OqtopusJobRecord {
    val job = state.jobs[id]
    if (job == null || job.userId != user.id) throw OqtopusHttpException.jobNotFound()
    return job
}

/** A checked `jobs.SubmitJobRequest`. */
internal class SubmitRequest(
    val name: String?,
    val description: String?,
    val deviceId: String,
    val jobType: String,
    val transpilerInfo: JsonObject?,
    val simulatorInfo: JsonObject?,
    val mitigationInfo: JsonObject?,
    val shots: Int,
)

private fun parseSubmit(body: JsonObject): SubmitRequest {
    fun bad(message: String): Nothing = throw OqtopusHttpException.badRequest("Bad request malformed input data: $message")
    fun string(key: String, required: Boolean): String? = when (val v = body[key]) {
        null, JsonNull -> if (required) bad("$key is required") else null
        is JsonPrimitive -> if (v.isString) v.content else bad("$key must be a string")
        else -> bad("$key must be a string")
    }
    fun obj(key: String): JsonObject? = when (val v = body[key]) {
        null, JsonNull -> null
        is JsonObject -> v
        else -> bad("$key must be an object")
    }
    val deviceId = string("device_id", true)!!
    val jobType = string("job_type", true)!!
    if (jobType !in JobType.ALL) bad("job_type must be one of ${JobType.ALL}, was '$jobType'")
    val shotsElement = body["shots"] as? JsonPrimitive ?: bad("shots is required")
    val shotsValue = shotsElement.takeIf { !it.isString }?.doubleOrNull ?: bad("shots must be an integer")
    if (shotsValue != Math.floor(shotsValue)) bad("shots must be an integer")
    if (shotsValue < 1 || shotsValue > OqtopusEmulatorState.MAX_SHOTS) bad("shots must be between 1 and ${OqtopusEmulatorState.MAX_SHOTS}, was ${shotsElement.content}")
    return SubmitRequest(
        string("name", false), string("description", false), deviceId, jobType,
        obj("transpiler_info"), obj("simulator_info"), obj("mitigation_info"), shotsValue.toInt(),
    )
}

/** Reads and checks the uploaded `<job id>/input.zip` for [request]'s job type; 400 naming what is wrong. */
private fun readInput(state: OqtopusEmulatorState, jobId: String, request: SubmitRequest): SubmitJobInfo {
    fun bad(message: String): Nothing = throw OqtopusHttpException.badRequest(message)
    val zip = state.storage.get("$jobId/input.zip")
        ?: bad("job information of job $jobId has not been uploaded: POST input.zip to the presigned URL of POST /jobs first")
    val entries = try {
        OqtopusStorage.unzip(zip, OqtopusEmulatorState.MAX_INPUT_JSON_BYTES)
    } catch (e: ZipException) {
        bad("input.zip of job $jobId is not a valid zip archive: ${e.message}")
    } catch (e: java.io.IOException) {
        bad("input.zip of job $jobId is not a valid zip archive: ${e.message}")
    }
    if (entries.size != 1) bad("input.zip of job $jobId must hold exactly one file (input.json), found ${entries.size}")
    val (entryName, bytes) = entries.entries.single()
    val json = try {
        Json.parseToJsonElement(String(bytes, StandardCharsets.UTF_8))
    } catch (e: Exception) {
        bad("$entryName in input.zip of job $jobId is not valid JSON")
    } as? JsonObject ?: bad("$entryName in input.zip of job $jobId must be a JSON object (jobs.S3SubmitJobInfo)")
    return parseJobInfo(json, request.jobType, inline = false)
}

/**
 * Checks a job's input for [jobType]: the current flow's `input.json` (`jobs.S3SubmitJobInfo`), or
 * with [inline] the previous API's `job_info` (`jobs.SubmitJobInfo`), whose `program` is required
 * for every job type (an sse job's one program is its script, base64-encoded, as the previous
 * clients sent it); messages name the field (`job_info.`-prefixed when [inline]).
 */
private fun parseJobInfo(json: JsonObject, jobType: String, inline: Boolean): SubmitJobInfo {
    fun bad(message: String): Nothing = throw OqtopusHttpException.badRequest(message)
    val at = if (inline) "job_info." else ""
    val program = when (val p = json["program"]) {
        null, JsonNull -> if (inline) bad("${at}program is required (a list of OpenQASM 3 programs)") else null
        is JsonArray -> p.mapIndexed { i, e ->
            (e as? JsonPrimitive)?.takeIf { it.isString }?.content ?: bad("${at}program[$i] must be a string")
        }
        else -> bad("${at}program must be a list of OpenQASM 3 strings")
    }
    val operator = when (val o = json["operator"]) {
        null, JsonNull -> null
        is JsonArray -> o.mapIndexed { i, e ->
            val item = e as? JsonObject ?: bad("${at}operator[$i] must be an object with pauli and coeff")
            val pauli = (item["pauli"] as? JsonPrimitive)?.takeIf { it.isString }?.content ?: bad("${at}operator[$i].pauli is required")
            val coeff = when (val c = item["coeff"]) {
                null, JsonNull -> 1.0
                is JsonPrimitive -> c.takeIf { !it.isString }?.doubleOrNull ?: bad("${at}operator[$i].coeff must be a number")
                else -> bad("${at}operator[$i].coeff must be a number")
            }
            OperatorItem(pauli, coeff)
        }
        else -> bad("${at}operator must be a list")
    }
    val sse = if (inline) {
        if (jobType == JobType.SSE) {
            if (program!!.size != 1) bad("sse jobs take exactly one program (the base64-encoded script) in job_info.program, got ${program.size}")
            try {
                String(Base64.getDecoder().decode(program.single().trim()), StandardCharsets.UTF_8)
            } catch (e: IllegalArgumentException) {
                bad("job_info.program[0] of an sse job must be the base64-encoded script: ${e.message}")
            }
        } else {
            null
        }
    } else {
        when (val s = json["sse_program"]) {
            null, JsonNull -> null
            is JsonPrimitive -> s.takeIf { it.isString }?.content ?: bad("sse_program must be a string")
            else -> bad("sse_program must be a string")
        }
    }
    when (jobType) {
        JobType.SAMPLING, JobType.ESTIMATION -> {
            if (program.isNullOrEmpty()) bad("${at}program is required for $jobType jobs")
            if (program.size != 1) {
                bad("$jobType jobs take exactly one program, got ${program.size}; use job_type multi_manual to run several side by side")
            }
            if (jobType == JobType.ESTIMATION && operator.isNullOrEmpty()) bad("${at}operator is required for estimation jobs")
        }
        JobType.MULTI_MANUAL -> if (program.isNullOrEmpty()) bad("${at}program is required for multi_manual jobs")
        JobType.SSE -> {
            if (sse == null) bad("sse_program is required for sse jobs")
            val size = sse.toByteArray(StandardCharsets.UTF_8).size
            if (size >= OqtopusEmulatorState.MAX_SSE_PROGRAM_BYTES) {
                bad("size of the ${if (inline) "sse script in job_info.program[0]" else "sse_program"} ($size bytes) is larger than ${OqtopusEmulatorState.MAX_SSE_PROGRAM_BYTES}")
            }
        }
    }
    return SubmitJobInfo(program, operator, sse, json)
}

/** `jobs.Job` of [this] (only `job_id` and `status` while registered); with [fields], exactly those (null when undefined). */
internal fun OqtopusJobRecord.toJson(state: OqtopusEmulatorState, storageBase: String, fields: List<String>?): JsonObject {
    val registered = status == JobStatus.REGISTERED
    fun value(field: String): JsonElement? = when (field) {
        "job_id" -> JsonPrimitive(id)
        "status" -> JsonPrimitive(status)
        // jobs.JobDef of the previous API requires name.
        "name" -> name?.let(::JsonPrimitive) ?: if (inline) JsonPrimitive("") else null
        "description" -> description?.let(::JsonPrimitive)
        "job_type" -> jobType?.let(::JsonPrimitive)
        "device_id" -> deviceId?.let(::JsonPrimitive)
        "shots" -> shots?.let(::JsonPrimitive)
        "job_info" -> if (registered) null else if (inline) inlineJobInfo() else jobInfo(state, storageBase)
        "transpiler_info" -> if (registered) null else transpilerInfo ?: JsonObject(emptyMap())
        "simulator_info" -> if (registered) null else simulatorInfo ?: JsonObject(emptyMap())
        "mitigation_info" -> if (registered) null else mitigationInfo ?: JsonObject(emptyMap())
        "execution_time" -> executionTime?.let(::JsonPrimitive)
        "submitted_at" -> submittedAt?.let { JsonPrimitive(formatTime(it)) }
        "ready_at" -> readyAt?.let { JsonPrimitive(formatTime(it)) }
        "running_at" -> runningAt?.let { JsonPrimitive(formatTime(it)) }
        "ended_at" -> endedAt?.let { JsonPrimitive(formatTime(it)) }
        else -> null
    }
    return buildJsonObject {
        if (fields == null) {
            for (f in JOB_FIELDS) value(f)?.let { put(f, it) }
        } else {
            for (f in fields) put(f, value(f) ?: JsonNull)
        }
    }
}

/**
 * The previous API's `jobs.JobInfo`: the `program` (and `operator`) as submitted, and once the job
 * has run, `combined_program` (multi_manual), `result`, `transpile_result` and `message` inline.
 */
private fun OqtopusJobRecord.inlineJobInfo(): JsonObject = buildJsonObject {
    val raw = input?.raw
    put("program", raw?.get("program") ?: JsonArray(emptyList()))
    outcome?.combinedProgram?.let { put("combined_program", it) }
    raw?.get("operator")?.takeIf { it !is JsonNull }?.let { put("operator", it) }
    outcome?.result?.let { put("result", it) }
    outcome?.transpileResult?.let { put("transpile_result", it) }
    message?.let { put("message", it) }
}

/** `jobs.JobInfo`: a fresh presigned download URL for each stored file, and `message` when there is one. */
private fun OqtopusJobRecord.jobInfo(state: OqtopusEmulatorState, storageBase: String): JsonObject {
    val expires = Instant.now().plus(state.downloadUrlTtl)
    fun url(objectKey: String) = "$storageBase/$objectKey?" + state.storage.downloadQuery(objectKey, expires)
    return buildJsonObject {
        put("input", url("$id/input.zip"))
        for (item in listOf("combined_program", "result", "transpile_result", "sse_log")) {
            outputs[item]?.let { put(item, url(it)) }
        }
        message?.let { put("message", it) }
    }
}

/** `GET /jobs`: `fields`, `start_time`, `end_time`, `status`, `q`, `page`, `size`, `order`; paging in `Link`. */
private suspend fun listJobs(state: OqtopusEmulatorState, call: ApplicationCall) {
    val user = state.requireUser(call)
    val query = call.request.queryParameters
    fun bad(message: String): Nothing = throw OqtopusHttpException.badRequest(message)
    val fields = query["fields"]?.let { raw ->
        if (raw.length > MAX_QUERY_LENGTH) bad("fields must be at most $MAX_QUERY_LENGTH characters")
        val names = raw.split(',').map { it.trim() }.filter { it.isNotEmpty() }
        names.firstOrNull { it !in JOB_FIELDS }?.let { bad("invalid field '$it' in fields: each must be one of $JOB_FIELDS") }
        names.distinct().takeIf { it.isNotEmpty() }
    }
    val start = query["start_time"]?.let { parseQueryTime("start_time", it) }
    val end = query["end_time"]?.let { parseQueryTime("end_time", it) }
    val status = query["status"]?.also { if (it !in JobStatus.ALL) bad("invalid status '$it': must be one of ${JobStatus.ALL}") }
    val text = query["q"]?.also { if (it.length > MAX_QUERY_LENGTH) bad("q must be at most $MAX_QUERY_LENGTH characters") }
    val page = query["page"]?.let { it.toLongOrNull()?.takeIf { p -> p in 1..MAX_PAGE } ?: bad("page must be an integer between 1 and $MAX_PAGE, was '$it'") } ?: 1L
    val size = query["size"]?.let { it.toIntOrNull()?.takeIf { s -> s in 1..MAX_SIZE } ?: bad("size must be an integer between 1 and $MAX_SIZE, was '$it'") } ?: DEFAULT_SIZE
    val order = query["order"]?.also { if (it != "ASC" && it != "DESC") bad("order must be ASC or DESC, was '$it'") } ?: "ASC"
    val base = call.storageBase(state)
    val (items, pages, current) = state.locked {
        var matching = state.jobs.values.filter { it.userId == user.id }
        if (start != null) matching = matching.filter { j -> j.submittedAt?.let { !it.isBefore(start) } == true }
        if (end != null) matching = matching.filter { j -> j.submittedAt?.let { !it.isAfter(end) } == true }
        if (status != null) matching = matching.filter { it.status == status }
        if (text != null) {
            matching = matching.filter { j ->
                j.id.contains(text, ignoreCase = true) || j.name?.contains(text, ignoreCase = true) == true ||
                    j.description?.contains(text, ignoreCase = true) == true
            }
        }
        matching = matching.sortedBy { it.sequence }
        if (order == "DESC") matching = matching.reversed()
        val pages = maxOf(1L, (matching.size.toLong() + size - 1) / size)
        // "If requested page number exceeds number of all pages last page is returned."
        val current = minOf(page, pages)
        val slice = matching.drop(((current - 1) * size).toInt()).take(size)
        Triple(slice.map { it.toJson(state, base, fields) }, pages, current)
    }
    call.response.header(HttpHeaders.Link, linkHeader(call, current, pages))
    call.respondJson(JsonArray(items))
}

/** RFC 8288 `Link` with `first`, `prev`, `next` and `last`, keeping the other query parameters. */
private fun linkHeader(call: ApplicationCall, current: Long, pages: Long): String {
    val host = call.request.headers[HttpHeaders.Host] ?: "127.0.0.1"
    val path = call.request.path()
    val others = call.request.queryParameters.entries().filter { it.key != "page" }.flatMap { (k, vs) -> vs.map { k to it } }
    fun url(page: Long): String {
        val params = others + ("page" to page.toString())
        return "<http://$host$path?" + params.joinToString("&") { (k, v) ->
            URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)
        } + ">"
    }
    val links = ArrayList<String>()
    links += "${url(1)}; rel=\"first\""
    if (current > 1) links += "${url(current - 1)}; rel=\"prev\""
    if (current < pages) links += "${url(current + 1)}; rel=\"next\""
    links += "${url(pages)}; rel=\"last\""
    return links.joinToString(", ")
}

private const val MAX_QUERY_LENGTH = 1024
private const val MAX_PAGE = 4_294_967_295L
private const val MAX_SIZE = 65_535
private const val DEFAULT_SIZE = 10
