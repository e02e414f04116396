package io.qonduit.oqc

import io.qonduit.QonduitInternalApi
import io.qonduit.backend.Backend
import io.qonduit.backend.ErrorData
import io.qonduit.backend.TaskRef
import io.qonduit.backend.TaskReport
import io.qonduit.backend.SubmissionInDoubtException
import io.qonduit.backend.SubmissionLookup
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.QonduitException
import io.qonduit.errors.ValidationException
import io.qonduit.job.Diagnostics
import io.qonduit.job.JobInput
import io.qonduit.job.JobState
import io.qonduit.job.PollCadence
import io.qonduit.oqc.wire.CreateTaskIdsRequest
import io.qonduit.oqc.wire.OqcNotices
import io.qonduit.oqc.wire.OqcTaskId
import io.qonduit.oqc.wire.OqcTaskStatus
import io.qonduit.oqc.wire.OqcWireJson
import io.qonduit.oqc.wire.SubmitTasksRequest
import io.qonduit.oqc.wire.SubmittedTask
import io.qonduit.oqc.wire.TaskAllInfo
import io.qonduit.transport.UnreadableReplyException
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * The `"oqc"` [Backend]: runs [io.qonduit.job.Job]s on OQC QCaaS through an [OqcSdk] (get it from
 * [OqcSdk.backend]). Every task call goes to the URL of the task's QPU as listed by `/admin/qpu`.
 *
 * * one task: `POST {qpu}/tasks/submit` without `task_id`; the id is `[0].task_id` of the reply;
 * * several tasks ([submitAll]): per QPU, ids are pre-allocated with `POST {qpu}/tasks`, then the
 *   tasks go in one `POST {qpu}/tasks/submit`, which may be retried safely since the ids are fixed —
 *   or in several, each within OQC's 128 KiB request limit, when one would be too large;
 * * status (`/all_info`): `CREATED`→CREATED, `SUBMITTED`→QUEUED, `RUNNING`→RUNNING,
 *   `COMPLETED`→COMPLETED, `FAILED`/`EXPIRED`→FAILED, `CANCELLED`→CANCELLED, `UNKNOWN`→no change
 *   (polling goes on);
 * * cancel: `POST {qpu}/tasks/cancel_many`, one call per QPU;
 * * diagnostics: `timings`, `execution_metadata` (metrics) and `metadata`.
 */
public class OqcBackend internal constructor(private val sdk: OqcSdk) : Backend {
    override val provider: String get() = PROVIDER

    override val defaultCadence: PollCadence get() = sdk.pollCadence

    @QonduitInternalApi
    override suspend fun submit(input: JobInput): String {
        val qpu = sdk.qpuOf(input)
        val qpuUrl = sdk.taskUrl(qpu, forSubmission = true)
        sdk.checkSupported(input, qpu)
        val body = encodeSubmit(SubmitTasksRequest(listOf(OqcJobConfig.task(input, qpu, taskId = null))), listOf(input))
        val reply = sdk.api.post("$qpuUrl/tasks/submit", body, field = "tasks")
        val ids = OqcApi.decode(ListSerializer(SubmittedTask.serializer()), reply, "POST /tasks/submit")
        return ids.firstOrNull()?.taskId ?: throw QonduitException("POST /tasks/submit returned no task id")
    }

    /** Several tasks on one QPU go in one call with pre-allocated ids, which is safe to repeat. */
    @QonduitInternalApi
    override val submitsInBatches: Boolean get() = true

    @QonduitInternalApi
    override suspend fun submitAll(inputs: List<JobInput>, submitted: (index: Int, taskId: String) -> Unit) {
        val byQpu = inputs.indices.groupBy { sdk.qpuOf(inputs[it]) }
        // Every task is checked and every request sized before anything is sent: a task OQC would
        // refuse submits nothing, rather than leaving the batch half sent.
        val plan = byQpu.map { (qpu, indices) ->
            indices.forEach { sdk.checkSupported(inputs[it], qpu) }
            qpu to chunksWithinLimit(qpu, inputs, indices)
        }
        // A chunk in doubt does not stop the others (each is its own set of tasks, on its own QPU or
        // ids): they are sent, so that every task not recorded is one that may exist, and the
        // composite's children are told their candidates by their index in [inputs], not the chunk's.
        val candidates = arrayOfNulls<String>(inputs.size)
        var doubt: SubmissionInDoubtException? = null
        try {
            for ((qpu, chunks) in plan) {
                for (chunk in chunks) {
                    val group = chunk.map { inputs[it] }
                    try {
                        val groupIds = if (group.size == 1) listOf(submitInDoubt { submit(group[0]) }) else submitBatch(qpu, group)
                        chunk.zip(groupIds).forEach { (i, id) -> submitted(i, id) }
                    } catch (e: SubmissionInDoubtException) {
                        chunk.forEachIndexed { k, i -> candidates[i] = e.candidates.getOrNull(k) }
                        // A later chunk's doubt travels with the first's, so neither cause is lost.
                        doubt?.addSuppressed(e) ?: run { doubt = e }
                    }
                }
            }
        } catch (e: QonduitException) {
            // A refusal after a chunk in doubt: the doubt is what the caller must act on; nothing after it was sent.
            doubt?.addSuppressed(e) ?: throw e
        }
        doubt?.let { first ->
            throw SubmissionInDoubtException(candidates.map { it.orEmpty() }, first.cause ?: first).also { all -> first.suppressed.forEach(all::addSuppressed) }
        }
    }

    /**
     * Splits [indices] (positions in [inputs] of tasks all on [qpu]) into runs of consecutive tasks
     * whose submit request each stays within OQC's 128 KiB limit, as OQC's own SDK splits large
     * batches. A run's size is predicted by adding its tasks' sizes (list elements of one body), then
     * checked exactly; a task too big on its own is refused naming `tasks`.
     */
    private fun chunksWithinLimit(qpu: String, inputs: List<JobInput>, indices: List<Int>): List<List<Int>> {
        val placeholder = OqcTaskId.of(PLACEHOLDER_ID)
        fun body(run: List<Int>) = run.map { inputs[it] }.let { encodeSubmit(SubmitTasksRequest(it.map { input -> OqcJobConfig.task(input, qpu, placeholder) }), it) }
        fun size(run: List<Int>) = sdk.api.requestSize(body(run), authenticated = true)
        val envelope = size(emptyList()) // the body and headers around an empty task list
        val chunks = mutableListOf<MutableList<Int>>()
        var predicted = 0
        for (index in indices) {
            val alone = size(listOf(index))
            if (alone > OqcApi.MAX_REQUEST_BYTES) sdk.api.checkSize(body(listOf(index)), "tasks")
            val added = alone - envelope + LIST_SEPARATOR_BYTES
            if (chunks.isEmpty() || predicted + added > OqcApi.MAX_REQUEST_BYTES) {
                chunks += mutableListOf(index)
                predicted = alone
            } else {
                chunks.last() += index
                predicted += added
            }
        }
        // The prediction ignores a longer Content-Length value; the exact size decides, moving tasks on.
        var c = 0
        while (c < chunks.size) {
            while (chunks[c].size > 1 && size(chunks[c]) > OqcApi.MAX_REQUEST_BYTES) {
                if (c + 1 == chunks.size) chunks += mutableListOf<Int>()
                chunks[c + 1].add(0, chunks[c].removeAt(chunks[c].lastIndex))
            }
            c++
        }
        return chunks
    }

    /**
     * Runs a submission; a lost reply, a timeout or an unreadable 2xx answer (the request may have
     * been acted on) becomes a [SubmissionInDoubtException] carrying the ids allocated for it.
     */
    private suspend fun <T> submitInDoubt(allocated: List<String> = emptyList(), block: suspend () -> T): T = try {
        block()
    } catch (e: ConnectionException) {
        if (!e.requestMayHaveArrived) throw e
        throw SubmissionInDoubtException(allocated, e)
    } catch (e: UnreadableReplyException) {
        throw SubmissionInDoubtException(allocated, e)
    }

    /**
     * A task whose submission got no reply: with its pre-allocated id, its status says whether it
     * was submitted (a task still CREATED never was); without one, OQC offers no lookup.
     */
    @QonduitInternalApi
    override suspend fun lookUpSubmission(input: JobInput, sentAt: java.time.Instant, candidate: String?, exclude: Set<String>): SubmissionLookup {
        if (candidate == null) return super.lookUpSubmission(input, sentAt, null, exclude)
        val status = try {
            sdk.tasks.status(candidate, input.device).taskStatus
        } catch (e: NotFoundException) {
            return SubmissionLookup.NotCreated
        }
        return when (status) {
            // Still CREATED: the submission never arrived. EXPIRED: the allocated id timed out
            // waiting for it, so it never arrived either, and the id can no longer be used.
            OqcTaskStatus.CREATED, OqcTaskStatus.EXPIRED -> SubmissionLookup.NotCreated
            OqcTaskStatus.UNKNOWN -> SubmissionLookup.Unknown("task $candidate on ${input.device} reports status UNKNOWN; ask again with reconcile()")
            else -> SubmissionLookup.Found(candidate)
        }
    }

    /** Pre-allocates ids for [group] (all on [qpu], checked and sized by [submitAll]) and submits them in one call. */
    private suspend fun submitBatch(qpu: String, group: List<JobInput>): List<String> {
        val qpuUrl = sdk.taskUrl(qpu, forSubmission = true)
        val tag = group.map { it.tag }.distinct().singleOrNull()
        val allocated = OqcApi.decode(
            ListSerializer(String.serializer()),
            sdk.api.post("$qpuUrl/tasks", OqcWireJson.encodeToJsonElement(CreateTaskIdsRequest.serializer(), CreateTaskIdsRequest(qpu, group.size, tag)), field = "task_count"),
            "POST /tasks",
        )
        if (allocated.size != group.size) {
            throw QonduitException("POST /tasks allocated ${allocated.size} task ids for ${group.size} tasks")
        }
        val tasks = group.zip(allocated).map { (input, id) -> OqcJobConfig.task(input, qpu, OqcTaskId.of(id)) }
        submitInDoubt(allocated) {
            sdk.api.post("$qpuUrl/tasks/submit", encodeSubmit(SubmitTasksRequest(tasks), group), field = "tasks", retrySafe = true)
        }
        return allocated
    }

    @QonduitInternalApi
    override suspend fun poll(task: TaskRef): TaskReport {
        val qpuUrl = sdk.taskUrl(sdk.qpuOf(task.input), forSubmission = false)
        val json = sdk.api.get("$qpuUrl/tasks/${task.taskId}/all_info")
        val info = OqcApi.decode(TaskAllInfo.serializer(), json, "GET /tasks/{id}/all_info")
        val raw = info.status ?: OqcTaskStatus.UNKNOWN.name
        val message = OqcNotices.from(json).let { (it.warnings + it.info).joinToString("; ").ifEmpty { null } }
        return when (info.taskStatus) {
            OqcTaskStatus.UNKNOWN -> TaskReport(null, raw, message = message)
            OqcTaskStatus.CREATED -> TaskReport(JobState.CREATED, raw, message = message)
            OqcTaskStatus.SUBMITTED -> TaskReport(JobState.QUEUED, raw, message = message)
            OqcTaskStatus.RUNNING -> TaskReport(JobState.RUNNING, raw, message = message)
            OqcTaskStatus.CANCELLED -> TaskReport(JobState.CANCELLED, raw, message = message)
            OqcTaskStatus.COMPLETED -> TaskReport(JobState.COMPLETED, raw, message = message, result = OqcResults.decode(info.results, task.taskId, task.input))
            OqcTaskStatus.FAILED -> TaskReport(JobState.FAILED, raw, message = message, error = errorOf(info, task))
            OqcTaskStatus.EXPIRED -> TaskReport(
                JobState.FAILED, raw, message = message,
                error = ErrorData("task ${task.taskId} expired before it ran (OQC status EXPIRED)"),
            )
        }
    }

    @QonduitInternalApi
    override suspend fun cancel(task: TaskRef) {
        sdk.tasks.cancel(listOf(task.taskId), task.input.device)
    }

    @QonduitInternalApi
    override suspend fun cancelAll(tasks: List<TaskRef>, maxConcurrency: Int) {
        tasks.groupBy { sdk.qpuOf(it.input) }.forEach { (qpu, group) -> sdk.tasks.cancel(group.map { it.taskId }, qpu) }
    }

    @QonduitInternalApi
    override suspend fun diagnostics(task: TaskRef): Diagnostics = coroutineScope {
        val qpuUrl = sdk.taskUrl(sdk.qpuOf(task.input), forSubmission = false)
        val base = "$qpuUrl/tasks/${task.taskId}"
        val timings = async { sdk.api.get("$base/timings").member("timings") }
        val metrics = async { sdk.api.get("$base/execution_metadata").member("execution_metadata") }
        val metadata = async { sdk.api.get("$base/metadata").member("metadata") }
        Diagnostics(timings.await(), metrics.await(), metadata.await())
    }

    override fun toString(): String = "OqcBackend(${sdk.url})"

    private suspend fun errorOf(info: TaskAllInfo, task: TaskRef): ErrorData {
        // all_info normally carries the error; the /error call is a fallback whose failure must not
        // hide that the task failed (but coroutine cancellation still propagates).
        val error = info.taskError ?: try {
            sdk.tasks.error(task.taskId, task.input.device).taskError
        } catch (e: QonduitException) {
            null
        }
        return ErrorData(error?.errorMessage ?: "task ${task.taskId} failed without an error message", error?.errorCode)
    }

    private fun JsonElement.member(key: String): JsonObject? = (this as? JsonObject)?.get(key) as? JsonObject

    /** The submit body; each task also carries the raw settings of its input ([io.qonduit.job.RunOptions.raw]). */
    private fun encodeSubmit(request: SubmitTasksRequest, inputs: List<JobInput>): JsonElement {
        val body = OqcWireJson.encodeToJsonElement(SubmitTasksRequest.serializer(), request) as JsonObject
        val tasks = (body.getValue("tasks") as JsonArray).mapIndexed { i, task -> JsonObject(task as JsonObject + inputs[i].options.raw) }
        return JsonObject(body + ("tasks" to JsonArray(tasks)))
    }

    public companion object {
        /** Provider name recorded in snapshots. */
        public const val PROVIDER: String = "oqc"

        private const val PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000"

        /** `", "` between two tasks of the body's list, as Python's `json.dumps` writes it. */
        private const val LIST_SEPARATOR_BYTES = 2
    }
}
