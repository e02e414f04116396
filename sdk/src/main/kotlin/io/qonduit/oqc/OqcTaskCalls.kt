package io.qonduit.oqc

import io.qonduit.errors.ValidationException
import io.qonduit.job.JavaBridge
import io.qonduit.oqc.wire.CancelTasksRequest
import io.qonduit.oqc.wire.ExecutionMetadataResponse
import io.qonduit.oqc.wire.OqcWireJson
import io.qonduit.oqc.wire.TaskAllInfo
import io.qonduit.oqc.wire.TaskErrorResponse
import io.qonduit.oqc.wire.TaskMetadataResponse
import io.qonduit.oqc.wire.TaskResultsResponse
import io.qonduit.oqc.wire.TaskStatusResponse
import io.qonduit.oqc.wire.TaskTimingsResponse
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.json.JsonElement
import java.util.concurrent.CompletableFuture

/**
 * OQC's per-task calls by task id (get it from [OqcSdk.tasks]), for tasks known by id only — e.g.
 * from [OqcSdk.listTasks] or another process. Each call goes to the URL of [qpuId]'s QPU (the
 * default QPU when null, `""` or `"lucy"`). Jobs use the same endpoints on their own.
 *
 * ```
 * val status = sdk.tasks.status(taskId, "qpu:uk:2:d865b5a184").taskStatus
 * val counts = sdk.tasks.results(taskId, "qpu:uk:2:d865b5a184").counts()
 * ```
 */
public class OqcTaskCalls internal constructor(private val sdk: OqcSdk) {
    /** `GET {qpu}/tasks/{id}/status`. */
    @JvmOverloads
    public suspend fun status(taskId: String, qpuId: String? = null): TaskStatusResponse =
        get(taskId, qpuId, "status", TaskStatusResponse.serializer())

    /** `GET {qpu}/tasks/{id}/results`; [TaskResultsResponse.isReady] is false until the task completed. */
    @JvmOverloads
    public suspend fun results(taskId: String, qpuId: String? = null): TaskResultsResponse =
        get(taskId, qpuId, "results", TaskResultsResponse.serializer())

    /** `GET {qpu}/tasks/{id}/error`: error code and message of a failed task, `null` error otherwise. */
    @JvmOverloads
    public suspend fun error(taskId: String, qpuId: String? = null): TaskErrorResponse =
        get(taskId, qpuId, "error", TaskErrorResponse.serializer())

    /** `GET {qpu}/tasks/{id}/all_info`: status, results and error in one reply. */
    @JvmOverloads
    public suspend fun allInfo(taskId: String, qpuId: String? = null): TaskAllInfo =
        get(taskId, qpuId, "all_info", TaskAllInfo.serializer())

    /** `GET {qpu}/tasks/{id}/timings`: the `RECEIVER_*` / `SERVER_*` stage times. */
    @JvmOverloads
    public suspend fun timings(taskId: String, qpuId: String? = null): TaskTimingsResponse =
        get(taskId, qpuId, "timings", TaskTimingsResponse.serializer())

    /** `GET {qpu}/tasks/{id}/execution_metadata`: the metrics the config asked for. */
    @JvmOverloads
    public suspend fun metrics(taskId: String, qpuId: String? = null): ExecutionMetadataResponse =
        get(taskId, qpuId, "execution_metadata", ExecutionMetadataResponse.serializer())

    /** `GET {qpu}/tasks/{id}/metadata`: the task as stored, with the config string it was submitted with. */
    @JvmOverloads
    public suspend fun metadata(taskId: String, qpuId: String? = null): TaskMetadataResponse =
        get(taskId, qpuId, "metadata", TaskMetadataResponse.serializer())

    /**
     * Cancels [taskIds] on one QPU in one `POST {qpu}/tasks/cancel_many`; the reply as received.
     *
     * @throws ValidationException naming `taskIds` when empty or holding a blank id
     */
    @JvmOverloads
    public suspend fun cancel(taskIds: List<String>, qpuId: String? = null): JsonElement {
        if (taskIds.isEmpty() || taskIds.any { it.isBlank() }) {
            throw ValidationException("taskIds", taskIds, "must hold at least one task id, none blank")
        }
        val url = sdk.qpuUrl(qpuId)
        val body = OqcWireJson.encodeToJsonElement(CancelTasksRequest.serializer(), CancelTasksRequest(taskIds))
        return sdk.api.post("$url/tasks/cancel_many", body, field = "taskIds")
    }

    /** [status] for Java; null [qpuId] means the default QPU. */
    public fun statusAsync(taskId: String, qpuId: String?): CompletableFuture<TaskStatusResponse> = JavaBridge.future { status(taskId, qpuId) }

    /** [results] for Java. */
    public fun resultsAsync(taskId: String, qpuId: String?): CompletableFuture<TaskResultsResponse> = JavaBridge.future { results(taskId, qpuId) }

    /** [error] for Java. */
    public fun errorAsync(taskId: String, qpuId: String?): CompletableFuture<TaskErrorResponse> = JavaBridge.future { error(taskId, qpuId) }

    /** [allInfo] for Java. */
    public fun allInfoAsync(taskId: String, qpuId: String?): CompletableFuture<TaskAllInfo> = JavaBridge.future { allInfo(taskId, qpuId) }

    /** [timings] for Java. */
    public fun timingsAsync(taskId: String, qpuId: String?): CompletableFuture<TaskTimingsResponse> = JavaBridge.future { timings(taskId, qpuId) }

    /** [metrics] for Java. */
    public fun metricsAsync(taskId: String, qpuId: String?): CompletableFuture<ExecutionMetadataResponse> =
        JavaBridge.future { metrics(taskId, qpuId) }

    /** [metadata] for Java. */
    public fun metadataAsync(taskId: String, qpuId: String?): CompletableFuture<TaskMetadataResponse> = JavaBridge.future { metadata(taskId, qpuId) }

    /** [cancel] for Java; the server's answer as JSON text. */
    public fun cancelAsync(taskIds: List<String>, qpuId: String?): CompletableFuture<String> = JavaBridge.future { cancel(taskIds, qpuId).toString() }

    override fun toString(): String = "OqcTaskCalls(${sdk.url})"

    private suspend fun <T> get(taskId: String, qpuId: String?, endpoint: String, strategy: DeserializationStrategy<T>): T {
        if (taskId.isBlank()) throw ValidationException("taskId", taskId, "must not be blank")
        val url = sdk.qpuUrl(qpuId)
        val id = java.net.URLEncoder.encode(taskId, Charsets.UTF_8).replace("+", "%20")
        return OqcApi.decode(strategy, sdk.api.get("$url/tasks/$id/$endpoint"), "GET /tasks/{id}/$endpoint")
    }
}
