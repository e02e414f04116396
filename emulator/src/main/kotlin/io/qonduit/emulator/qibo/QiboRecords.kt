package io.qonduit.emulator.qibo

import kotlinx.serialization.json.JsonObject
import java.time.Instant

/** A partition (device) of the emulated cluster, as `projectquota.partition` shows it. */
internal class QiboPartition(
    val name: String,
    val maxNumQubits: Int,
    val hardwareType: String,
    val description: String,
    @Volatile var available: Boolean,
) {
    val isHardware: Boolean get() = hardwareType == HARDWARE
    val status: String get() = if (available) "available" else "unavailable"

    companion object {
        const val SIMULATOR = "simulator"
        const val HARDWARE = "hardware"
    }
}

/** One user's allowance on one partition for one project (`PROJECTQUOTA_SCHEMA`); the `*_left` fields go down with use. */
internal class QiboProjectQuota(
    val id: Int,
    val project: String,
    val partition: QiboPartition,
    val maxNumShots: Int,
    val maxWalltimeSeconds: Double,
    val secondsMax: Double,
    val shotsMax: Long,
    val jobsMax: Int,
) {
    var secondsLeft: Double = secondsMax
    var shotsLeft: Long = shotsMax
    var jobsLeft: Int = jobsMax
}

/** A user: e-mail, API token, disk quota in KB and project quotas. */
internal class QiboUser(val email: String, val token: String, val kbsMax: Double) {
    var kbsLeft: Double = kbsMax
    val quotas = ArrayList<QiboProjectQuota>()
}

/** The lifecycle of a job, as the wire spells it (lower case, qibo.md §3). */
internal object QiboStatus {
    const val QUEUEING = "queueing"
    const val PENDING = "pending"
    const val RUNNING = "running"
    const val POSTPROCESSING = "postprocessing"
    const val SUCCESS = "success"
    const val ERROR = "error"

    fun isTerminal(status: String): Boolean = status == SUCCESS || status == ERROR
}

/** One job; guarded by the state's lock. */
internal class QiboJobRecord(
    val pid: String,
    val sequence: Long,
    val user: QiboUser,
    val quota: QiboProjectQuota,
    val circuit: JsonObject,
    val numQubits: Int,
    val nshots: Int?,
    val verbatim: Boolean,
    val createdAt: Instant,
) {
    var status: String = QiboStatus.QUEUEING
    var updatedAt: Instant = createdAt
    var archive: ByteArray? = null
    var archiveKbs: Double = 0.0
    var outcome: QiboOutcome? = null
    var runtime: Double? = null
    /** The queue position last reported, and when it last changed (`queue_last_update`). */
    var lastPosition: Int? = null
    var queueLastUpdate: Instant = createdAt
    val partition: QiboPartition get() = quota.partition
}
