package io.qonduit.emulator.qibo

import io.ktor.http.HttpStatusCode
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** Checks and records one `POST /api/jobs/` body (qibo-client's `_post_circuit`), charging the quota. */
internal class QiboSubmission(private val state: QiboEmulatorState) {
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
        if (element is JsonNull) return null
        val value = (element as? JsonPrimitive)?.takeIf { !it.isString }?.content?.toIntOrNull()
            ?: throw QiboHttpException.badRequest("nshots: expected an integer or null, got $element")
        if (value < 1) throw QiboHttpException.badRequest("nshots must be at least 1, got $value")
        return value
    }

    private fun string(body: JsonObject, key: String): String? =
        (body[key] as? JsonPrimitive)?.takeIf { it.isString }?.content?.takeIf { it.isNotBlank() }
}
