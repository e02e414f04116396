package io.qonduit.emulator.oqc

import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonObject
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException
import java.time.format.ResolverStyle
import java.time.temporal.ChronoUnit
import kotlin.math.abs

/**
 * Execution windows, statuses, calibrations and wait times under a QPU's own URL (oqc.md §3 #10–15).
 * Always-on QPUs have no windows; the others open for one hour every [WINDOW_PERIOD_HOURS] hours.
 * One-off windows booked with `POST /windows/one-off-window` come on top: the next window is the
 * earliest one not yet over, and the history lists them with the regular ones, newest first.
 */
internal fun Route.monitoringRoutes(state: OqcEmulatorState) {
    get("/windows/next") {
        state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val now = Instant.now()
        val regular = if (qpu.alwaysOn || !qpu.active) null else nextWindowStart(now).let { it to it.plus(1, ChronoUnit.HOURS) }
        val oneOff = state.locked { state.oneOffWindows.filter { it.qpuId == qpu.id && it.end.isAfter(now) }.map { it.start to it.end } }
        val next = (listOfNotNull(regular) + oneOff).minByOrNull { it.first }
        val reply = if (next == null) {
            JsonObject(emptyMap())
        } else {
            buildJsonObject {
                putJsonObject("next_window") {
                    put("starting", ISO_Z.format(next.first.atOffset(ZoneOffset.UTC)))
                    put("ending", ISO_Z.format(next.second.atOffset(ZoneOffset.UTC)))
                }
            }
        }
        call.respondOqc(state, reply)
    }

    get("/windows/history") {
        state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val latestOnly = call.request.queryParameters["latest"]?.lowercase() == "true"
        val regular = if (qpu.alwaysOn) {
            emptyList()
        } else {
            val lastStart = nextWindowStart(Instant.now()).minus(WINDOW_PERIOD_HOURS, ChronoUnit.HOURS)
            (0 until HISTORY_WINDOWS).map { lastStart.minus(it * WINDOW_PERIOD_HOURS, ChronoUnit.HOURS) }.map { it to windowJson(it, "PAST") }
        }
        val oneOff = state.locked { state.oneOffWindows.filter { it.qpuId == qpu.id }.map { it.start to it.toJson("ONE_OFF") } }
        val windows = (regular + oneOff).sortedByDescending { it.first }.map { it.second }.take(if (latestOnly) 1 else Int.MAX_VALUE)
        call.respondOqc(state, buildJsonObject { put("qpu_id", qpu.id); put("windows", JsonArray(windows)) })
    }

    get("/monitoring/statuses") {
        state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val queued = state.locked { queueLength(state, qpu.id) }
        call.respondOqc(
            state,
            buildJsonObject {
                put("qpu_id", qpu.id)
                put("status", if (qpu.active) "ACTIVE" else "INACTIVE")
                put("health", if (qpu.active) "OK" else "MAINTENANCE")
                put("tasks_in_queue", queued)
                put("timestamp", ISO_Z.format(Instant.now().atOffset(ZoneOffset.UTC)))
            },
        )
    }

    get("/monitoring/calibrations") {
        state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val asked = call.request.queryParameters["qpu_id"]
        if (asked != qpu.id) throw OqcHttpException.badRequest("qpu_id must be ${qpu.id} at this QPU's URL, was $asked.")
        val today = LocalDate.now(ZoneOffset.UTC)
        val date = call.request.queryParameters["date"]?.let {
            try {
                LocalDate.parse(it, STRICT_DATE)
            } catch (e: DateTimeParseException) {
                throw OqcHttpException.badRequest("date must be YYYY-MM-DD, was '$it'.")
            }
        } ?: today
        if (date.isAfter(today)) throw OqcHttpException.notFound("No calibration for ${qpu.id} on $date.")
        call.respondOqc(state, calibration(qpu, date))
    }

    post("/monitoring/qpu_wait_time") {
        state.requireAccount(call)
        val served = call.servedQpu(state)
        val targets = (call.receiveOqcObject()["targets"] as? JsonArray)?.map { (it as? JsonPrimitive)?.content.orEmpty() }
            ?: throw OqcHttpException.badRequest("targets must be a list of QPU ids.")
        val now = Instant.now()
        val entries = state.locked {
            targets.map { id ->
                val qpu = state.qpus[id] ?: throw OqcHttpException.notFound("QPU '$id' not found.")
                // Each QPU's URL answers for that QPU only; OQC's client asks each QPU's URL in turn.
                if (qpu.id != served.id) throw OqcHttpException.badRequest("targets may name only ${served.id}, the QPU served at this URL; ask '$id' at its own URL.")
                val queued = queueLength(state, id)
                val windows = if (qpu.alwaysOn) {
                    listOf(windowJson(now.truncatedTo(ChronoUnit.HOURS), "CURRENT"))
                } else {
                    val next = nextWindowStart(now)
                    listOf(windowJson(next, "NEXT"), windowJson(next.plus(WINDOW_PERIOD_HOURS, ChronoUnit.HOURS), "FUTURE"))
                }
                val available = if (qpu.alwaysOn) now else nextWindowStart(now)
                buildJsonObject {
                    put("average_processing_seconds", AVERAGE_PROCESSING_SECONDS)
                    put("estimated_availability_time", ISO_Z.format(available.atOffset(ZoneOffset.UTC)))
                    put("qpu_id", id)
                    put("tasks_in_queue", queued)
                    put("timestamp", ISO_Z.format(now.atOffset(ZoneOffset.UTC)))
                    put("windows", JsonArray(windows))
                }
            }
        }
        call.respondOqc(state, buildJsonObject { put("qpu_wait_times", JsonArray(entries)) })
    }

    post("/monitoring/task_wait_time") {
        val owner = state.requireAccount(call)
        val qpu = call.servedQpu(state)
        val body = call.receiveOqcObject()
        if (body.string("qpu_id") != qpu.id) throw OqcHttpException.badRequest("qpu_id must be ${qpu.id} at this QPU's URL.")
        val ids = (body["task_ids"] as? JsonArray)?.map { (it as? JsonPrimitive)?.content.orEmpty() }
            ?: throw OqcHttpException.badRequest("task_ids must be a list of task ids.")
        val entries = state.locked {
            val queue = state.tasks.values.filter { it.qpuId == qpu.id && it.status == OqcTaskStates.SUBMITTED }.map { it.id }
            ids.map { id ->
                val task = state.currentTask(id)?.takeIf { it.owner == owner && it.qpuId == qpu.id }
                    ?: throw OqcHttpException.notFound("Task $id not found on ${qpu.id}.")
                val position = queue.indexOf(id)
                buildJsonObject {
                    put("task_id", id)
                    put("status", task.status)
                    put("position_in_queue", if (position < 0) null else position + 1)
                    put("estimated_wait_seconds", if (position < 0) 0.0 else (position + 1) * AVERAGE_PROCESSING_SECONDS)
                }
            }
        }
        call.respondOqc(state, buildJsonObject { put("task_wait_times", JsonArray(entries)) })
    }
}

private fun queueLength(state: OqcEmulatorState, qpuId: String): Int =
    state.tasks.values.count { it.qpuId == qpuId && (it.status == OqcTaskStates.SUBMITTED || it.status == OqcTaskStates.RUNNING) }

/** Windows open at 00:00, 06:00, 12:00 and 18:00 UTC. */
private fun nextWindowStart(now: Instant): Instant {
    val hour = now.truncatedTo(ChronoUnit.HOURS)
    val hourOfDay = hour.atZone(ZoneOffset.UTC).hour
    val ahead = WINDOW_PERIOD_HOURS - hourOfDay % WINDOW_PERIOD_HOURS
    return hour.plus(ahead, ChronoUnit.HOURS)
}

private fun windowJson(start: Instant, description: String): JsonObject = buildJsonObject {
    put("start_time", ISO_Z.format(start.atOffset(ZoneOffset.UTC)))
    put("end_time", ISO_Z.format(start.plus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC)))
    put("window_description", description)
}

/** Deterministic per-date, per-qubit figures, so a date filter visibly changes the reply. */
private fun calibration(qpu: OqcQpuRecord, date: LocalDate): JsonObject = buildJsonObject {
    put("qpu_id", qpu.id)
    put("date", date.toString())
    putJsonObject("qubits") {
        for (q in 0 until minOf(qpu.qubits, CALIBRATED_QUBITS)) {
            val h = abs((date.toString() + qpu.id + q).hashCode())
            putJsonObject(q.toString()) {
                put("t1_us", 50.0 + h % 500 / 10.0)
                put("t2_us", 40.0 + h / 7 % 400 / 10.0)
                put("readout_fidelity", 0.95 + h / 13 % 50 / 1000.0)
                put("single_qubit_fidelity", 0.999 - h / 17 % 9 / 10000.0)
            }
        }
    }
}

private val ISO_Z: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
private val STRICT_DATE: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT)
private const val WINDOW_PERIOD_HOURS = 6L
private const val HISTORY_WINDOWS = 4
private const val CALIBRATED_QUBITS = 8
private const val AVERAGE_PROCESSING_SECONDS = 2.5
