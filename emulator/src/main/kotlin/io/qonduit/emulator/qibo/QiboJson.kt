package io.qonduit.emulator.qibo

import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

private val TIME_FORMAT: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC)

/** ISO 8601 in UTC with microseconds, as the service's fixtures show (`2000-01-01T00:00:00.128372Z`). */
internal fun formatTime(instant: Instant): String = TIME_FORMAT.format(instant)

internal fun QiboPartition.toJson(): JsonObject = buildJsonObject {
    put("name", name)
    put("max_num_qubits", maxNumQubits)
    put("hardware_type", hardwareType)
    put("description", description)
    put("status", status)
}

/** A project quota: every `PROJECTQUOTA_SCHEMA` field, plus `project` as `GET /api/projectquotas/` shows it. */
internal fun QiboProjectQuota.toJson(): JsonObject = buildJsonObject {
    put("id", id)
    put("project", project)
    put("partition", partition.toJson())
    put("max_num_shots", maxNumShots)
    put("max_walltime_seconds", maxWalltimeSeconds)
    put("seconds_left", secondsLeft)
    put("seconds_max", secondsMax)
    put("shots_left", shotsLeft)
    put("shots_max", shotsMax)
    put("jobs_left", jobsLeft)
    put("jobs_max", jobsMax)
    put("prealloc_seconds", 0)
    put("prealloc_shots", 0)
    put("prealloc_jobs", 0)
}

/** Where the service keeps a finished job's archive (`result_path`); an emulated path, empty until the job ends. */
internal fun QiboJobRecord.resultPath(): String = if (archive != null) "results/$pid.tar.gz" else ""

/**
 * The job object of `GET /api/jobs/{pid}/`: every `JOB_SCHEMA` field, and the queue information
 * in both spellings the client reads (`queue_position` / `job_queue_position`, `etd_seconds` /
 * `seconds_to_job_start`; the test mocks use the latter, the client tries the former first, so the
 * service has sent each), plus `queue_last_update`.
 */
internal fun QiboJobRecord.toJson(position: Int?, etd: Double?): JsonObject = buildJsonObject {
    put("pid", pid)
    put("user", buildJsonObject { put("email", user.email) })
    put("projectquota", quota.toJson())
    put("circuit", circuit)
    put("transpiled_circuit", JsonNull)
    put("num_qubits", numQubits)
    put("status", status)
    put("created_at", formatTime(createdAt))
    put("updated_at", formatTime(updatedAt))
    put("result_path", resultPath())
    put("frequencies", outcome?.frequencies?.let { f -> JsonObject(f.mapValues { JsonPrimitive(it.value) }) } ?: JsonNull)
    put("nshots", nshots)
    put("stdout", outcome?.stdout ?: "")
    put("stderr", outcome?.stderr ?: "")
    put("qibo_version", QiboExecutor.QIBO_VERSION)
    put("qibolab_version", JsonNull)
    put("verbatim", verbatim)
    put("runtime", runtime)
    put("queue_position", position)
    put("job_queue_position", position)
    put("etd_seconds", etd)
    put("seconds_to_job_start", etd)
    put("queue_last_update", formatTime(queueLastUpdate))
}

/** A row of `GET /api/jobs/`: the fields the fixture shows. */
internal fun QiboJobRecord.toListJson(): JsonObject = buildJsonObject {
    put("pid", pid)
    put("user", buildJsonObject { put("email", user.email) })
    put("created_at", formatTime(createdAt))
    put("updated_at", formatTime(updatedAt))
    put("status", status)
    put("result_path", resultPath())
}
