package io.qonduit.oqtant

import io.qonduit.config.Accounts
import io.qonduit.config.ConfigSources
import io.ktor.http.encodeURLPathPart
import io.qonduit.errors.ValidationException
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.JavaBridge
import io.qonduit.job.ProgressDisplay
import io.qonduit.oqtant.model.JobCreateResponse
import io.qonduit.oqtant.model.JobLimits
import io.qonduit.oqtant.model.JobStatus
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.RawImages
import io.qonduit.transport.HttpTransport
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.serialization.builtins.ListSerializer
import java.io.PrintStream
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CompletableFuture

/**
 * Client of the Oqtant quantum-matter service: every call of the Python `OqtantClient` (submit, get a
 * run, search, cancel, delete, raw images, job limits), its session features (active jobs,
 * `runJobs` with tracking and job files), and [backend]/[createJob] to run Oqtant jobs as Qonduit
 * [Job]s. The session features are thin wrappers over the same job model: every active job is a
 * [Job] on [backend], tracked by [CompositeJob] polling, so there is one poller and one state machine.
 *
 * All job calls go under `{baseUrl}/users/{user id}`, the user id being the access token's `sub`
 * claim without `auth0|` (decoded without checking the signature, as the Python client does). Every
 * request carries `Authorization: Bearer <token>` and `X-Client-Version`. The token never appears in
 * `toString`, logs or exceptions. 401/403 raise [io.qonduit.errors.AuthorizationException]; other
 * error statuses raise the typed [io.qonduit.errors.ApiException] family with status and body.
 *
 * ```
 * OqtantClient.create(Secret.of(token)).use { oqtant ->
 *     val ids = oqtant.runJobs(listOf(job), track = true, write = true)
 *     println(oqtant.getJob(ids[0]).inputs[0].output)
 * }
 * ```
 */
public class OqtantClient private constructor(builder: Builder) : AutoCloseable {
    /** The user id the access token names (`sub` without `auth0|`). */
    public val userId: String = OqtantToken.userId(builder.token)

    /** The value of the `X-Client-Version` header. */
    public val clientVersion: String = builder.clientVersion

    /** Wait between two polls of [trackJobs] and of jobs on [backend]. */
    public val pollInterval: Duration = builder.pollInterval

    private val token: Secret = builder.token
    internal val transport: HttpTransport = HttpTransport(builder.baseUrl, builder.config, owner = "OqtantClient") {
        mapOf("Authorization" to "Bearer ${token.reveal()}", "X-Client-Version" to clientVersion)
    }
    private val userPath = "/users/${userId.encodeURLPathPart()}"
    private val session = OqtantSession(this)

    /** The service's API root, e.g. `https://oqtant.infleqtion.com/api`. */
    public val baseUrl: String get() = transport.baseUrl

    /** Runs [OqtantJob]s as Qonduit [Job]s through this client (provider `"oqtant"`). */
    public val backend: OqtantBackend = OqtantBackend(this)

    // ---- jobs from documents -----------------------------------------------------------------

    /**
     * A job from a map of the job document's keys (as Python's `generate_oqtant_job(job=dict)`),
     * validated against every service limit.
     *
     * @throws ValidationException naming each problem, or when the map is not a job document
     */
    public fun generateOqtantJob(job: Map<String, Any?>): OqtantJob = OqtantJobDocuments.fromMap(job)

    /** A job from the job document's JSON, validated. @throws ValidationException as [generateOqtantJob] */
    public fun generateOqtantJob(json: String): OqtantJob = OqtantJobDocuments.fromJson(json)

    // ---- REST calls --------------------------------------------------------------------------

    /**
     * Validates and submits [job] (`POST {U}/jobs`). With [write], fetches the new job and writes it to
     * its job file in [directory] (default: the working directory), as the Python client does.
     *
     * @throws ValidationException before sending, when the job breaks a limit
     */
    @JvmOverloads
    public suspend fun submitJob(job: OqtantJob, write: Boolean = false, directory: Path? = null): JobCreateResponse {
        val body = OqtantJson.format.parseToJsonElement(OqtantJson.encodeSubmission(job))
        val created = transport.post("$userPath/jobs", body).decode(JobCreateResponse.serializer())
        val pending = job.copy(externalId = created.jobId, status = JobStatus.PENDING, inputCount = job.inputs.size)
        session.add(backend.attach(pending))
        session.saw(pending)
        if (write) OqtantJobFiles.write(getJob(created.jobId), directory = directory)
        return created
    }

    /** One run of a job (`GET {U}/jobs/{id}?run=`), in any status; [run] counts from 1. */
    @JvmOverloads
    public suspend fun getJob(jobId: String, run: Int = 1): OqtantJob {
        if (run < 1) throw ValidationException("run", run, "must be at least 1")
        // Decoded by streaming from the body text: images go straight into arrays, never a JSON tree.
        val job = transport.get("$userPath/jobs/${segment(jobId)}", mapOf("run" to run)).decode(OqtantJob.serializer())
        if (run == 1) session.saw(job)
        return job
    }

    /** Every run of a job in one [OqtantJob]: run 1, then runs 2..`input_count`, each fetched separately. */
    public suspend fun getJobWithAllRuns(jobId: String): OqtantJob = withAllRuns(getJob(jobId, 1))

    /** [first] (run 1 of a job) with runs 2..`input_count` fetched and appended. */
    internal suspend fun withAllRuns(first: OqtantJob): OqtantJob {
        val id = first.externalId ?: return first
        val count = first.inputCount ?: first.inputs.size
        if (count <= 1) return first
        val rest = (2..count).flatMap { getJob(id, it).inputs }
        return first.copy(inputs = first.inputs + rest)
    }

    /**
     * The inputs of an existing job without outputs, ready to submit again: one run ([run]) or all of
     * them (null), notes dropped unless [includeNotes]; status, ids and times are cleared.
     */
    @JvmOverloads
    public suspend fun getJobInputsWithoutOutput(jobId: String, run: Int? = null, includeNotes: Boolean = false): OqtantJob {
        val job = if (run == null) getJobWithAllRuns(jobId) else getJob(jobId, run)
        val inputs = job.inputs.map { it.copy(output = null, jobId = null, notes = if (includeNotes) it.notes else null) }
        return OqtantJob(job.name, inputs)
    }

    /** Jobs matching [search] (`GET {U}/jobs`), newest first; each holds its runs' inputs without outputs. */
    @JvmOverloads
    public suspend fun searchJobs(search: OqtantSearch = OqtantSearch()): List<OqtantJob> {
        return transport.get("$userPath/jobs", search.query()).decode(SearchReply.serializer()).items
    }

    /** [searchJobs] without COMPLETE jobs unless [includeComplete] (Python `get_queue_status`). */
    @JvmOverloads
    public suspend fun getQueueStatus(search: OqtantSearch = OqtantSearch(), includeComplete: Boolean = false): List<OqtantJob> =
        searchJobs(search).filter { includeComplete || it.status != JobStatus.COMPLETE }

    /** Cancels a pending or running job (`PUT {U}/jobs/{id}/cancel`). */
    public suspend fun cancelJob(jobId: String) {
        transport.send(io.ktor.http.HttpMethod.Put, "$userPath/jobs/${segment(jobId)}/cancel")
    }

    /** Deletes a job (`DELETE {U}/jobs/{id}`) and drops it from the active jobs. */
    public suspend fun deleteJob(jobId: String) {
        transport.delete("$userPath/jobs/${segment(jobId)}")
        session.forget(jobId)
    }

    /** The raw camera images of a job's completed runs (`GET {U}/jobs/{id}/raw_images`). */
    public suspend fun getRawImages(jobId: String): List<RawImages> =
        transport.get("$userPath/jobs/${segment(jobId)}/raw_images").decode(ListSerializer(RawImages.serializer()))

    /** The caller's job limits and credits (`GET {U}/job_limits`). */
    public suspend fun getJobLimits(): JobLimits = transport.get("$userPath/job_limits").decode(JobLimits.serializer())

    // ---- session: run, track, active jobs, files ----------------------------------------------
    // Thin wrappers over the job model (see OqtantSession): each active job is a Job on [backend].

    /**
     * Submits any number of jobs, in order, and returns their external ids.
     *
     * The service takes at most [MAX_JOBS_PER_RUN] jobs per run call, so the list is split into chunks
     * of that size and each chunk is submitted only after the previous one finished (is tracked to a
     * terminal status): a long list never has more than 30 jobs in flight. With [track], the last
     * chunk is tracked too. With [write], each tracked job is written to its job file when it finishes,
     * named after [fileNames] (one per job) or the external id, in [directory].
     *
     * While jobs are tracked, [listener] hears every status change; without one, each change is
     * printed on stderr as the Python client's `track_jobs` prints it ([OqtantStatusListener.console]),
     * unless the progress display is switched off ([ProgressDisplay.configured] is OFF).
     *
     * @throws ValidationException when a job breaks a limit (before anything is sent), or [fileNames]
     *   does not have one name per job
     */
    @JvmOverloads
    public suspend fun runJobs(
        jobs: List<OqtantJob>,
        track: Boolean = false,
        write: Boolean = false,
        fileNames: List<String>? = null,
        directory: Path? = null,
        listener: OqtantStatusListener? = null,
    ): List<String> {
        checkFileNames(fileNames, jobs.size)
        jobs.forEach { it.toSubmission() } // validates every job before the first is sent
        val reporter = listener ?: defaultListener()
        val ids = ArrayList<String>(jobs.size)
        val chunks = jobs.indices.chunked(MAX_JOBS_PER_RUN)
        chunks.forEachIndexed { c, indices ->
            val submitted = session.submit(indices.map { jobs[it] })
            ids += submitted.map { checkNotNull(it.taskId) }
            if (track || c < chunks.lastIndex) {
                session.track(submitted, write, fileNames?.let { names -> indices.map { names[it] } }, directory, reporter)
            }
        }
        return ids
    }

    /**
     * Polls the jobs every [pollInterval] until each is COMPLETE, FAILED, INCOMPLETE or CANCELLED and
     * returns them (run 1) in the order of [jobIds]. [listener] hears every status change (without
     * one, changes are printed on stderr as [runJobs] prints them). With
     * [write], each job's runs are written to their job files as it finishes. Jobs not yet active are
     * fetched and made active first.
     */
    @JvmOverloads
    public suspend fun trackJobs(
        jobIds: List<String>,
        write: Boolean = false,
        fileNames: List<String>? = null,
        directory: Path? = null,
        listener: OqtantStatusListener? = null,
    ): List<OqtantJob> {
        checkFileNames(fileNames, jobIds.size)
        val tracked = jobIds.map { id -> session.job(id) ?: backend.attach(getJob(id)).also(session::add) }
        val distinct = tracked.withIndex().distinctBy { it.value }
        session.track(distinct.map { it.value }, write, fileNames?.let { names -> distinct.map { names[it.index] } }, directory, listener ?: defaultListener())
        return tracked.map(session::view)
    }

    // Read at each call, so that a switch set after the client was built still counts.
    private fun defaultListener(): OqtantStatusListener? =
        if (ProgressDisplay.configured() == ProgressDisplay.OFF) null else OqtantStatusListener.console()

    /** The jobs of this session (submitted or loaded), in the order they were added. */
    public val activeJobs: List<OqtantJob> get() = session.all()

    /**
     * The active jobs, after fetching again those still PENDING or RUNNING when [refresh] (Python
     * `see_active_jobs`).
     */
    @JvmOverloads
    public suspend fun seeActiveJobs(refresh: Boolean = true): List<OqtantJob> {
        if (refresh) session.refresh()
        return session.all()
    }

    /** Fetches run [run] of a job into the active jobs and returns it. */
    @JvmOverloads
    public suspend fun loadJobFromId(jobId: String, run: Int = 1): OqtantJob =
        getJob(jobId, run).also { session.add(backend.attach(it)) }

    /** Fetches run 1 of each job into the active jobs. */
    public suspend fun loadJobFromIdList(jobIds: List<String>): List<OqtantJob> = jobIds.map { loadJobFromId(it) }

    /**
     * Reads a job file into the active jobs. With [refresh], downloads the job again (the file's run)
     * and overwrites the file with the fresh state.
     *
     * @throws OqtantJobFileException when the file cannot be read or parsed, or the refresh fails
     */
    @JvmOverloads
    public suspend fun loadJobFromFile(path: Path, refresh: Boolean = true): OqtantJob {
        var job = OqtantJobFiles.read(path)
        if (refresh) {
            val id = job.externalId ?: throw OqtantJobFileException("Failed to refresh job from $path: it has no external_id")
            job = try {
                getJob(id, job.run ?: 1)
            } catch (e: io.qonduit.errors.QonduitException) {
                throw OqtantJobFileException("Failed to refresh job from $path: ${e.message}", e)
            }
            OqtantJobFiles.write(job, filePath = path)
        }
        if (job.externalId != null) {
            val loaded = job
            session.add(backend.attach(loaded) { loaded })
            session.saw(loaded)
        }
        return job
    }

    /** [loadJobFromFile] for each path. */
    @JvmOverloads
    public suspend fun loadJobFromFileList(paths: List<Path>, refresh: Boolean = true): List<OqtantJob> =
        paths.map { loadJobFromFile(it, refresh) }

    /** Writes [job] to its job file; see [OqtantJobFiles.write]. */
    @JvmOverloads
    public fun writeJobToFile(job: OqtantJob, fileName: String? = null, filePath: Path? = null, directory: Path? = null): Path =
        OqtantJobFiles.write(job, fileName, filePath, directory)

    // ---- Qonduit jobs ------------------------------------------------------------------------

    /**
     * A Qonduit [Job] running [job] on this client's [backend] (not yet submitted).
     *
     * @throws ValidationException when the job breaks a limit
     */
    @JvmOverloads
    public fun createJob(job: OqtantJob, tag: String? = null): Job = backend.createJob(job, tag)

    /** One Qonduit job per Oqtant job, as a composite (not yet submitted). */
    public fun createJobs(jobs: List<OqtantJob>): CompositeJob = CompositeJob(jobs.map { createJob(it) })

    /** A Qonduit [Job] following a job already submitted as [jobId]. */
    public suspend fun job(jobId: String): Job = backend.attach(getJob(jobId))

    /**
     * Closes this client: every later call throws `IllegalStateException("this OqtantClient is closed")` before
     * sending anything. Safe to call twice. The HTTP engine is shared by all clients of the process (or
     * is the one given in the transport config, which its owner closes), so no thread is left behind.
     */
    override fun close(): Unit = transport.close()

    override fun toString(): String = "OqtantClient($baseUrl, user=$userId)"

    // ---- Java bridges ------------------------------------------------------------------------

    /** [submitJob] for Java. */
    public fun submitJobAsync(job: OqtantJob): CompletableFuture<JobCreateResponse> = JavaBridge.future { submitJob(job) }

    /** [getJob] for Java. */
    @JvmOverloads
    public fun getJobAsync(jobId: String, run: Int = 1): CompletableFuture<OqtantJob> = JavaBridge.future { getJob(jobId, run) }

    /** [searchJobs] for Java. */
    public fun searchJobsAsync(search: OqtantSearch): CompletableFuture<List<OqtantJob>> = JavaBridge.future { searchJobs(search) }

    /** [cancelJob] for Java. */
    public fun cancelJobAsync(jobId: String): CompletableFuture<Void?> = JavaBridge.future { cancelJob(jobId); null }

    /** [deleteJob] for Java. */
    public fun deleteJobAsync(jobId: String): CompletableFuture<Void?> = JavaBridge.future { deleteJob(jobId); null }

    /** [getRawImages] for Java. */
    public fun getRawImagesAsync(jobId: String): CompletableFuture<List<RawImages>> = JavaBridge.future { getRawImages(jobId) }

    /** [getJobLimits] for Java. */
    public fun getJobLimitsAsync(): CompletableFuture<JobLimits> = JavaBridge.future { getJobLimits() }

    /** [runJobs] for Java. */
    @JvmOverloads
    public fun runJobsAsync(jobs: List<OqtantJob>, track: Boolean, write: Boolean = false, directory: Path? = null): CompletableFuture<List<String>> =
        JavaBridge.future { runJobs(jobs, track, write, directory = directory) }

    /** [trackJobs] for Java. */
    public fun trackJobsAsync(jobIds: List<String>): CompletableFuture<List<OqtantJob>> = JavaBridge.future { trackJobs(jobIds) }

    /** [seeActiveJobs] for Java. */
    public fun seeActiveJobsAsync(refresh: Boolean): CompletableFuture<List<OqtantJob>> = JavaBridge.future { seeActiveJobs(refresh) }

    /** [loadJobFromId] for Java. */
    public fun loadJobFromIdAsync(jobId: String, run: Int): CompletableFuture<OqtantJob> = JavaBridge.future { loadJobFromId(jobId, run) }

    /** [getJobWithAllRuns] for Java. */
    public fun getJobWithAllRunsAsync(jobId: String): CompletableFuture<OqtantJob> = JavaBridge.future { getJobWithAllRuns(jobId) }

    /** [getJobInputsWithoutOutput] for Java; a null [run] takes every run. */
    public fun getJobInputsWithoutOutputAsync(jobId: String, run: Int?, includeNotes: Boolean): CompletableFuture<OqtantJob> =
        JavaBridge.future { getJobInputsWithoutOutput(jobId, run, includeNotes) }

    /** [getQueueStatus] for Java. */
    public fun getQueueStatusAsync(search: OqtantSearch, includeComplete: Boolean): CompletableFuture<List<OqtantJob>> =
        JavaBridge.future { getQueueStatus(search, includeComplete) }

    /** [loadJobFromIdList] for Java. */
    public fun loadJobFromIdListAsync(jobIds: List<String>): CompletableFuture<List<OqtantJob>> = JavaBridge.future { loadJobFromIdList(jobIds) }

    /** [loadJobFromFileList] for Java. */
    public fun loadJobFromFileListAsync(paths: List<Path>, refresh: Boolean): CompletableFuture<List<OqtantJob>> =
        JavaBridge.future { loadJobFromFileList(paths, refresh) }

    /** [job] for Java. */
    public fun jobAsync(jobId: String): CompletableFuture<Job> = JavaBridge.future { job(jobId) }

    /** [submitJob] with a job file for Java; a null [directory] is the working directory. */
    public fun submitJobAsync(job: OqtantJob, write: Boolean, directory: Path?): CompletableFuture<JobCreateResponse> =
        JavaBridge.future { submitJob(job, write, directory) }

    /** [runJobs] with every option for Java; null [fileNames], [directory] or [listener] take the defaults. */
    public fun runJobsAsync(
        jobs: List<OqtantJob>,
        track: Boolean,
        write: Boolean,
        fileNames: List<String>?,
        directory: Path?,
        listener: OqtantStatusListener?,
    ): CompletableFuture<List<String>> = JavaBridge.future { runJobs(jobs, track, write, fileNames, directory, listener) }

    /** [trackJobs] with every option for Java; null [fileNames], [directory] or [listener] take the defaults. */
    public fun trackJobsAsync(
        jobIds: List<String>,
        write: Boolean,
        fileNames: List<String>?,
        directory: Path?,
        listener: OqtantStatusListener?,
    ): CompletableFuture<List<OqtantJob>> = JavaBridge.future { trackJobs(jobIds, write, fileNames, directory, listener) }

    /** [loadJobFromFile] for Java. */
    public fun loadJobFromFileAsync(path: Path, refresh: Boolean): CompletableFuture<OqtantJob> = JavaBridge.future { loadJobFromFile(path, refresh) }

    private fun checkFileNames(fileNames: List<String>?, jobs: Int) {
        if (fileNames != null && fileNames.size != jobs) {
            throw ValidationException("fileNames", fileNames.size, "must have one name per job ($jobs)")
        }
    }

    private fun segment(id: String): String {
        if (id.isEmpty() || id.any { it == '/' || it == '?' || it == '#' }) throw ValidationException("jobId", id, "must be a job's external id")
        return id.encodeURLPathPart()
    }

    /** Builder for [OqtantClient]. */
    public class Builder internal constructor(internal val token: Secret) {
        internal var baseUrl: String = DEFAULT_BASE_URL
        internal var config: TransportConfig = TransportConfig.DEFAULT
        internal var clientVersion: String = DEFAULT_CLIENT_VERSION
        internal var pollInterval: Duration = DEFAULT_POLL_INTERVAL

        /** The API root (default [DEFAULT_BASE_URL]; the emulator's is `emulator.url("oqtant")`). */
        public fun baseUrl(value: String): Builder = apply { baseUrl = value }

        /** HTTP settings. */
        public fun transportConfig(value: TransportConfig): Builder = apply { config = value }

        /** The `X-Client-Version` header (default [DEFAULT_CLIENT_VERSION]). */
        public fun clientVersion(value: String): Builder = apply {
            require(value.isNotBlank()) { "clientVersion must not be blank" }
            clientVersion = value
        }

        /** Wait between polls when tracking (default 2 s, as the Python client). */
        public fun pollInterval(value: Duration): Builder = apply {
            require(!value.isNegative && !value.isZero) { "pollInterval must be positive, was $value" }
            pollInterval = value
        }

        /**
         * Builds the client.
         *
         * @throws OqtantTokenException when the token is not a JWT with a `sub` claim
         */
        public fun build(): OqtantClient = OqtantClient(this)
    }

    /** Factories and defaults. */
    public companion object {
        /** The service's API root. */
        public const val DEFAULT_BASE_URL: String = "https://oqtant.infleqtion.com/api"

        /** The Python client version whose API this client speaks, sent as `X-Client-Version`. */
        public const val DEFAULT_CLIENT_VERSION: String = "3.3.4"

        /** Most jobs one run call may submit. */
        public const val MAX_JOBS_PER_RUN: Int = 30

        /** Default wait between polls. */
        @JvmField
        public val DEFAULT_POLL_INTERVAL: Duration = Duration.ofSeconds(2)

        /** A client of the real service. @throws OqtantTokenException for a malformed token */
        @JvmStatic
        public fun create(token: Secret): OqtantClient = builder(token).build()

        /** A client of the service at [baseUrl]. @throws OqtantTokenException for a malformed token */
        @JvmStatic
        public fun create(token: Secret, baseUrl: String): OqtantClient = builder(token).baseUrl(baseUrl).build()

        /** A builder authenticating with [token]. */
        @JvmStatic
        public fun builder(token: Secret): Builder = Builder(token)

        /**
         * A client for the account [io.qonduit.config.Accounts.oqtant] resolves: [token] when given,
         * else the token the Python client saves in `~/.access-token.txt` under [sources]' home;
         * [url] when given, else [DEFAULT_BASE_URL].
         *
         * @throws io.qonduit.config.ConfigurationException when no token is found, naming every place looked
         * @throws OqtantTokenException for a malformed token
         */
        @JvmStatic
        @JvmOverloads
        public fun fromEnv(sources: ConfigSources = ConfigSources.system(), url: String? = null, token: Secret? = null): OqtantClient {
            val account = Accounts.oqtant(sources, url, token)
            return builder(account.token!!).baseUrl(account.endpoint).build()
        }
    }
}

/** Hears every status change while jobs are tracked. */
public fun interface OqtantStatusListener {
    /** [job] (run 1) was seen with a new status. */
    public fun onStatus(job: OqtantJob)

    /** Ready-made listeners. */
    public companion object {
        /**
         * Prints one line per status change on [out] (stderr by default), as the Python client's
         * `track_jobs` reports: `- Job: NAME (EXTERNAL_ID): STATUS`.
         */
        @JvmStatic
        @JvmOverloads
        public fun console(out: PrintStream = System.err): OqtantStatusListener =
            OqtantStatusListener { job -> out.println("- Job: ${job.name} (${job.externalId}): ${job.status}") }
    }
}

/** The body of `GET {U}/jobs`: only `items` is read. */
@kotlinx.serialization.Serializable
private class SearchReply(val items: List<OqtantJob> = emptyList())
