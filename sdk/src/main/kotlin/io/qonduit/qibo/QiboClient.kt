package io.qonduit.qibo

import io.qonduit.config.Accounts
import io.qonduit.config.ConfigSources
import io.ktor.http.HttpMethod
import io.qonduit.circuit.Circuit
import io.qonduit.errors.ApiException
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.QonduitException
import io.qonduit.errors.ValidationException
import io.qonduit.job.JavaBridge
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.NativeProgram
import io.qonduit.qibo.QiboJson.str
import io.qonduit.transport.Body
import io.qonduit.transport.HttpTransport
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.time.Duration
import java.util.concurrent.CompletableFuture
import kotlin.time.Duration.Companion.milliseconds

/**
 * Client of a Qibo cloud server: every call of qibo-client's `Client` and `QiboJob`, with jobs run
 * as Qonduit [Job]s through [target] / [runCircuit].
 *
 * Sends `x-api-token` (the token, never logged or shown) and `x-qibo-client-version` on every
 * call, over Qonduit's transport with qibo-client's 60 s timeout. Before each submission it checks
 * `GET /api/qibo_version/` as qibo-client does: a declared client qibo version below the server's
 * minimum is a [QiboVersionException]; one older than the server's is a warning ([Builder.warnings]).
 *
 * As in qibo-client, the results folder defaults to the environment variable
 * `RESULTS_BASE_FOLDER`, else `<java.io.tmpdir>/qibo_client`; each job's archive is extracted into
 * `<folder>/<pid>`. The polling interval defaults to `SECONDS_BETWEEN_CHECKS` when set, else
 * `result(wait=0.5)`'s half a second. The token has no environment variable, as in qibo-client.
 *
 * ```
 * QiboClient.create("https://qibo.example", Secret.of(token)).use { qibo ->
 *     val job = qibo.runCircuit(ghz, device = "sim", nshots = 1000)
 *     println(job.execute().items().single().counts("c"))
 * }
 * ```
 */
public class QiboClient private constructor(builder: Builder) : AutoCloseable {
    private val token: Secret = builder.token

    /** The qibo version this client declares (and writes into circuit JSON). */
    public val clientQiboVersion: String = builder.clientQiboVersion

    /** Where job archives are extracted, one folder per pid. */
    public val resultsFolder: Path = builder.resultsFolder

    /** How often jobs are polled. */
    public val pollInterval: Duration = builder.pollInterval

    private val warnings: QiboWarningListener = builder.warnings
    private val maxArchiveBytes = builder.maxArchiveBytes
    private val extractor = SafeTarGz(builder.maxArchiveEntries, builder.maxArchiveBytes)

    internal val transport: HttpTransport = HttpTransport(
        builder.url,
        builder.transport.toBuilder().requestTimeout(builder.transport.requestTimeout.coerceAtMost(TIMEOUT)).build(),
        owner = "QiboClient",
    ) { mapOf(TOKEN_HEADER to token.reveal(), VERSION_HEADER to CLIENT_VERSION) }

    /** The server's root URL, as given. */
    public val baseUrl: String get() = transport.baseUrl

    // ---- version -----------------------------------------------------------------------------

    /** `GET /api/qibo_version/`. */
    public suspend fun serverVersion(): QiboServerVersion = call(HttpMethod.Get, VERSION_PATH) {
        val obj = QiboJson.requireObject(transport.get(VERSION_PATH).json(), "GET $VERSION_PATH")
        QiboJson.requireKeys(obj, "GET $VERSION_PATH", "server_qibo_version", "minimum_client_qibo_version")
        QiboServerVersion(obj.str("server_qibo_version").orEmpty(), obj.str("minimum_client_qibo_version").orEmpty())
    }

    /**
     * qibo-client's `check_client_server_qibo_versions`: compares [clientQiboVersion] with the
     * server's, as PEP 440 versions (`0.1.2a` < `0.1.2`).
     *
     * @throws QiboVersionException when the client's qibo is below the server's minimum
     */
    public suspend fun checkClientServerQiboVersions(): QiboServerVersion {
        val versions = serverVersion()
        val client = version(clientQiboVersion, "clientQiboVersion")
        val minimum = version(versions.minimumClientQiboVersion, "minimum_client_qibo_version")
        val server = version(versions.serverQiboVersion, "server_qibo_version")
        if (client < minimum) throw QiboVersionException(clientQiboVersion, versions.minimumClientQiboVersion)
        if (client < server) {
            warnings.warn("Local Qibo package version does not match the server one, please upgrade: $clientQiboVersion -> ${versions.serverQiboVersion}")
        }
        return versions
    }

    private fun version(text: String, field: String): QiboVersion =
        QiboVersion.parse(text) ?: throw QiboMalformedResponseException("GET $VERSION_PATH", emptyList(), "$field '$text' is not a version")

    // ---- running -----------------------------------------------------------------------------

    /** Device [device] as a Qonduit target charging [project], running circuits [verbatim] or transpiled. */
    @JvmOverloads
    public fun target(device: String, project: String = DEFAULT_PROJECT, verbatim: Boolean = false): QiboTarget {
        if (device.isBlank()) throw ValidationException("device", device, "must name a partition")
        return QiboTarget(this, device, QiboOptions(project, verbatim))
    }

    /**
     * qibo-client's `run_circuit`: checks the versions, posts [circuit] (written as qibo's circuit
     * JSON) and returns the submitted job. [nshots] null lets the server choose, as in qibo-client.
     */
    @JvmOverloads
    public suspend fun runCircuit(circuit: Circuit, device: String, project: String = DEFAULT_PROJECT, nshots: Int? = null, verbatim: Boolean = false): Job =
        submit(RunItem(circuit, nshots), device, project, verbatim)

    /** [runCircuit] of qibo circuit JSON (`Circuit.raw`) passed as given. */
    @JvmSynthetic
    public suspend fun runCircuit(circuit: JsonObject, device: String, project: String = DEFAULT_PROJECT, nshots: Int? = null, verbatim: Boolean = false): Job =
        runCircuitJson(circuit.toString(), device, project, nshots, verbatim)

    /** [runCircuit] of qibo circuit JSON text, passed as given. @throws ValidationException when it is not a JSON object */
    @JvmOverloads
    public suspend fun runCircuitJson(circuitJson: String, device: String, project: String = DEFAULT_PROJECT, nshots: Int? = null, verbatim: Boolean = false): Job {
        QiboTarget.nativeCircuit(NativeProgram(QiboTarget.QIBO_JSON, circuitJson), "circuit")
        return submit(RunItem(NativeProgram(QiboTarget.QIBO_JSON, circuitJson), nshots), device, project, verbatim)
    }

    private suspend fun submit(item: RunItem, device: String, project: String, verbatim: Boolean): Job {
        val target = target(device, project, verbatim)
        return target.createJob(item).submit()
    }

    /**
     * `POST /api/jobs/` of [circuit]: the pid, after the version check.
     *
     * A lost reply (the connection dropped after sending) raises the [ConnectionException] itself:
     * the job may exist, and since the endpoint is not idempotent and takes no client key, nothing is
     * sent again; [QiboTarget] looks the job up instead.
     *
     * @throws QiboJobPostException when the server answers without a pid (even with 200)
     */
    internal suspend fun postCircuit(circuit: JsonObject, device: String, project: String, nshots: Int?, verbatim: Boolean): String {
        checkClientServerQiboVersions()
        val body = buildJsonObject {
            put("circuit", circuit)
            put("nshots", nshots?.let(::JsonPrimitive) ?: JsonNull)
            put("device", device)
            put("project", project)
            put("verbatim", verbatim)
        }
        val reply = try {
            transport.send(HttpMethod.Post, JOBS_PATH, Body.JsonBody(body))
        } catch (e: ApiException) {
            throw QiboApiException.of(e, url(JOBS_PATH))
        }
        val obj = QiboJson.requireObject(reply.json(), "POST $JOBS_PATH")
        return obj.str("pid")?.takeIf { it.isNotBlank() } ?: throw QiboJobPostException(obj.str("detail") ?: reply.text.ifBlank { "no pid in the reply" })
    }

    // ---- jobs --------------------------------------------------------------------------------

    /** `GET /api/jobs/{pid}/`: status, queue position, seconds to start, ... */
    public suspend fun getJob(pid: String): QiboJobInfo {
        val path = jobPath(pid)
        return call(HttpMethod.Get, path) { QiboJobInfo.of(QiboJson.requireObject(transport.get(path).json(), "GET $path"), pid) }
    }

    /**
     * qibo-client's `get_job`: the existing job [pid] as a Qonduit [Job], its program the circuit
     * JSON the server stores for it, its device the job's partition.
     */
    public suspend fun job(pid: String): Job {
        val info = getJob(pid)
        val device = info.device ?: throw QiboMalformedResponseException("GET ${jobPath(pid)}", listOf("projectquota.partition.name"))
        val circuit = info.circuitJson ?: throw QiboMalformedResponseException("GET ${jobPath(pid)}", listOf("circuit"))
        val target = target(device, info.project ?: DEFAULT_PROJECT, info.verbatim ?: false)
        val input = JobInput(listOf(RunItem(NativeProgram(QiboTarget.QIBO_JSON, circuit), info.nshots)), device, RunOptions.builder().provider(target.options).build(), null)
        return Job.attach(target, input, pid)
    }

    /** `GET /api/jobs/`: the caller's jobs. */
    public suspend fun listJobs(): List<QiboJobSummary> = call(HttpMethod.Get, JOBS_PATH) {
        QiboJson.requireArray(transport.get(JOBS_PATH).json(), "GET $JOBS_PATH").map { QiboJobSummary.of(QiboJson.requireObject(it, "GET $JOBS_PATH")) }
    }

    /** `DELETE /api/jobs/{pid}/`: the server's `detail` (`Job <pid> deleted`). */
    public suspend fun deleteJob(pid: String): String {
        val path = jobPath(pid)
        return call(HttpMethod.Delete, path) { QiboJson.requireObject(transport.delete(path).json(), "DELETE $path").str("detail").orEmpty() }
    }

    /** `DELETE /api/jobs/bulk_delete/`: the pids deleted. */
    public suspend fun deleteAllJobs(): List<String> = call(HttpMethod.Delete, BULK_DELETE_PATH) {
        val obj = QiboJson.requireObject(transport.delete(BULK_DELETE_PATH).json(), "DELETE $BULK_DELETE_PATH")
        QiboJson.requireKeys(obj, "DELETE $BULK_DELETE_PATH", "deleted")
        QiboJson.requireArray(obj["deleted"]!!, "DELETE $BULK_DELETE_PATH").map { (it as? JsonPrimitive)?.content.orEmpty() }
    }

    // ---- results -----------------------------------------------------------------------------

    /**
     * `GET /api/jobs/{pid}/download/` of a finished job: the archive, extracted safely into
     * `<resultsFolder>/<pid>`, and `results.npy` decoded on success. Error jobs are extracted too, for their logs.
     *
     * @throws QiboArchiveException when the archive breaks a rule of the extraction
     * @throws NpyFormatException when `results.npy` is not a qibo result
     */
    public suspend fun download(pid: String, status: QiboJobStatus): QiboJobResult {
        val path = jobPath(pid) + "download/"
        // Streamed to a temporary file, capped, then extracted from it: the archive is never whole in memory,
        // and a network failure while downloading stays apart from a broken archive.
        val archive = withContext(Dispatchers.IO) { java.nio.file.Files.createTempFile("qonduit-qibo-", ".tar.gz") }
        try {
            call(HttpMethod.Get, path) {
                transport.downloadTo(path, archive, maxArchiveBytes) { limit -> QiboArchiveException(null, "at most $limit bytes in total (the download is longer)") }
            }
            return extracted(pid, status, archive)
        } finally {
            withContext(NonCancellable + Dispatchers.IO) { java.nio.file.Files.deleteIfExists(archive) }
        }
    }

    private suspend fun extracted(pid: String, status: QiboJobStatus, archive: java.nio.file.Path): QiboJobResult {
        val folder = resultsFolder.resolve(pid)
        return withContext(Dispatchers.IO) {
            val files = java.nio.file.Files.newInputStream(archive).use { extractor.extract(it, folder) }
            val decoded = if (status == QiboJobStatus.SUCCESS && QiboJobResult.RESULTS_FILE in files) {
                QiboResults.load(folder.resolve(QiboJobResult.RESULTS_FILE)).located(pid, folder, files)
            } else {
                null
            }
            QiboJobResult(pid, status, folder, files, decoded)
        }
    }

    /**
     * qibo-client's `QiboJob.result(wait)`: polls the job every [wait] until `success` or `error`
     * (within [timeout], null for none), then [download]s it.
     *
     * @throws io.qonduit.job.JobTimeoutException when [timeout] passes first
     */
    @JvmOverloads
    public suspend fun result(pid: String, wait: Duration = pollInterval, timeout: Duration? = null): QiboJobResult {
        var last: QiboJobInfo? = null
        val done = io.qonduit.job.Deadline.of(timeout?.toMillis()?.milliseconds).repeatUntil(io.qonduit.job.PollCadence.fixed(wait)) {
            getJob(pid).also { last = it }.status?.isTerminal == true
        }
        val info = last
        if (!done || info == null) {
            throw io.qonduit.job.JobTimeoutException("waiting for", listOf(pid), timeout?.toMillis() ?: 0, listOfNotNull(info?.status?.state))
        }
        return download(pid, info.status!!)
    }

    // ---- quotas ------------------------------------------------------------------------------

    /** `GET /api/disk_quota/`: the caller's disk quota (element 0 of the list). */
    public suspend fun diskQuota(): QiboDiskQuota = call(HttpMethod.Get, DISK_QUOTA_PATH) {
        val list = QiboJson.requireArray(transport.get(DISK_QUOTA_PATH).json(), "GET $DISK_QUOTA_PATH")
        QiboDiskQuota.of(QiboJson.requireObject(list.firstOrNull() ?: throw QiboMalformedResponseException("GET $DISK_QUOTA_PATH", emptyList(), "the list is empty"), "GET $DISK_QUOTA_PATH"))
    }

    /** `GET /api/projectquotas/`: what each project may still use on each partition. */
    public suspend fun projectQuotas(): List<QiboProjectQuota> = call(HttpMethod.Get, PROJECT_QUOTAS_PATH) {
        QiboJson.requireArray(transport.get(PROJECT_QUOTAS_PATH).json(), "GET $PROJECT_QUOTAS_PATH").map { QiboProjectQuota.of(QiboJson.requireObject(it, "GET $PROJECT_QUOTAS_PATH")) }
    }

    /** qibo-client's `print_quota_info`, as text ([QiboTables.quotas]). */
    public suspend fun quotaInfo(): String = QiboTables.quotas(diskQuota(), projectQuotas())

    /** qibo-client's `print_job_info`, as text ([QiboTables.jobs]). */
    public suspend fun jobInfo(): String = QiboTables.jobs(listJobs())

    override fun close() {
        transport.close()
    }

    override fun toString(): String = "QiboClient($baseUrl)"

    // ---- Java twins --------------------------------------------------------------------------

    /** [serverVersion] for Java. */
    public fun serverVersionAsync(): CompletableFuture<QiboServerVersion> = JavaBridge.future { serverVersion() }

    /** [checkClientServerQiboVersions] for Java. */
    public fun checkClientServerQiboVersionsAsync(): CompletableFuture<QiboServerVersion> = JavaBridge.future { checkClientServerQiboVersions() }

    /** [runCircuit] for Java. */
    @JvmOverloads
    public fun runCircuitAsync(circuit: Circuit, device: String, project: String = DEFAULT_PROJECT, nshots: Int? = null, verbatim: Boolean = false): CompletableFuture<Job> =
        JavaBridge.future { runCircuit(circuit, device, project, nshots, verbatim) }

    /** [runCircuitJson] for Java. */
    @JvmOverloads
    public fun runCircuitJsonAsync(circuitJson: String, device: String, project: String = DEFAULT_PROJECT, nshots: Int? = null, verbatim: Boolean = false): CompletableFuture<Job> =
        JavaBridge.future { runCircuitJson(circuitJson, device, project, nshots, verbatim) }

    /** [getJob] for Java. */
    public fun getJobAsync(pid: String): CompletableFuture<QiboJobInfo> = JavaBridge.future { getJob(pid) }

    /** [job] for Java. */
    public fun jobAsync(pid: String): CompletableFuture<Job> = JavaBridge.future { job(pid) }

    /** [listJobs] for Java. */
    public fun listJobsAsync(): CompletableFuture<List<QiboJobSummary>> = JavaBridge.future { listJobs() }

    /** [deleteJob] for Java. */
    public fun deleteJobAsync(pid: String): CompletableFuture<String> = JavaBridge.future { deleteJob(pid) }

    /** [deleteAllJobs] for Java. */
    public fun deleteAllJobsAsync(): CompletableFuture<List<String>> = JavaBridge.future { deleteAllJobs() }

    /** [download] for Java. */
    public fun downloadAsync(pid: String, status: QiboJobStatus): CompletableFuture<QiboJobResult> = JavaBridge.future { download(pid, status) }

    /** [result] for Java. */
    @JvmOverloads
    public fun resultAsync(pid: String, wait: Duration = pollInterval, timeout: Duration? = null): CompletableFuture<QiboJobResult> =
        JavaBridge.future { result(pid, wait, timeout) }

    /** [diskQuota] for Java. */
    public fun diskQuotaAsync(): CompletableFuture<QiboDiskQuota> = JavaBridge.future { diskQuota() }

    /** [projectQuotas] for Java. */
    public fun projectQuotasAsync(): CompletableFuture<List<QiboProjectQuota>> = JavaBridge.future { projectQuotas() }

    /** [quotaInfo] for Java. */
    public fun quotaInfoAsync(): CompletableFuture<String> = JavaBridge.future { quotaInfo() }

    /** [jobInfo] for Java. */
    public fun jobInfoAsync(): CompletableFuture<String> = JavaBridge.future { jobInfo() }

    // ---- internals ---------------------------------------------------------------------------

    private fun url(path: String): String = baseUrl + path

    /** Turns transport errors into [QiboApiException]s (network failures with status 0). */
    private suspend fun <T> call(method: HttpMethod, path: String, block: suspend () -> T): T = try {
        block()
    } catch (e: ApiException) {
        if (e is QiboApiException) throw e
        throw QiboApiException.of(e, url(path))
    } catch (e: ConnectionException) {
        throw QiboApiException.network(e, method.value, url(path))
    }

    /** Builder of a [QiboClient]: the server's [url] and the API [token] are required, as in qibo-client. */
    public class Builder internal constructor(internal val url: String, internal val token: Secret) {
        private var environment: Map<String, String> = System.getenv()
        internal var transport: TransportConfig = TransportConfig.DEFAULT
        internal var clientQiboVersion: String = QiboCircuitJson.QIBO_VERSION
        private var folder: Path? = null
        private var interval: Duration? = null
        internal var maxArchiveEntries: Int = DEFAULT_MAX_ARCHIVE_ENTRIES
        internal var maxArchiveBytes: Long = DEFAULT_MAX_ARCHIVE_BYTES
        internal var warnings: QiboWarningListener = QiboWarningListener.SLF4J

        internal val resultsFolder: Path
            get() = folder ?: environment[RESULTS_BASE_FOLDER]?.takeIf { it.isNotBlank() }?.let { Paths.get(it) }
                ?: Paths.get(System.getProperty("java.io.tmpdir"), "qibo_client")

        internal val pollInterval: Duration
            get() = interval ?: environment[SECONDS_BETWEEN_CHECKS]?.toDoubleOrNull()?.takeIf { it > 0 }?.let { Duration.ofMillis((it * 1000).toLong().coerceAtLeast(1)) }
                ?: DEFAULT_WAIT

        /** Retries, connect timeout, logger and user agent; the request timeout is at most qibo-client's 60 s. */
        public fun transport(value: TransportConfig): Builder = apply { transport = value }

        /** The qibo version this client declares (default [QiboCircuitJson.QIBO_VERSION]). @throws ValidationException when not a PEP 440 version */
        public fun clientQiboVersion(value: String): Builder = apply {
            if (QiboVersion.parse(value) == null) throw ValidationException("clientQiboVersion", value, "must be a version such as 0.3.6 or 0.1.2a")
            clientQiboVersion = value
        }

        /** Where archives are extracted (default `RESULTS_BASE_FOLDER`, else `<java.io.tmpdir>/qibo_client`). */
        public fun resultsFolder(value: Path): Builder = apply { folder = value }

        /** The polling interval (default `SECONDS_BETWEEN_CHECKS`, else 0.5 s). @throws ValidationException when not positive */
        public fun pollInterval(value: Duration): Builder = apply {
            if (value.isZero || value.isNegative) throw ValidationException("pollInterval", value, "must be positive")
            interval = value
        }

        /** The environment the defaults are read from (default the process's). */
        public fun environment(value: Map<String, String>): Builder = apply { environment = value.toMap() }

        /** The most entries an archive may have. @throws ValidationException when below 1 */
        public fun maxArchiveEntries(value: Int): Builder = apply {
            if (value < 1) throw ValidationException("maxArchiveEntries", value, "must be at least 1")
            maxArchiveEntries = value
        }

        /** The most bytes an archive may unpack to, in total. @throws ValidationException when below 1 */
        public fun maxArchiveBytes(value: Long): Builder = apply {
            if (value < 1) throw ValidationException("maxArchiveBytes", value, "must be at least 1")
            maxArchiveBytes = value
        }

        /** Receives warnings such as an older client qibo than the server's (default: SLF4J at WARN). */
        public fun warnings(value: QiboWarningListener): Builder = apply { warnings = value }

        /** The client. */
        public fun build(): QiboClient = QiboClient(this)
    }

    public companion object {
        /** The API token header. */
        public const val TOKEN_HEADER: String = "x-api-token"

        /** The client version header. */
        public const val VERSION_HEADER: String = "x-qibo-client-version"

        /** The qibo-client version this client follows, sent as [VERSION_HEADER]. */
        public const val CLIENT_VERSION: String = "0.2.5"

        /** qibo-client's default project. */
        public const val DEFAULT_PROJECT: String = "personal"

        /** The environment variable naming the results folder (qibo-client's). */
        public const val RESULTS_BASE_FOLDER: String = "RESULTS_BASE_FOLDER"

        /** The environment variable giving the polling interval in seconds (qibo-client's). */
        public const val SECONDS_BETWEEN_CHECKS: String = "SECONDS_BETWEEN_CHECKS"

        /** Default most entries of an archive. */
        public const val DEFAULT_MAX_ARCHIVE_ENTRIES: Int = 1000

        /** Default most bytes an archive unpacks to: 1 GiB. */
        public const val DEFAULT_MAX_ARCHIVE_BYTES: Long = 1L shl 30

        /** qibo-client's `TIMEOUT` of every request. */
        private val TIMEOUT: Duration = Duration.ofSeconds(60)

        /** `result(wait=0.5)`. */
        private val DEFAULT_WAIT: Duration = Duration.ofMillis(500)

        internal const val VERSION_PATH = "/api/qibo_version/"
        internal const val JOBS_PATH = "/api/jobs/"
        private const val BULK_DELETE_PATH = "/api/jobs/bulk_delete/"
        private const val DISK_QUOTA_PATH = "/api/disk_quota/"
        private const val PROJECT_QUOTAS_PATH = "/api/projectquotas/"

        /** A client of the server at [url] with [token]. */
        @JvmStatic
        public fun create(url: String, token: Secret): QiboClient = Builder(url, token).build()

        /**
         * A client for the account [io.qonduit.config.Accounts.qibo] resolves: [url] and [token] when
         * given, else `QIBO_URL` and `QIBO_TOKEN` from [sources], whose environment also supplies
         * `RESULTS_BASE_FOLDER` and `SECONDS_BETWEEN_CHECKS`.
         *
         * @throws io.qonduit.config.ConfigurationException naming what is missing and every place looked
         */
        @JvmStatic
        @JvmOverloads
        public fun fromEnv(sources: ConfigSources = ConfigSources.system(), url: String? = null, token: Secret? = null): QiboClient {
            val account = Accounts.qibo(sources, url, token)
            return Builder(account.endpoint, account.token!!).environment(sources.environment).build()
        }

        /** A builder for the server at [url] with [token]. */
        @JvmStatic
        public fun builder(url: String, token: Secret): Builder = Builder(url, token)

        internal fun jobPath(pid: String): String {
            if (pid.isBlank() || pid.any { it == '/' || it == '?' || it == '#' || it == '%' || it.isWhitespace() }) {
                throw ValidationException("pid", pid, "must be a job pid, without '/', '?', '#', '%' or spaces")
            }
            return "$JOBS_PATH$pid/"
        }
    }
}

/** Receives the client's warnings (qibo-client logs them). */
public fun interface QiboWarningListener {
    /** Reports [message]. */
    public fun warn(message: String)

    public companion object {
        /** Logs through SLF4J (logger `io.qonduit.qibo.QiboClient`) at WARN, as the transport logs its requests. */
        @JvmField
        public val SLF4J: QiboWarningListener = QiboWarningListener { org.slf4j.LoggerFactory.getLogger(QiboClient::class.java).warn(it) }
    }
}
