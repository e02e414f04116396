package io.qonduit.oqtopus

import io.ktor.http.HttpMethod
import io.ktor.http.Url
import io.qonduit.errors.ApiException
import io.qonduit.errors.QonduitException
import io.qonduit.job.JavaBridge
import io.qonduit.transport.HttpTransport
import io.qonduit.transport.JsonDepth
import io.qonduit.transport.SharedEngines
import io.qonduit.transport.TransportConfig
import kotlinx.serialization.KSerializer
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.encodeToJsonElement
import kotlinx.serialization.json.encodeToStream
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.time.Instant
import java.util.Base64
import java.util.concurrent.CompletableFuture

/** Which generation of the OQTOPUS User API a client speaks. */
public enum class OqtopusApiFlow {
    /** The current API: register (`POST /jobs`), upload `input.zip` to storage, submit; results as zips in storage. */
    STORAGE,

    /** The previous API: `POST /jobs` with `job_info` inline; results inline in `job_info`; SSE log from `/jobs/{id}/sselog`. */
    INLINE,
}

/**
 * Client of an OQTOPUS User API: every call of oqtopus-client's `OqtopusClient`, plus [target] for
 * running programs as Qonduit jobs.
 *
 * Authenticates with the API token as `q-api-token`, sent only to the API's own origin: presigned
 * storage transfers go through a client of their own that sends no credentials and no default
 * headers. Downloads are streamed and capped ([Builder.maxDownloadBytes]).
 *
 * ```
 * OqtopusClient.create(OqtopusConfig.load()).use { oqtopus ->
 *     val id = oqtopus.submitJob(OqtopusJobSpec.sampling("SVSim", bellQasm3, shots = 1000))
 *     println(oqtopus.jobResult(id).counts)
 * }
 * ```
 */
public class OqtopusClient private constructor(builder: Builder) : AutoCloseable {
    /** The configuration in use. */
    public val config: OqtopusConfig = builder.config

    /** The API generation spoken. */
    public val flow: OqtopusApiFlow = builder.flow

    private val engine = SharedEngines.get(builder.transport.connectTimeout, config.proxy)

    internal val transport: HttpTransport = HttpTransport(
        config.baseUrl,
        builder.transport.toBuilder().requestTimeout(config.timeout).build(),
        owner = "OqtopusClient",
        proxy = config.proxy,
    ) { builder.defaultHeaders + credentials(builder.sessionToken) }

    /** A login session's `Authorization: Bearer` when one is given, else the API token's header. */
    private fun credentials(sessionToken: io.qonduit.transport.Secret?): Map<String, String> = when {
        sessionToken != null -> mapOf("Authorization" to "Bearer ${sessionToken.reveal()}")
        else -> config.apiToken?.let { mapOf(TOKEN_HEADER to it.reveal()) } ?: emptyMap()
    }

    private val storage = OqtopusStorage(engine, builder.storageTimeout, builder.transport.userAgent, builder.maxDownloadBytes) {
        transport.checkAdvertised(it, "storage URL")
    }

    /** The API's root URL. */
    public val baseUrl: String get() = transport.baseUrl

    // ---- devices -----------------------------------------------------------------------------

    /** Every device. */
    public suspend fun listDevices(): List<OqtopusDevice> = call { transport.get("/devices").decode(ListSerializer(OqtopusDevice.serializer())) }

    /** One device. @throws OqtopusApiException 404 for an unknown id */
    public suspend fun getDevice(deviceId: String): OqtopusDevice = call { transport.get("/devices/${segment("deviceId", deviceId)}").decode(OqtopusDevice.serializer()) }

    // ---- jobs --------------------------------------------------------------------------------

    /**
     * Submits [spec] and returns the job id: in the current API register, upload `input.zip`
     * (holding `input.json`) to the presigned form, then submit; in the previous one a single
     * `POST /jobs` with `job_info` inline.
     */
    public suspend fun submitJob(spec: OqtopusJobSpec): String = when (flow) {
        OqtopusApiFlow.INLINE -> call {
            transport.post("/jobs", json(SubmitRequest.serializer(), spec.submitRequest(inline = true))).decode(InlineSubmitted.serializer()).jobId
        }
        OqtopusApiFlow.STORAGE -> {
            val registered = registerWithInput(spec)
            submitRegistered(registered.jobId, spec)
            registered.jobId
        }
    }

    /** The current API's first two steps: registers a job and uploads [spec]'s input to it (it runs only once submitted). */
    internal suspend fun registerWithInput(spec: OqtopusJobSpec): OqtopusRegisteredJob = registerJob().also { uploadInput(it, spec) }

    /** `POST /jobs` of the current API: registers a job and returns where to upload its input. */
    public suspend fun registerJob(): OqtopusRegisteredJob = call { transport.post("/jobs", null).decode(OqtopusRegisteredJob.serializer()) }

    /** Uploads [spec]'s `input.json`, zipped, to the storage form of [registered]. Sends no API credentials. */
    public suspend fun uploadInput(registered: OqtopusRegisteredJob, spec: OqtopusJobSpec) {
        val key = registered.presignedUrl.fields["key"] ?: throw QonduitException("the presigned upload form has no 'key' field")
        val stem = key.substringAfterLast('/').substringBeforeLast('.')
        val input = spec.inputJson()
        val archive = withContext(Dispatchers.IO) {
            OqtopusZip.writeSingleToTempFile("$stem.json") { out -> HttpTransport.json.encodeToStream(InputJson.serializer(), input, out) }
        }
        try {
            storage.upload(registered.presignedUrl, "$stem.zip", archive)
        } finally {
            archive.delete()
        }
    }

    /** `POST /jobs/{id}/submit`: submits a registered job whose input was uploaded. */
    public suspend fun submitRegistered(jobId: String, spec: OqtopusJobSpec): OqtopusMessage = call {
        transport.post("/jobs/${segment("jobId", jobId)}/submit", json(SubmitRequest.serializer(), spec.submitRequest(inline = false))).decode(OqtopusMessage.serializer())
    }

    /** The job record. */
    public suspend fun getJob(jobId: String): OqtopusJob = call { transport.get("/jobs/${segment("jobId", jobId)}").decode(OqtopusJob.serializer()) }

    /** The job's status. */
    public suspend fun getJobStatus(jobId: String): OqtopusJobStatus =
        call { transport.get("/jobs/${segment("jobId", jobId)}/status").decode(OqtopusJobStatus.serializer()) }

    /** Jobs matching [query] (every filter, paging and order of the spec). */
    @JvmOverloads
    public suspend fun listJobs(query: OqtopusJobQuery = OqtopusJobQuery.ALL): List<OqtopusJob> =
        call { transport.get("/jobs", query.parameters()).decode(ListSerializer(OqtopusJob.serializer())) }

    /** Requests cancellation. */
    public suspend fun cancelJob(jobId: String): OqtopusMessage = call { transport.post("/jobs/${segment("jobId", jobId)}/cancel", null).decode(OqtopusMessage.serializer()) }

    /** Deletes a finished job (active jobs must be cancelled first). */
    public suspend fun deleteJob(jobId: String): OqtopusMessage = call { transport.delete("/jobs/${segment("jobId", jobId)}").decode(OqtopusMessage.serializer()) }

    /**
     * The result of the finished job [jobId]: `result.json` and, when present, `transpile_result.json`,
     * downloaded from the job's presigned links (or read inline in the previous API).
     *
     * @throws OqtopusStorageException when the job has no result (its `job_info.message` is quoted)
     */
    public suspend fun jobResult(jobId: String): OqtopusResult = resultOf(getJob(jobId))

    /** The result of [job], a record from [getJob]. */
    public suspend fun resultOf(job: OqtopusJob): OqtopusResult {
        val info = job.jobInfo ?: JsonObject(emptyMap())
        if (job.inlineJobInfo || flow == OqtopusApiFlow.INLINE) {
            val result = info["result"] as? JsonObject
                ?: throw OqtopusStorageException("job ${job.jobId} has no result${job.message?.let { ": $it" } ?: ""}")
            return OqtopusResult.decode(result, job.jobId).withTranspile((info["transpile_result"] as? JsonObject)?.let(OqtopusTranspileResult::decode))
        }
        val resultUrl = job.downloadUrl("result")
            ?: throw OqtopusStorageException("job ${job.jobId} (${job.status}) has no result${job.message?.let { ": $it" } ?: ""}")
        val result = OqtopusResult.decode(downloadJson("result", resultUrl), job.jobId)
        return result.withTranspile(job.downloadUrl("transpile_result")?.let { OqtopusTranspileResult.decode(downloadJson("transpile_result", it)) })
    }

    /** The input the job was submitted with (`input.json`), as JSON text. */
    public suspend fun jobInputJson(jobId: String): String = inputTextOf(getJob(jobId))

    private suspend fun inputTextOf(job: OqtopusJob): String {
        if (job.inlineJobInfo) return job.jobInfoJson.orEmpty()
        val url = job.downloadUrl("input") ?: throw OqtopusStorageException("job ${job.jobId} has no input link")
        return storage.download("input", url).bytes.decodeToString()
    }

    /**
     * The log of the SSE job [jobId], as bytes: the one file of `job_info.sse_log`'s zip (or, in the
     * previous API, of `GET /jobs/{id}/sselog`'s base64 zip).
     */
    public suspend fun sseLog(jobId: String): ByteArray = when (flow) {
        OqtopusApiFlow.INLINE -> {
            val wire = call { transport.get("/jobs/${segment("jobId", jobId)}/sselog").decode(SseLogWire.serializer()) }
            val zip = Base64.getDecoder().decode(wire.file ?: throw OqtopusStorageException("job $jobId has no SSE log"))
            OqtopusZip.readSingle("sse_log", zip.inputStream(), maxDownloadBytes, maxDownloadBytes).bytes
        }
        OqtopusApiFlow.STORAGE -> {
            val job = getJob(jobId)
            val url = job.downloadUrl("sse_log") ?: throw OqtopusStorageException("job $jobId has no SSE log${job.message?.let { ": $it" } ?: ""}")
            storage.download("sse_log", url).bytes
        }
    }

    /** [sseLog] as UTF-8 text (malformed bytes replaced). */
    public suspend fun sseLogText(jobId: String): String = sseLog(jobId).decodeToString()

    private val maxDownloadBytes = builder.maxDownloadBytes

    private suspend fun downloadJson(what: String, url: String): JsonObject {
        val entry = storage.download(what, url)
        val text = entry.bytes.decodeToString()
        JsonDepth.check(text, OqtopusTarget.PROVIDER, "$what (${entry.name})")
        return runCatching { HttpTransport.json.parseToJsonElement(text) as JsonObject }
            .getOrElse { throw OqtopusStorageException("$what: ${entry.name} is not a JSON object") }
    }

    // ---- API token ---------------------------------------------------------------------------

    /**
     * Creates an API token (`POST /api-token`). The service issues tokens to login (OIDC) sessions
     * only: it needs a client built with [Builder.sessionToken]; called with an API token it answers
     * 403 (as for oqtopus-client 1.3.0), raised as an [OqtopusApiException].
     */
    public suspend fun createApiToken(): OqtopusApiToken = call {
        val wire = transport.post("/api-token", null).decode(ApiTokenWire.serializer())
        OqtopusApiToken(wire.id, io.qonduit.transport.Secret.of(wire.secret), wire.expiration)
    }

    /** The API token's status (`GET /api-token/status`). */
    public suspend fun getApiTokenStatus(): OqtopusApiTokenStatus = call { transport.get("/api-token/status").decode(OqtopusApiTokenStatus.serializer()) }

    /** Deletes the API token (`DELETE /api-token`). */
    public suspend fun deleteApiToken() {
        call { transport.delete("/api-token") }
    }

    // ---- announcements -----------------------------------------------------------------------

    /** Announcements (`GET /announcements`), every query parameter optional. */
    @JvmOverloads
    public suspend fun listAnnouncements(offset: Int? = null, limit: Int? = null, order: OqtopusOrder? = null, currentTime: Instant? = null): List<OqtopusAnnouncement> =
        call {
            val query = mapOf("offset" to offset?.toString(), "limit" to limit?.toString(), "order" to order?.name, "current_time" to currentTime?.toString())
            transport.get("/announcements", query).decode(AnnouncementsWire.serializer()).announcements
        }

    /** One announcement. */
    public suspend fun getAnnouncement(announcementId: Long): OqtopusAnnouncement =
        call { transport.get("/announcements/$announcementId").decode(OqtopusAnnouncement.serializer()) }

    // ---- user --------------------------------------------------------------------------------

    /** The caller (`GET /users/me`). */
    public suspend fun getMe(): OqtopusUser = call { transport.get("/users/me").decode(OqtopusUser.serializer()) }

    /** Changes the caller's name and/or organization (`PATCH /users/me`); null leaves a field as it is. */
    @JvmOverloads
    public suspend fun updateMe(name: String? = null, organization: String? = null): OqtopusUser =
        call { transport.patch("/users/me", json(UserPatch.serializer(), UserPatch(name, organization))).decode(OqtopusUser.serializer()) }

    /** Deletes the caller's account (`DELETE /users/me`, 204). */
    public suspend fun deleteMe() {
        call { transport.send(HttpMethod.Delete, "/users/me", ok = { it == 204 || it == 200 }) }
    }

    /** System settings (`GET /system/settings`). */
    public suspend fun getSystemSettings(): OqtopusSystemSettings = call { transport.get("/system/settings").decode(OqtopusSystemSettings.serializer()) }

    // ---- targets -----------------------------------------------------------------------------

    /** The device [deviceId] as a Qonduit target and backend. */
    @JvmOverloads
    public fun target(deviceId: String, polling: OqtopusPolling = OqtopusPolling.DEFAULT): OqtopusTarget = OqtopusTarget(this, deviceId, polling)

    /**
     * A Qonduit [io.qonduit.job.Job] on the existing OQTOPUS job [jobId] (one submitted elsewhere, or
     * an id kept from earlier): its input is read back from the job (`input.json`), so waiting for it
     * yields typed result items as for a job run here.
     */
    @JvmOverloads
    public suspend fun job(jobId: String, polling: OqtopusPolling = OqtopusPolling.DEFAULT): io.qonduit.job.Job {
        val record = getJob(jobId)
        val device = record.deviceId ?: throw QonduitException("job $jobId names no device")
        val input = HttpTransport.json.decodeFromString(InputJson.serializer(), inputTextOf(record))
        return io.qonduit.job.Job.attach(target(device, polling), OqtopusJobInputs.of(record, input), jobId)
    }

    /** [job] for Java. */
    @JvmOverloads
    public fun jobAsync(jobId: String, polling: OqtopusPolling = OqtopusPolling.DEFAULT): CompletableFuture<io.qonduit.job.Job> =
        JavaBridge.future { job(jobId, polling) }

    override fun close() {
        transport.close()
        storage.close()
    }

    override fun toString(): String = "OqtopusClient($baseUrl, ${flow.name.lowercase()})"

    // ---- Java twins --------------------------------------------------------------------------

    /** [listDevices] for Java. */
    public fun listDevicesAsync(): CompletableFuture<List<OqtopusDevice>> = JavaBridge.future { listDevices() }

    /** [getDevice] for Java. */
    public fun getDeviceAsync(deviceId: String): CompletableFuture<OqtopusDevice> = JavaBridge.future { getDevice(deviceId) }

    /** [submitJob] for Java. */
    public fun submitJobAsync(spec: OqtopusJobSpec): CompletableFuture<String> = JavaBridge.future { submitJob(spec) }

    /** [registerJob] for Java. */
    public fun registerJobAsync(): CompletableFuture<OqtopusRegisteredJob> = JavaBridge.future { registerJob() }

    /** [uploadInput] for Java. */
    public fun uploadInputAsync(registered: OqtopusRegisteredJob, spec: OqtopusJobSpec): CompletableFuture<Unit> =
        JavaBridge.future { uploadInput(registered, spec) }

    /** [submitRegistered] for Java. */
    public fun submitRegisteredAsync(jobId: String, spec: OqtopusJobSpec): CompletableFuture<OqtopusMessage> =
        JavaBridge.future { submitRegistered(jobId, spec) }

    /** [getJob] for Java. */
    public fun getJobAsync(jobId: String): CompletableFuture<OqtopusJob> = JavaBridge.future { getJob(jobId) }

    /** [getJobStatus] for Java. */
    public fun getJobStatusAsync(jobId: String): CompletableFuture<OqtopusJobStatus> = JavaBridge.future { getJobStatus(jobId) }

    /** [listJobs] for Java. */
    @JvmOverloads
    public fun listJobsAsync(query: OqtopusJobQuery = OqtopusJobQuery.ALL): CompletableFuture<List<OqtopusJob>> = JavaBridge.future { listJobs(query) }

    /** [cancelJob] for Java. */
    public fun cancelJobAsync(jobId: String): CompletableFuture<OqtopusMessage> = JavaBridge.future { cancelJob(jobId) }

    /** [deleteJob] for Java. */
    public fun deleteJobAsync(jobId: String): CompletableFuture<OqtopusMessage> = JavaBridge.future { deleteJob(jobId) }

    /** [jobResult] for Java. */
    public fun jobResultAsync(jobId: String): CompletableFuture<OqtopusResult> = JavaBridge.future { jobResult(jobId) }

    /** [resultOf] for Java. */
    public fun resultOfAsync(job: OqtopusJob): CompletableFuture<OqtopusResult> = JavaBridge.future { resultOf(job) }

    /** [jobInputJson] for Java. */
    public fun jobInputJsonAsync(jobId: String): CompletableFuture<String> = JavaBridge.future { jobInputJson(jobId) }

    /** [sseLog] for Java. */
    public fun sseLogAsync(jobId: String): CompletableFuture<ByteArray> = JavaBridge.future { sseLog(jobId) }

    /** [sseLogText] for Java. */
    public fun sseLogTextAsync(jobId: String): CompletableFuture<String> = JavaBridge.future { sseLogText(jobId) }

    /** [createApiToken] for Java. */
    public fun createApiTokenAsync(): CompletableFuture<OqtopusApiToken> = JavaBridge.future { createApiToken() }

    /** [getApiTokenStatus] for Java. */
    public fun getApiTokenStatusAsync(): CompletableFuture<OqtopusApiTokenStatus> = JavaBridge.future { getApiTokenStatus() }

    /** [deleteApiToken] for Java. */
    public fun deleteApiTokenAsync(): CompletableFuture<Unit> = JavaBridge.future { deleteApiToken() }

    /** [listAnnouncements] for Java. */
    @JvmOverloads
    public fun listAnnouncementsAsync(offset: Int? = null, limit: Int? = null, order: OqtopusOrder? = null, currentTime: Instant? = null): CompletableFuture<List<OqtopusAnnouncement>> =
        JavaBridge.future { listAnnouncements(offset, limit, order, currentTime) }

    /** [getAnnouncement] for Java. */
    public fun getAnnouncementAsync(announcementId: Long): CompletableFuture<OqtopusAnnouncement> = JavaBridge.future { getAnnouncement(announcementId) }

    /** [getMe] for Java. */
    public fun getMeAsync(): CompletableFuture<OqtopusUser> = JavaBridge.future { getMe() }

    /** [updateMe] for Java. */
    @JvmOverloads
    public fun updateMeAsync(name: String? = null, organization: String? = null): CompletableFuture<OqtopusUser> = JavaBridge.future { updateMe(name, organization) }

    /** [deleteMe] for Java. */
    public fun deleteMeAsync(): CompletableFuture<Unit> = JavaBridge.future { deleteMe() }

    /** [getSystemSettings] for Java. */
    public fun getSystemSettingsAsync(): CompletableFuture<OqtopusSystemSettings> = JavaBridge.future { getSystemSettings() }

    /** Builder of an [OqtopusClient]. */
    public class Builder internal constructor(internal val config: OqtopusConfig) {
        internal var flow: OqtopusApiFlow = OqtopusApiFlow.STORAGE
        internal var transport: TransportConfig = TransportConfig.DEFAULT
        internal var maxDownloadBytes: Long = DEFAULT_MAX_DOWNLOAD_BYTES
        internal var defaultHeaders: Map<String, String> = emptyMap()
        internal var sessionToken: io.qonduit.transport.Secret? = null
        internal var storageTimeout: java.time.Duration = DEFAULT_STORAGE_TIMEOUT

        /** The API generation to speak (default [OqtopusApiFlow.STORAGE], the current one). */
        public fun flow(value: OqtopusApiFlow): Builder = apply { flow = value }

        /** Retries, connect timeout, logger and user agent; the request timeout comes from the config. */
        public fun transport(value: TransportConfig): Builder = apply { transport = value }

        /**
         * The largest archive downloaded, and the largest file unpacked from one.
         *
         * @throws io.qonduit.errors.ValidationException when not positive
         */
        public fun maxDownloadBytes(value: Long): Builder = apply {
            if (value < 1) throw io.qonduit.errors.ValidationException("maxDownloadBytes", value, "must be at least 1")
            maxDownloadBytes = value
        }

        /**
         * How long one upload to or download from storage may take, end to end (default
         * [DEFAULT_STORAGE_TIMEOUT]); API requests use the config's timeout instead.
         *
         * @throws io.qonduit.errors.ValidationException when not positive
         */
        public fun storageTimeout(value: java.time.Duration): Builder = apply {
            if (value.isNegative || value.isZero) throw io.qonduit.errors.ValidationException("storageTimeout", value, "must be positive")
            storageTimeout = value
        }

        /**
         * Headers added to every API request, like oqtopus-client's `default_headers` (a gateway's
         * key, a team tag). They go only to the API's origin, never to storage, and are never logged.
         * The token header comes from the config, `User-Agent` from [transport], and the headers the
         * HTTP engine manages cannot be set here.
         *
         * @throws io.qonduit.errors.ValidationException for a header that cannot be set this way or a malformed name or value
         */
        public fun defaultHeaders(value: Map<String, String>): Builder = apply {
            value.forEach { (name, headerValue) ->
                fun refuse(reason: String): Nothing = throw io.qonduit.errors.ValidationException("defaultHeaders", name, reason) // never the value: it may be a key
                if (name.isEmpty() || name.any { it <= ' ' || it.code >= 127 || it in "()<>@,;:\\\"/[]?={}" }) refuse("is not a valid header name")
                if (name.lowercase() in RESERVED_HEADERS) refuse("is set by the client itself (${RESERVED_HEADERS.joinToString()})")
                if (headerValue.any { it == '\r' || it == '\n' }) refuse("value must not contain line breaks")
            }
            defaultHeaders = value.toMap()
        }

        /**
         * Authenticates as a login session (the spec's `BearerAuth`: the OIDC ID token the web
         * frontend holds) instead of with the config's API token: `Authorization: Bearer` on every API
         * request. Only a session can [createApiToken]; everything else works with either.
         */
        public fun sessionToken(value: io.qonduit.transport.Secret): Builder = apply { sessionToken = value }

        /** The client. */
        public fun build(): OqtopusClient = OqtopusClient(this)
    }

    public companion object {
        /** The API token header. */
        public const val TOKEN_HEADER: String = "q-api-token"

        /** Default [Builder.maxDownloadBytes]: 64 MiB. */
        public const val DEFAULT_MAX_DOWNLOAD_BYTES: Long = 64L * 1024 * 1024

        /** Default [Builder.storageTimeout]: 60 seconds. */
        @JvmField
        public val DEFAULT_STORAGE_TIMEOUT: java.time.Duration = java.time.Duration.ofSeconds(60)

        /** Headers [Builder.defaultHeaders] may not set: the credential, the user agent, and what the engine writes. */
        private val RESERVED_HEADERS = listOf(TOKEN_HEADER, "authorization", "user-agent", "host", "content-length", "content-type", "transfer-encoding", "connection")

        /** A client of the current API for [config]. */
        @JvmStatic
        public fun create(config: OqtopusConfig): OqtopusClient = Builder(config).build()

        /** A builder for [config]. */
        @JvmStatic
        public fun builder(config: OqtopusConfig): Builder = Builder(config)

        private fun segment(field: String, id: String): String {
            if (id.isBlank() || id.any { it == '/' || it == '?' || it == '#' || it == '%' }) {
                throw io.qonduit.errors.ValidationException(field, id, "must be an id, without '/', '?', '#' or '%'")
            }
            return id
        }

        private fun <T> json(serializer: KSerializer<T>, value: T) = HttpTransport.json.encodeToJsonElement(serializer, value)

        private inline fun <T> call(block: () -> T): T = try {
            block()
        } catch (e: ApiException) {
            throw OqtopusApiException.of(e)
        }
    }
}
