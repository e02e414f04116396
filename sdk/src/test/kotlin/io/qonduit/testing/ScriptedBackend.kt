package io.qonduit.testing

import io.qonduit.backend.Backend
import io.qonduit.backend.ErrorData
import io.qonduit.backend.ResultData
import io.qonduit.backend.TaskRef
import io.qonduit.backend.TaskReport
import io.qonduit.job.Diagnostics
import io.qonduit.job.JobInput
import io.qonduit.job.JobState
import io.qonduit.job.PollCadence
import io.qonduit.job.ResultItem
import io.qonduit.program.OpenQasmProgram
import kotlinx.coroutines.delay
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

/**
 * An in-memory provider whose tasks follow a script: each poll advances a task one step through
 * [script]. Counts every call so tests can assert batching, bounded concurrency and polling.
 */
@OptIn(io.qonduit.QonduitInternalApi::class)
class ScriptedBackend(
    private val script: List<TaskReport> = listOf(
        TaskReport(JobState.QUEUED, "pending"),
        TaskReport(JobState.RUNNING, "running"),
        TaskReport(JobState.COMPLETED, "completed", result = counts(mapOf("c" to mapOf("00" to 3L, "11" to 5L)))),
    ),
    override val provider: String = "scripted",
    private val pollLatencyMillis: Long = 0,
    /** Whether composites batch-submit here (as on OQC) or submit each child on its own (as on QPI). */
    private val batches: Boolean = true,
) : Backend {
    override val defaultCadence: PollCadence = PollCadence.ofMillis(5)

    val submitCalls = AtomicInteger()
    val submitAllCalls = AtomicInteger()
    val pollCalls = AtomicInteger()
    val cancelCalls = AtomicInteger()
    val diagnosticsCalls = AtomicInteger()
    val maxConcurrentPolls = AtomicInteger()
    private val concurrentPolls = AtomicInteger()
    private val steps = ConcurrentHashMap<String, Int>()
    /** Task ids that were cancelled. */
    val cancelled: MutableSet<String> = ConcurrentHashMap.newKeySet<String>()
    private val ids = AtomicInteger()
    var failDiagnostics = false

    /** What each task id was submitted with, in submission order. */
    val submitted: MutableMap<String, JobInput> = java.util.Collections.synchronizedMap(LinkedHashMap())

    override suspend fun submit(input: JobInput): String {
        submitCalls.incrementAndGet()
        return newId().also { submitted[it] = input }
    }

    override val submitsInBatches: Boolean get() = batches

    override suspend fun submitAll(inputs: List<JobInput>, submitted: (index: Int, taskId: String) -> Unit) {
        submitAllCalls.incrementAndGet()
        inputs.forEachIndexed { i, input -> submitted(i, newId().also { this.submitted[it] = input }) }
    }

    override suspend fun poll(task: TaskRef): TaskReport {
        pollCalls.incrementAndGet()
        val now = concurrentPolls.incrementAndGet()
        maxConcurrentPolls.accumulateAndGet(now) { a, b -> maxOf(a, b) }
        try {
            if (pollLatencyMillis > 0) delay(pollLatencyMillis)
            if (task.taskId in cancelled) return TaskReport(JobState.CANCELLED, "cancelled")
            val step = steps.merge(task.taskId, 1, Int::plus)!! - 1
            return script[step.coerceAtMost(script.lastIndex)].forInput(task.input)
        } finally {
            concurrentPolls.decrementAndGet()
        }
    }

    override suspend fun cancel(task: TaskRef) {
        cancelCalls.incrementAndGet()
        cancelled += task.taskId
    }

    override suspend fun diagnostics(task: TaskRef): Diagnostics {
        diagnosticsCalls.incrementAndGet()
        if (failDiagnostics) error("diagnostics service down")
        return Diagnostics(timings = buildJsonObject { put("SERVER_RECEIVED", "2026-01-01 00:00:00") })
    }

    private fun newId() = "task-${ids.incrementAndGet()}"

    /** A scripted result stands for every item of the polled task's input, each with the script's counts. */
    private fun TaskReport.forInput(input: JobInput): TaskReport {
        val template = result ?: return this
        val counts = template.items.firstOrNull()?.counts.orEmpty()
        val items = input.plan().map { ResultItem(it, counts = counts) }
        return TaskReport(state, rawStatus, queuePosition, estimatedStart, message, ResultData(items), error)
    }

    companion object {
        private val TEMPLATE = OpenQasmProgram("OPENQASM 3;")

        /** A result whose items all carry [counts]. */
        @JvmStatic
        fun counts(counts: Map<String, Map<String, Long>>) = ResultData(listOf(ResultItem(0, null, TEMPLATE, counts = counts)))

        @JvmStatic
        fun failing(code: Int, message: String) = ScriptedBackend(
            listOf(TaskReport(JobState.RUNNING, "running"), TaskReport(JobState.FAILED, "failed", error = ErrorData(message, code))),
        )
    }
}
