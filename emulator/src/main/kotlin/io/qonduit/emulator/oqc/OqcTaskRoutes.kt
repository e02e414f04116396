package io.qonduit.emulator.oqc

import io.ktor.server.application.ApplicationCall
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.put
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException

/** Task routes under a QPU's own URL (oqc.md §3 #16–26, §3.1). */
internal fun Route.taskRoutes(state: OqcEmulatorState) {
    post("/tasks") {
        val owner = state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val body = call.receiveOqcObject()
        requireSameQpu(body.string("qpu_id"), qpu)
        val count = (body["task_count"] as? JsonPrimitive)?.intOrNull
            ?: throw OqcHttpException.badRequest("task_count must be an integer.")
        if (count !in 1..MAX_TASKS_PER_CALL) throw OqcHttpException.badRequest("task_count must be between 1 and $MAX_TASKS_PER_CALL, was $count.")
        val tag = body.string("tag")
        val ids = state.locked { List(count) { state.newTask(qpu.id, owner, tag).id } }
        call.respondOqc(state, JsonArray(ids.map { JsonPrimitive(it) }))
    }

    post("/tasks/submit") {
        val owner = state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val tasks = call.receiveOqcObject()["tasks"] as? JsonArray
            ?: throw OqcHttpException.badRequest("tasks must be a list of tasks.")
        if (tasks.isEmpty() || tasks.size > MAX_TASKS_PER_CALL) {
            throw OqcHttpException.badRequest("tasks must hold 1 to $MAX_TASKS_PER_CALL tasks, held ${tasks.size}.")
        }
        val parsed = tasks.mapIndexed { i, element -> parseTask(i, element, qpu) }
        val (replied, started) = state.locked {
            if (!qpu.active) throw OqcHttpException.badRequest("QPU ${qpu.id} is not active.")
            // Check every pre-allocated id before changing anything, so a bad batch changes nothing.
            val records = parsed.mapIndexed { i, task ->
                val id = task.taskId
                if (id == null) {
                    null
                } else {
                    val record = state.currentTask(id)
                    if (record == null || record.owner != owner || record.qpuId != qpu.id) {
                        throw OqcHttpException.badRequest("tasks[$i].task_id $id was not allocated on ${qpu.id}.")
                    }
                    if (record.status == OqcTaskStates.EXPIRED) throw OqcHttpException.badRequest("tasks[$i].task_id $id has expired.")
                    if (record.status != OqcTaskStates.CREATED && !record.isSameSubmission(task)) {
                        throw OqcHttpException.badRequest("tasks[$i].task_id $id was already submitted.")
                    }
                    record
                }
            }
            // A repeated submission of an id (same program and config) is a retry after a lost reply
            // (inferred): it is answered with the id again and changes nothing.
            val fresh = mutableListOf<OqcTaskRecord>()
            val all = parsed.zip(records).map { (task, allocated) ->
                if (allocated != null && allocated.status != OqcTaskStates.CREATED) return@map allocated
                val record = allocated ?: state.newTask(qpu.id, owner, task.tag)
                val now = Instant.now()
                record.program = task.program
                record.config = task.config
                record.externalConfig = task.externalConfig
                // The client sends each task's tag as "" by default: that must not erase the batch tag of POST /tasks.
                if (!task.tag.isNullOrEmpty()) record.tag = task.tag
                record.status = OqcTaskStates.SUBMITTED
                record.timings["SERVER_RECEIVED"] = now
                record.timings["SERVER_ENQUEUED"] = now
                fresh += record
                record
            }
            all to fresh
        }
        started.forEach { state.runner.start(it) }
        call.respondOqc(state, JsonArray(replied.map { buildJsonObject { put("task_id", it.id) } }))
    }

    get("/tasks") {
        val owner = state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val from = call.dateQuery("start_date")
        val to = call.dateQuery("end_date")
        val list = state.locked {
            state.currentTasks().filter { it.owner == owner && it.qpuId == qpu.id }.filter {
                val day = it.createdAt.atZone(ZoneOffset.UTC).toLocalDate()
                (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to))
            }.map { it.summary() }
        }
        call.respondOqc(state, JsonArray(list))
    }

    post("/tasks/cancel_many") {
        val owner = state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val ids = (call.receiveOqcObject()["tasks"] as? JsonArray)?.map { (it as? JsonPrimitive)?.content.orEmpty() }
            ?: throw OqcHttpException.badRequest("tasks must be a list of task ids.")
        val cancelled = mutableListOf<String>()
        val notCancelled = mutableListOf<String>()
        state.locked {
            for (id in ids) {
                val task = state.currentTask(id)?.takeIf { it.owner == owner && it.qpuId == qpu.id }
                if (task == null || task.isTerminal) {
                    notCancelled += id
                } else {
                    task.status = OqcTaskStates.CANCELLED
                    cancelled += id
                }
            }
        }
        cancelled.forEach { state.runner.stop(it) }
        call.respondOqc(
            state,
            buildJsonObject {
                put("cancelled", JsonArray(cancelled.map { JsonPrimitive(it) }))
                put("not_cancelled", JsonArray(notCancelled.map { JsonPrimitive(it) }))
            },
        )
    }

    get("/tasks/{id}/status") { call.withTask(state) { buildJsonObject { put("status", it.status) } } }
    get("/tasks/{id}/results") {
        call.withTask(state) { task -> task.results?.let { buildJsonObject { put("results", it) } } ?: JsonObject(emptyMap()) }
    }
    get("/tasks/{id}/error") { call.withTask(state) { task -> buildJsonObject { put("task_error", task.errorJson()) } } }
    get("/tasks/{id}/all_info") {
        call.withTask(state) { task ->
            buildJsonObject {
                put("id", task.id)
                put("qpu_id", task.qpuId)
                put("status", task.status)
                task.results?.let { put("results", it) }
                if (task.status == OqcTaskStates.FAILED) put("task_error", task.errorJson())
                // The clients read the diagnostics from this same reply: the async SDK's refresh takes
                // timings, metadata and execution_metadata from all_info (fetch_diagnostics), and
                // oqc-qcaas-client reads execution_metadata / metadata from "task_info" the same way.
                put("execution_metadata", task.executionMetadata)
                put("metadata", task.metadataJson())
                put("timings", task.timingsJson())
            }
        }
    }
    get("/tasks/{id}/execution_metadata") {
        call.withTask(state) { task -> buildJsonObject { put("execution_metadata", task.executionMetadata) } }
    }
    get("/tasks/{id}/metadata") {
        call.withTask(state) { task ->
            buildJsonObject { put("metadata", task.metadataJson()) }
        }
    }
    get("/tasks/{id}/timings") {
        call.withTask(state) { task ->
            buildJsonObject { put("timings", task.timingsJson()) }
        }
    }
}

/** One task of a submit body, checked. */
private class SubmittedTask(val program: String, val config: String, val tag: String?, val taskId: String?, val externalConfig: JsonObject?)

private fun parseTask(index: Int, element: JsonElement, qpu: OqcQpuRecord): SubmittedTask {
    val task = element as? JsonObject ?: throw OqcHttpException.badRequest("tasks[$index] must be an object.")
    val program = task.string("program")?.takeIf { it.isNotBlank() }
        ?: throw OqcHttpException.badRequest("tasks[$index].program must be a non-blank string.")
    val config = task.string("config") ?: throw OqcHttpException.badRequest("tasks[$index].config must be the CompilerConfig serialised to a string.")
    OqcRunSettings.read(config) // 400 for configs the server could not read
    requireSameQpu(task.string("qpu_id"), qpu, "tasks[$index].qpu_id")
    val rawId = task["task_id"]
    val taskId = when {
        rawId == null || rawId == JsonNull -> null
        rawId is JsonPrimitive && !rawId.isString && rawId.intOrNull == -1 -> null
        rawId is JsonPrimitive && rawId.isString -> rawId.content
        else -> throw OqcHttpException.badRequest("tasks[$index].task_id must be a task id string or -1.")
    }
    val external = task["external_config"]?.takeIf { it != JsonNull }?.let {
        it as? JsonObject ?: throw OqcHttpException.badRequest("tasks[$index].external_config must be an object.")
    }
    return SubmittedTask(program, config, task.string("tag"), taskId, external)
}

/** Whether [task] repeats what was already submitted under this record's id. */
private fun OqcTaskRecord.isSameSubmission(task: SubmittedTask): Boolean =
    program == task.program && config == task.config && externalConfig == task.externalConfig

private fun requireSameQpu(qpuId: String?, qpu: OqcQpuRecord, field: String = "qpu_id") {
    if (qpuId != qpu.id) throw OqcHttpException.badRequest("$field must be ${qpu.id} at this QPU's URL, was $qpuId.")
}

/** The QPU whose URL this request came to, or 404. */
internal fun ApplicationCall.servedQpu(state: OqcEmulatorState): OqcQpuRecord {
    val short = parameters["qpu"].orEmpty()
    return state.locked { state.qpuByShortId(short) } ?: throw OqcHttpException.notFound("No QPU at /qpu/$short.")
}

private suspend fun ApplicationCall.withTask(state: OqcEmulatorState, reply: (OqcTaskRecord) -> JsonObject) {
    val owner = state.requireAccount(this)
    val qpu = servedQpu(state)
    val id = parameters["id"].orEmpty()
    val json = state.locked {
        val task = state.currentTask(id)?.takeIf { it.owner == owner && it.qpuId == qpu.id }
            ?: throw OqcHttpException.notFound("Task $id not found on ${qpu.id}.")
        reply(task)
    }
    respondOqc(state, json)
}

private fun ApplicationCall.dateQuery(name: String): LocalDate? {
    val text = request.queryParameters[name]?.takeIf { it.isNotBlank() } ?: return null
    return try {
        LocalDate.parse(text.take(DATE_LENGTH))
    } catch (e: DateTimeParseException) {
        throw OqcHttpException.badRequest("$name must be a date YYYY-MM-DD, was '$text'.")
    }
}

/** The compile metadata as submitted (oqc.md §6): the config string, creation time, id, QPU and tag. */
private fun OqcTaskRecord.metadataJson(): JsonObject = buildJsonObject {
    put("allow_support_access", false)
    put("config", config)
    put("created_at", RFC_1123.format(createdAt.atZone(ZoneOffset.UTC)))
    put("id", id)
    put("qpu_id", qpuId)
    put("tag", tag)
}

/** Every timing stage, `null` until the task reaches it. */
private fun OqcTaskRecord.timingsJson(): JsonObject = buildJsonObject {
    TIMING_STAGES.forEach { stage -> put(stage, timings[stage]?.let { pythonTime(it) }) }
}

private fun OqcTaskRecord.errorJson(): JsonElement =
    if (errorCode == null && errorMessage == null) {
        JsonNull
    } else {
        buildJsonObject {
            put("error_message", errorMessage)
            put("error_code", errorCode)
        }
    }

private fun OqcTaskRecord.summary(): JsonObject = buildJsonObject {
    put("id", id)
    put("qpu_id", qpuId)
    put("tag", tag)
    put("status", status)
    put("created_at", RFC_1123.format(createdAt.atZone(ZoneOffset.UTC)))
}

/** Python's `str(datetime)` for an aware UTC time: `2023-10-17 11:24:32.937188+00:00`. */
internal fun pythonTime(instant: Instant): String = PYTHON_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC))

private val PYTHON_TIME: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00:00'")
private val RFC_1123: DateTimeFormatter = DateTimeFormatter.RFC_1123_DATE_TIME
private val TIMING_STAGES = listOf(
    "RECEIVER_DEQUEUED", "RECEIVER_ENQUEUED", "RECEIVER_FROM_SCC", "RECEIVER_TO_SCC",
    "SERVER_DEQUEUED", "SERVER_ENQUEUED", "SERVER_RECEIVED",
)
private const val MAX_TASKS_PER_CALL = 1000
private const val DATE_LENGTH = 10
