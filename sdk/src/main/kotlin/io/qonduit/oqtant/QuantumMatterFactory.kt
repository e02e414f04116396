package io.qonduit.oqtant

import io.qonduit.errors.ValidationException
import io.qonduit.job.Job
import io.qonduit.job.JavaBridge
import io.qonduit.oqtant.model.OqtantJob
import java.nio.file.Path
import java.util.concurrent.CompletableFuture

/**
 * Creates Oqtant jobs from [QuantumMatter] and submits them through [client] (the client-side part of
 * the Python `QuantumMatterFactory`).
 */
public class QuantumMatterFactory(private val client: OqtantClient) {
    /**
     * Submits [matter] as a one-run job and returns its external id; with [track], waits until it
     * finishes.
     */
    @JvmOverloads
    public suspend fun submit(matter: QuantumMatter, track: Boolean = false): String =
        client.runJobs(listOf(matter.toJob()), track).single()

    /**
     * One job with one run per matter, named [name] (default: the first matter's name).
     *
     * @throws ValidationException when the list is empty or the matters map to different job types
     */
    @JvmOverloads
    public fun batchJob(matters: List<QuantumMatter>, name: String? = null): OqtantJob {
        if (matters.isEmpty()) throw ValidationException("matters", 0, "must hold at least one QuantumMatter")
        val inputs = matters.mapIndexed { i, m -> m.toInput().copy(run = i + 1) }
        val types = inputs.map { it.values.jobType }.toSet()
        if (types.size > 1) throw ValidationException("matters", types.map { it.name }, "All input objects must map to the same job type.")
        return OqtantJob(name ?: matters.first().name, inputs)
    }

    /** Submits [batchJob] and returns the job's external id; with [track], waits until it finishes. */
    @JvmOverloads
    public suspend fun submitListAsBatch(matters: List<QuantumMatter>, name: String? = null, track: Boolean = false): String =
        client.runJobs(listOf(batchJob(matters, name)), track).single()

    /** A Qonduit [Job] for [matter] (not yet submitted). */
    public fun createJob(matter: QuantumMatter): Job = client.createJob(matter.toJob())

    /** The matter of run [run] of a submitted job. */
    @JvmOverloads
    public suspend fun loadMatterFromJobId(jobId: String, run: Int = 1): QuantumMatter = QuantumMatter.fromOqtantJob(client.getJob(jobId, run))

    /** The matter of a job file; with [refresh] the file is brought up to date first. */
    @JvmOverloads
    public suspend fun loadMatterFromFile(path: Path, refresh: Boolean = true): QuantumMatter =
        QuantumMatter.fromOqtantJob(client.loadJobFromFile(path, refresh))

    /** The job (with its output once COMPLETE) of run [run]. */
    @JvmOverloads
    public suspend fun getResult(jobId: String, run: Int = 1): OqtantJob = client.getJob(jobId, run)

    /** [submit] for Java. */
    public fun submitAsync(matter: QuantumMatter, track: Boolean): CompletableFuture<String> = JavaBridge.future { submit(matter, track) }

    /** [submitListAsBatch] for Java; a null [name] takes the first matter's. */
    public fun submitListAsBatchAsync(matters: List<QuantumMatter>, name: String?, track: Boolean): CompletableFuture<String> =
        JavaBridge.future { submitListAsBatch(matters, name, track) }

    /** [loadMatterFromJobId] for Java. */
    public fun loadMatterFromJobIdAsync(jobId: String, run: Int): CompletableFuture<QuantumMatter> =
        JavaBridge.future { loadMatterFromJobId(jobId, run) }

    /** [loadMatterFromFile] for Java. */
    public fun loadMatterFromFileAsync(path: Path, refresh: Boolean): CompletableFuture<QuantumMatter> =
        JavaBridge.future { loadMatterFromFile(path, refresh) }

    /** [getResult] for Java. */
    public fun getResultAsync(jobId: String, run: Int): CompletableFuture<OqtantJob> = JavaBridge.future { getResult(jobId, run) }
}
