package io.qonduit.oqtant

import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.JobState
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.OqtantJob
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import java.nio.file.Path

/**
 * The Python client's session (`active_jobs`, tracking, job files) as a thin layer over the job
 * model: every active job is an [io.qonduit.job.Job] on the client's [OqtantBackend], tracking is
 * [CompositeJob.wait] (one poller, one state machine) and the Python-shaped [OqtantJob] of an active
 * job is only a view of that Job.
 */
internal class OqtantSession(private val client: OqtantClient) {
    private val jobs = LinkedHashMap<String, Job>()

    /** Latest run-1 envelope the service sent for each active job, outputs dropped (small). */
    private val seen = HashMap<String, OqtantJob>()

    @Synchronized
    fun job(id: String): Job? = jobs[id]

    @Synchronized
    fun add(job: Job) {
        jobs[checkNotNull(job.taskId) { "only submitted jobs are active" }] = job
    }

    @Synchronized
    fun forget(id: String) {
        jobs.remove(id)
        seen.remove(id)
    }

    /** Records what the service said about a job of this session (called for every fetch of run 1). */
    @Synchronized
    fun saw(job: OqtantJob) {
        val id = job.externalId ?: return
        if (id in jobs) seen[id] = job.copy(inputs = job.inputs.map { it.copy(output = null) })
    }

    fun all(): List<OqtantJob> = synchronized(this) { jobs.values.toList() }.map(::view)

    /**
     * The Python-shaped view of [job]: run 1 of its result once completed, else the latest envelope the
     * service sent, else the submitted document as PENDING.
     */
    fun view(job: Job): OqtantJob {
        job.result?.let { return firstRun(it.oqtantJob()) }
        val id = checkNotNull(job.taskId)
        synchronized(this) { seen[id] }?.let { return it }
        return OqtantBackend.decode(job.input).copy(externalId = id, status = JobStatus.PENDING)
    }

    /** Submits [batch] in order (one POST per job) and makes them active. */
    suspend fun submit(batch: List<OqtantJob>): List<Job> {
        val composite = CompositeJob(batch.map { client.backend.createJob(it) }, maxConcurrency = 1)
        composite.submit()
        composite.jobs.forEach(::add)
        return composite.jobs
    }

    /**
     * Polls [tracked] until every one is terminal (COMPLETE, FAILED, INCOMPLETE or CANCELLED), telling
     * [listener] each new Oqtant status and writing each job's files as it finishes when [write].
     */
    suspend fun track(tracked: List<Job>, write: Boolean, fileNames: List<String>?, directory: Path?, listener: OqtantStatusListener?) {
        coroutineScope {
            val watchers = tracked.mapIndexed { i, job ->
                launch {
                    job.status
                        .transformWhile { emit(it); !it.state.isTerminal }
                        .map { it.rawStatus to it.state }
                        .distinctUntilChanged()
                        .onEach { (raw, state) ->
                            if (raw != null) listener?.onStatus(view(job))
                            if (state.isTerminal && write) writeRuns(job, fileNames?.get(i), directory)
                        }
                        .collect()
                }
            }
            CompositeJob(tracked).wait(null)
            watchers.joinAll()
        }
    }

    /** Polls once every active job that is not terminal (Python `see_active_jobs(refresh=True)`). */
    suspend fun refresh() {
        val open = synchronized(this) { jobs.values.filter { it.isActive } }
        if (open.isNotEmpty()) CompositeJob(open).refresh()
    }

    /** One file per run: from the result when completed, else as the service reports each run. */
    private suspend fun writeRuns(job: Job, fileName: String?, directory: Path?) {
        val result = job.result
        if (result != null && job.state == JobState.COMPLETED) {
            val full = result.oqtantJob()
            full.inputs.sortedBy { it.run ?: 0 }.forEach { OqtantJobFiles.write(full.copy(inputs = listOf(it)), fileName, directory = directory) }
            return
        }
        val first = view(job)
        OqtantJobFiles.write(first, fileName, directory = directory)
        for (run in 2..(first.inputCount ?: 1)) OqtantJobFiles.write(client.getJob(checkNotNull(job.taskId), run), fileName, directory = directory)
    }

    private fun firstRun(job: OqtantJob): OqtantJob =
        if (job.inputs.size <= 1) job else job.copy(inputs = listOf(job.inputs.minBy { it.run ?: 0 }))
}
