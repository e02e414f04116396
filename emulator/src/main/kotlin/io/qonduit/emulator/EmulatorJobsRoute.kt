package io.qonduit.emulator

import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.addJsonObject
import kotlinx.serialization.json.add

/**
 * The body of `GET /_emulator/jobs`: the runs every provider's store holds, ids and the little a
 * client in another process needs to count duplicates and orphans (its own jobs are in this heap,
 * not theirs): QPI jobs with their creation time, OQC tasks with whether a program was submitted
 * (an id may be allocated only), Oqtant job ids, OQTOPUS jobs with their status ("registered" until
 * submitted), Qibo pids. No results: they are what makes the store big.
 */
internal fun serverJobsJson(emulator: Emulator): JsonObject = buildJsonObject {
    putJsonArray("qpi") {
        emulator.qpi.jobs().sortedBy { it.created }.forEach { job -> addJsonObject { put("id", job.id); put("created", job.created.toString()) } }
    }
    putJsonArray("oqc") {
        emulator.oqc.tasks().forEach { task -> addJsonObject { put("id", task.id); put("submitted", task.program != null) } }
    }
    putJsonArray("oqtant") { emulator.oqtant.jobIds().forEach { add(it) } }
    putJsonArray("oqtopus") {
        val state = emulator.oqtopus
        state.jobIds().forEach { id -> addJsonObject { put("id", id); put("status", state.status(id)) } }
    }
    putJsonArray("qibo") { emulator.qibo.jobPids().forEach { add(it) } }
}
