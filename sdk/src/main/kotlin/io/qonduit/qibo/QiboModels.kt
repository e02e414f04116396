package io.qonduit.qibo

import io.qonduit.qibo.QiboJson.bool
import io.qonduit.qibo.QiboJson.double
import io.qonduit.qibo.QiboJson.firstOf
import io.qonduit.qibo.QiboJson.int
import io.qonduit.qibo.QiboJson.long
import io.qonduit.qibo.QiboJson.obj
import io.qonduit.qibo.QiboJson.str
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.longOrNull

/** `GET /api/qibo_version/`: the server's qibo and the oldest qibo a client may use. */
public class QiboServerVersion internal constructor(
    /** `server_qibo_version`. */
    public val serverQiboVersion: String,
    /** `minimum_client_qibo_version`. */
    public val minimumClientQiboVersion: String,
) {
    override fun toString(): String = "QiboServerVersion(server=$serverQiboVersion, minimum client=$minimumClientQiboVersion)"
}

/**
 * A job as `GET /api/jobs/{pid}/` describes it. Queue information is read in both spellings the
 * service has sent: `queue_position` or `job_queue_position`, `etd_seconds` or `seconds_to_job_start`.
 */
public class QiboJobInfo internal constructor(
    /** The job's pid. */
    public val pid: String,
    /** The status as sent (`queueing`, `pending`, `running`, `postprocessing`, `success`, `error`). */
    public val rawStatus: String,
    /** Position in the queue (1 = next), when reported. */
    public val queuePosition: Int?,
    /** Estimated seconds until the job starts, when reported. */
    public val secondsToJobStart: Double?,
    /** `queue_last_update`, when reported. */
    public val queueLastUpdate: String?,
    /** The device: `projectquota.partition.name`. */
    public val device: String?,
    /** The project: `projectquota.project`, when present. */
    public val project: String?,
    /** `nshots`. */
    public val nshots: Int?,
    /** `frequencies`, when the server filled them in. */
    public val frequencies: Map<String, Long>?,
    /** `stdout` of the worker. */
    public val stdout: String?,
    /** `stderr` of the worker. */
    public val stderr: String?,
    /** `qibo_version` of the worker. */
    public val qiboVersion: String?,
    /** `runtime` in seconds. */
    public val runtime: Double?,
    /** `created_at`. */
    public val createdAt: String?,
    /** `updated_at`. */
    public val updatedAt: String?,
    /** `result_path`. */
    public val resultPath: String?,
    /** `verbatim`. */
    public val verbatim: Boolean?,
    /** The whole job object as JSON text. */
    public val json: String,
) {
    /** The status, case-insensitively; null for one qibo-client does not know. */
    public val status: QiboJobStatus? get() = QiboJobStatus.of(rawStatus)

    /** The `circuit` the job runs, as JSON text (an object, or a string holding one), or null. */
    public val circuitJson: String? get() = (io.qonduit.transport.HttpTransport.json.parseToJsonElement(json) as JsonObject)["circuit"]?.let {
        if (it is JsonPrimitive && it.isString) it.content else it.toString()
    }

    override fun toString(): String = "QiboJobInfo($pid, $rawStatus" + (queuePosition?.let { ", queue=$it" } ?: "") +
        (secondsToJobStart?.let { ", start in ${it}s" } ?: "") + ")"

    internal companion object {
        fun of(obj: JsonObject, pid: String): QiboJobInfo {
            QiboJson.requireKeys(obj, "GET /api/jobs/$pid/", "status")
            val quota = obj.obj("projectquota")
            return QiboJobInfo(
                pid = obj.str("pid") ?: pid,
                rawStatus = obj.str("status").orEmpty(),
                queuePosition = (obj.firstOf("queue_position", "job_queue_position") as? JsonPrimitive)?.longOrNull?.toInt(),
                secondsToJobStart = (obj.firstOf("etd_seconds", "seconds_to_job_start") as? JsonPrimitive)?.doubleOrNull,
                queueLastUpdate = obj.str("queue_last_update"),
                device = quota?.obj("partition")?.str("name") ?: obj.str("device"),
                project = quota?.str("project"),
                nshots = obj.int("nshots"),
                frequencies = obj.obj("frequencies")?.mapNotNull { (k, v) -> (v as? JsonPrimitive)?.longOrNull?.let { k to it } }?.toMap(),
                stdout = obj.str("stdout"),
                stderr = obj.str("stderr"),
                qiboVersion = obj.str("qibo_version"),
                runtime = obj.double("runtime"),
                createdAt = obj.str("created_at"),
                updatedAt = obj.str("updated_at"),
                resultPath = obj.str("result_path"),
                verbatim = obj.bool("verbatim"),
                json = obj.toString(),
            )
        }
    }
}

/** A row of `GET /api/jobs/`. */
public class QiboJobSummary internal constructor(
    /** The job's pid. */
    public val pid: String,
    /** `user.email`. */
    public val email: String?,
    /** `created_at`. */
    public val createdAt: String?,
    /** `updated_at`. */
    public val updatedAt: String?,
    /** The status as sent. */
    public val rawStatus: String?,
    /** `result_path`. */
    public val resultPath: String?,
) {
    /** The status, case-insensitively, or null. */
    public val status: QiboJobStatus? get() = QiboJobStatus.of(rawStatus)

    override fun toString(): String = "QiboJobSummary($pid, $rawStatus)"

    internal companion object {
        fun of(obj: JsonObject): QiboJobSummary {
            QiboJson.requireKeys(obj, "GET /api/jobs/", "pid")
            return QiboJobSummary(obj.str("pid")!!, obj.obj("user")?.str("email"), obj.str("created_at"), obj.str("updated_at"), obj.str("status"), obj.str("result_path"))
        }
    }
}

/** `GET /api/disk_quota/`: the caller's disk allowance in KB. */
public class QiboDiskQuota internal constructor(
    /** `user.email`. */
    public val email: String?,
    /** `kbs_left`. */
    public val kbsLeft: Double,
    /** `kbs_max`. */
    public val kbsMax: Double,
) {
    override fun toString(): String = "QiboDiskQuota($email, $kbsLeft / $kbsMax KB)"

    internal companion object {
        fun of(obj: JsonObject): QiboDiskQuota {
            QiboJson.requireKeys(obj, "GET /api/disk_quota/", "kbs_left", "kbs_max")
            return QiboDiskQuota(obj.obj("user")?.str("email"), obj.double("kbs_left") ?: 0.0, obj.double("kbs_max") ?: 0.0)
        }
    }
}

/** A partition (device) as a project quota names it. */
public class QiboPartition internal constructor(
    /** `name`: the device to pass to `runCircuit`. */
    public val name: String,
    /** `max_num_qubits`. */
    public val maxNumQubits: Int?,
    /** `hardware_type`: `simulator` or `hardware`. */
    public val hardwareType: String?,
    /** `description`. */
    public val description: String?,
    /** `status`: `available` or `unavailable`. */
    public val status: String?,
) {
    override fun toString(): String = "QiboPartition($name, $hardwareType, $status)"
}

/** One row of `GET /api/projectquotas/`: what a project may still use on one partition. */
public class QiboProjectQuota internal constructor(
    /** `project`. */
    public val project: String?,
    /** `partition`. */
    public val partition: QiboPartition,
    /** `seconds_left`. */
    public val secondsLeft: Double?,
    /** `shots_left`. */
    public val shotsLeft: Long?,
    /** `jobs_left`. */
    public val jobsLeft: Long?,
    /** `seconds_max`, when sent. */
    public val secondsMax: Double?,
    /** `shots_max`, when sent. */
    public val shotsMax: Long?,
    /** `jobs_max`, when sent. */
    public val jobsMax: Long?,
    /** `max_num_shots`, when sent. */
    public val maxNumShots: Long?,
) {
    override fun toString(): String = "QiboProjectQuota($project on ${partition.name}: jobs $jobsLeft, shots $shotsLeft, seconds $secondsLeft)"

    internal companion object {
        fun of(obj: JsonObject): QiboProjectQuota {
            QiboJson.requireKeys(obj, "GET /api/projectquotas/", "partition")
            val p = obj.obj("partition") ?: throw QiboMalformedResponseException("GET /api/projectquotas/", listOf("partition"))
            QiboJson.requireKeys(p, "GET /api/projectquotas/ partition", "name")
            val partition = QiboPartition(p.str("name")!!, p.int("max_num_qubits"), p.str("hardware_type"), p.str("description"), p.str("status"))
            return QiboProjectQuota(obj.str("project"), partition, obj.double("seconds_left"), obj.long("shots_left"), obj.long("jobs_left"),
                obj.double("seconds_max"), obj.long("shots_max"), obj.long("jobs_max"), obj.long("max_num_shots"))
        }
    }
}
