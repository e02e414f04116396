package io.qonduit.oqc

import io.qonduit.config.Accounts
import io.qonduit.config.ConfigSources
import io.qonduit.errors.QonduitException
import io.qonduit.errors.ValidationException
import io.qonduit.job.BackendResolver
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.Program
import io.qonduit.errors.Validator
import io.qonduit.job.JobLike
import io.qonduit.job.JavaBridge
import io.qonduit.job.PollCadence
import io.qonduit.job.Snapshot
import io.qonduit.job.Snapshots
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.TaskConfig
import io.qonduit.oqc.wire.AuthTokenInfo
import io.qonduit.oqc.wire.AuthTokenResponse
import io.qonduit.oqc.wire.CreateAuthTokenRequest
import io.qonduit.oqc.wire.LoginRequest
import io.qonduit.oqc.wire.LoginResponse
import io.qonduit.oqc.wire.NextWindowResponse
import io.qonduit.oqc.wire.OqcWireJson
import io.qonduit.oqc.wire.QpuFeatures
import io.qonduit.oqc.wire.QpuInfo
import io.qonduit.oqc.wire.QpuListResponse
import io.qonduit.oqc.wire.QpuWaitTime
import io.qonduit.oqc.wire.QpuWaitTimeRequest
import io.qonduit.oqc.wire.QpuWaitTimeResponse
import io.qonduit.oqc.wire.TaskWaitTimeRequest
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.nio.file.Path
import java.time.Instant
import java.time.LocalDate
import java.util.concurrent.CompletableFuture

/**
 * Client for OQC QCaaS in the shape of OQC's async Python SDK (`oqc_qcaas_sdk.OqcSdk`): QPU queries,
 * and [Job]s / [CompositeJob]s whose tasks run on OQC through [backend].
 *
 * ```
 * OqcSdk.withToken("https://cloud.oqc.app", Secret.of(token)).use { sdk ->
 *     sdk.open()
 *     val job = sdk.createJob(bellQasm, config = CompilerConfig.builder().shots(1000).build())
 *     val counts = job.execute(timeout = 60.seconds).raiseForError().resultList().single().counts("c")
 * }
 * ```
 *
 * Admin, login and token calls go to the main [url]; task, monitoring and window calls go to each
 * QPU's own URL from `GET /admin/qpu`, the only other origin the token is sent to. Every reply other
 * than 200 is an error, as in OQC's client. [open] is optional: the first call that needs the server
 * opens the SDK. Safe for concurrent use.
 */
public class OqcSdk internal constructor(
    /** The account server URL, without trailing slash. */
    public val url: String,
    builder: OqcSdkBuilder,
) : AutoCloseable {
    private val email: String? = builder.email
    @Volatile
    private var password: Secret? = builder.password

    /** Whether [open] logs in with the e-mail and password given to the builder. */
    public val autoAuthenticate: Boolean = builder.autoAuthenticate

    /** Poll delays of the jobs this SDK creates. */
    public val pollCadence: PollCadence = builder.pollCadence

    private val listener: OqcNoticeListener? = builder.noticeListener
    private val warningLog = NoticeLog()
    private val infoLog = NoticeLog()

    internal val api: OqcApi = OqcApi(url, builder.transport) { notices, request ->
        warningLog.addAll(notices.warnings)
        infoLog.addAll(notices.info)
        listener?.onNotices(notices, request)
    }.also { it.token = builder.token }

    /** The [io.qonduit.backend.Backend] that runs this SDK's jobs (provider name `"oqc"`). */
    public val backend: OqcBackend = OqcBackend(this)

    /** Per-task calls by task id: status, results, error, all-info, timings, metrics, metadata, cancel-many. */
    public val tasks: OqcTaskCalls = OqcTaskCalls(this)

    /** Account management: users, passwords, password reset and one-off windows. */
    public val admin: OqcAdminCalls = OqcAdminCalls(this)

    private val openLock = Mutex()

    @Volatile
    private var opened = false

    /** The default chosen by the caller (builder or [setDefaultQpu]); null means the built-in default. */
    @Volatile
    private var chosenDefault: String? = builder.defaultQpuId

    @Volatile
    private var qpus: List<QpuInfo>? = null

    @Volatile
    private var version: String? = null

    /** True after a successful [open] and before [close]. */
    public val isOpen: Boolean get() = opened && !api.transport.isClosed

    /** Whether a token is held (given, or obtained by logging in). */
    public val isAuthenticated: Boolean get() = api.token != null

    /** The server version read by [open], or null before. */
    public val serverVersion: String? get() = version

    /** Every `Warning…` message received so far (the last [NoticeLog.CAPACITY]), oldest first. */
    public val warnings: List<String> get() = warningLog.toList()

    /** Every other informational message received so far (the last [NoticeLog.CAPACITY]), oldest first. */
    public val infoMessages: List<String> get() = infoLog.toList()

    /**
     * The QPU used when a call names none: the one chosen with the builder or [setDefaultQpu], else
     * [BUILT_IN_DEFAULT_QPU] — which, once the QPU list is loaded, falls back to the first active QPU
     * when it is not active, as OQC's client does. A chosen default is never replaced.
     */
    public val defaultQpuId: String
        get() = chosenDefault ?: builtInDefault()

    private fun builtInDefault(): String {
        val active = qpus?.filter { it.isActive() } ?: return BUILT_IN_DEFAULT_QPU
        return if (active.any { it.id == BUILT_IN_DEFAULT_QPU }) BUILT_IN_DEFAULT_QPU else active.firstOrNull()?.id ?: BUILT_IN_DEFAULT_QPU
    }

    /**
     * Sets the default QPU. When the QPU list is loaded, [qpuId] must be an active QPU; otherwise it
     * is checked by [open].
     *
     * @throws ValidationException naming `qpuId` when blank, or unknown or inactive (listing the active QPUs)
     */
    public fun setDefaultQpu(qpuId: String) {
        if (qpuId.isBlank()) throw ValidationException("qpuId", qpuId, "must not be blank")
        qpus?.let { requireActiveDefault(qpuId, it) }
        chosenDefault = qpuId
    }

    private fun requireActiveDefault(qpuId: String, all: List<QpuInfo>) {
        if (all.none { it.id == qpuId && it.isActive() }) {
            throw ValidationException("qpuId", qpuId, "must be an active QPU to be the default; active: ${all.filter { it.isActive() }.map { it.id }}")
        }
    }

    /**
     * Connects: checks the server (`GET /admin/version`, no credentials), logs in when e-mail and
     * password were given and [autoAuthenticate] is on, and loads the QPU list, trusting each QPU's
     * URL for the token. Does nothing when already open.
     *
     * @throws IllegalStateException after [close]
     * @throws ValidationException naming `qpuId` when the chosen default QPU is not an active QPU
     *   (the SDK stays closed; [setDefaultQpu] then checks against the loaded list)
     * @throws io.qonduit.errors.ApiException for a non-200 reply, e.g. bad credentials
     */
    public suspend fun open(): OqcSdk {
        openLock.withLock {
            api.transport.ensureOpen()
            if (opened) return this
            val reply = api.get("/admin/version", authenticated = false)
            val v = (reply as? JsonObject)?.get("version")
                ?: throw QonduitException("GET /admin/version: the reply has no \"version\"; is $url an OQC QCaaS server?")
            version = (v as? JsonPrimitive)?.content ?: v.toString()
            if (api.token == null && email != null && autoAuthenticate) loginLocked()
            val list = loadQpus()
            chosenDefault?.let { requireActiveDefault(it, list) }
            opened = true
        }
        return this
    }

    /**
     * Logs in with the builder's e-mail and password: `POST /admin/logout`, then
     * `POST /admin/login?include_auth_token=true`; the token of the reply is used from then on.
     *
     * @throws IllegalStateException when no credentials were given
     */
    public suspend fun authenticate() {
        openLock.withLock { loginLocked() }
    }

    /**
     * Closes this client: every later call throws `IllegalStateException("this OqcSdk is closed")` before
     * sending anything. Safe to call twice, or when never opened. The HTTP engine is shared by all clients of the process (or
     * is the one given in the transport config, which its owner closes), so no thread is left behind.
     */
    override fun close() {
        api.close()
    }

    // ---- QPU queries --------------------------------------------------------------------------

    /** The active QPUs, freshly read from `GET /admin/qpu` (inactive ones are filtered out). */
    public suspend fun listQpus(): List<QpuInfo> {
        ensureOpen()
        return loadQpus().filter { it.isActive() }
    }

    /** The decoded feature set of [qpuId] (default QPU when null, `""` or `"lucy"`), from `GET /admin/qpu/{id}`. */
    @JvmOverloads
    public suspend fun getFeatures(qpuId: String? = null): QpuFeatures {
        ensureOpen()
        val id = resolveQpu(qpuId)
        val reply = api.get("/admin/qpu/${encode(id)}")
        return OqcApi.decode(QpuInfo.serializer(), reply, "GET /admin/qpu/{id}").features()
    }

    /** Status of one QPU (`GET {qpu}/monitoring/statuses`), as received. */
    public suspend fun getSystemStatus(qpuId: String?): JsonElement {
        ensureOpen()
        return api.get("${taskUrl(resolveQpu(qpuId), false)}/monitoring/statuses")
    }

    /** Status of every active QPU, asked of each QPU's URL, by QPU id. */
    public suspend fun getSystemStatuses(): Map<String, JsonElement> {
        ensureOpen()
        return activeQpus().associate { it.id to api.get("${taskUrl(it.id, false)}/monitoring/statuses") }
    }

    /** Calibration data of [qpuId] (default when null), optionally for one [date]. */
    @JvmOverloads
    public suspend fun getCalibration(qpuId: String? = null, date: CalibrationDate? = null): JsonElement {
        ensureOpen()
        val id = resolveQpu(qpuId)
        return api.get("${taskUrl(id, false)}/monitoring/calibrations", mapOf("qpu_id" to id, "date" to date?.value))
    }

    /**
     * Calibration data of [qpuId] for a `YYYY-MM-DD` [date].
     *
     * @throws ValidationException naming `dateFilter` for a malformed date, before anything is sent
     */
    public suspend fun getCalibration(qpuId: String?, date: String): JsonElement = getCalibration(qpuId, CalibrationDate.parse(date))

    /** Start of the next execution window of [qpuId] (default when null), or null when none is scheduled. */
    @JvmOverloads
    public suspend fun getNextWindow(qpuId: String? = null): Instant? {
        ensureOpen()
        val reply = api.get("${taskUrl(resolveQpu(qpuId), false)}/windows/next")
        return OqcApi.decode(NextWindowResponse.serializer(), reply, "GET /windows/next").nextWindow?.startingInstant()
    }

    /** Past execution windows of [qpuId] (default when null), only the latest when [latest], as received. */
    @JvmOverloads
    public suspend fun getWindowHistory(qpuId: String? = null, latest: Boolean = false): JsonElement {
        ensureOpen()
        return api.get("${taskUrl(resolveQpu(qpuId), false)}/windows/history", if (latest) mapOf("latest" to "True") else emptyMap())
    }

    /**
     * Queue length, availability estimate and windows of each of [qpuIds] (default QPU when null), in
     * the order asked. As in OQC's client, each QPU's URL is asked only about the QPUs it serves: one
     * `POST {qpu}/monitoring/qpu_wait_time` per distinct URL.
     */
    @JvmOverloads
    public suspend fun getQpuWaitTimes(qpuIds: List<String>? = null): List<QpuWaitTime> {
        ensureOpen()
        val targets = (qpuIds ?: listOf(defaultQpuId)).map { resolveQpu(it) }
        if (targets.isEmpty()) throw ValidationException("qpuIds", qpuIds, "must name at least one QPU")
        val byUrl = targets.distinct().groupBy { taskUrl(it, false) }
        val waits = byUrl.flatMap { (qpuUrl, ids) ->
            val body = OqcWireJson.encodeToJsonElement(QpuWaitTimeRequest.serializer(), QpuWaitTimeRequest(ids))
            val reply = api.post("$qpuUrl/monitoring/qpu_wait_time", body, field = "targets")
            OqcApi.decode(QpuWaitTimeResponse.serializer(), reply, "POST /monitoring/qpu_wait_time").qpuWaitTimes
        }
        return targets.map { id -> waits.firstOrNull { it.qpuId == id } ?: throw QonduitException("POST /monitoring/qpu_wait_time: no wait time for $id in the reply") }
    }

    /** Wait-time estimates of [taskIds] on [qpuId] (default when null), as received. */
    @JvmOverloads
    public suspend fun getTaskWaitTimes(taskIds: List<String>, qpuId: String? = null): JsonElement {
        ensureOpen()
        val id = resolveQpu(qpuId)
        val body = OqcWireJson.encodeToJsonElement(TaskWaitTimeRequest.serializer(), TaskWaitTimeRequest(taskIds, id))
        return api.post("${taskUrl(id, false)}/monitoring/task_wait_time", body, field = "taskIds")
    }

    /** Summaries of this account's tasks on [qpuId] (default when null) created between the dates (inclusive). */
    @JvmOverloads
    public suspend fun listTasks(qpuId: String? = null, startDate: LocalDate? = null, endDate: LocalDate? = null): List<JsonObject> {
        ensureOpen()
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            throw ValidationException("endDate", endDate, "must not be before startDate $startDate")
        }
        val reply = api.get("${taskUrl(resolveQpu(qpuId), false)}/tasks", mapOf("start_date" to startDate?.toString(), "end_date" to endDate?.toString()))
        val list = reply as? JsonArray ?: throw QonduitException("GET /tasks: expected a list, got ${reply.toString().take(80)}")
        return list.map { it as? JsonObject ?: throw QonduitException("GET /tasks: expected task objects, got $it") }
    }

    // ---- token management ---------------------------------------------------------------------

    /** Expiry of [token] (default: the token in use), from `GET /admin/auth_tokens/{token}`. */
    @JvmOverloads
    public suspend fun getAuthTokenExpiry(token: Secret? = null): Instant? {
        val t = token ?: api.token ?: throw IllegalStateException("no token: authenticate first or pass one")
        val reply = api.get("/admin/auth_tokens/${encode(t.reveal())}", secrets = listOf(t))
        return OqcApi.decode(AuthTokenInfo.serializer(), reply, "GET /admin/auth_tokens/{token}").expiresAtInstant()
    }

    /** Creates a new token for this account expiring at [expiresAt] (`POST /admin/users/current_user/auth_tokens`). */
    public suspend fun createAuthToken(expiresAt: Instant): Secret {
        val body = OqcWireJson.encodeToJsonElement(CreateAuthTokenRequest.serializer(), CreateAuthTokenRequest.expiringAt(expiresAt))
        val reply = api.post("/admin/users/current_user/auth_tokens", body, field = "expiresAt")
        return Secret(OqcApi.decode(AuthTokenResponse.serializer(), reply, "POST /admin/users/current_user/auth_tokens").token)
    }

    /** Deletes [token] (`DELETE /auth_tokens/{token}`). */
    public suspend fun deleteAuthToken(token: Secret) {
        api.delete("/auth_tokens/${encode(token.reveal())}", secrets = listOf(token))
    }

    // ---- jobs ---------------------------------------------------------------------------------

    /**
     * A job running [program] on [qpuId] (default QPU when null, `""` or `"lucy"`) with [config]
     * (default: binary-count results), not yet submitted. When the QPU list is loaded, the QPU must
     * be active and the config within its features (otherwise both are checked on submission). A job
     * for the default QPU created before the list is loaded, with no default chosen, records the
     * device `""` (OQC's "default QPU") and runs on [defaultQpuId] as it is when the job is sent.
     *
     * @throws ValidationException naming `qpuId` or `shots`
     */
    @JvmOverloads
    public fun createJob(
        program: Program,
        qpuId: String? = null,
        config: TaskConfig? = null,
        tag: String? = null,
        fetchDiagnostics: Boolean = false,
    ): Job {
        val options = RunOptions.builder().provider(OqcOptions(config ?: CompilerConfig.defaults())).build()
        return createTask(RunItem(program), jobQpu(qpuId), options, tag, fetchDiagnostics)
    }

    /**
     * A composite with one child per program × QPU combination, batch-submitted per QPU. [configs]
     * pair with [programs] by position; [programs] or [configs] of length 1 are repeated. Null
     * [qpuIds] or [configs] mean the default QPU and config.
     *
     * @throws ValidationException naming `programs`, `configs`, `qpuId` or `shots`
     */
    @JvmOverloads
    public fun createJob(
        programs: List<Program>,
        qpuIds: List<String?>? = null,
        configs: List<TaskConfig?>? = null,
        fetchDiagnostics: Boolean = false,
    ): CompositeJob {
        val cells = OqcJobMatrix.cells(programs, qpuIds ?: listOf(null), configs ?: listOf(null))
        return CompositeJob(cells.map { createJob(it.program, it.qpu, it.config, null, fetchDiagnostics) })
    }

    /**
     * QPU [qpuId] (the default QPU when null) as a portable [Target]: each program × binding of a
     * run becomes one OQC task (OQC tasks take one program and no parameters, so bindings are
     * applied here before sending), batch-submitted as a composite. For the default QPU, the QPU is
     * resolved as for [createJob] when each run is created.
     */
    @JvmOverloads
    public fun target(qpuId: String? = null): OqcTarget = OqcTarget(this, jobQpu(qpuId))

    /** One task for [item] (at most one binding), checked against the QPU when the QPU list is loaded. */
    internal fun createTask(item: RunItem, qpu: String, options: RunOptions, tag: String?, fetchDiagnostics: Boolean): Job {
        val input = JobInput(listOf(item), qpu, options, tag)
        val v = Validator()
        input.checkBindings(v)
        v.throwIfAny()
        OqcJobConfig.programText(input).also { if (it.isBlank()) throw ValidationException("programs[0]", it, "must not be blank") }
        qpus?.let { checkSubmittable(input, resolveQpu(qpu), it) }
        return Job(backend, input, fetchDiagnostics, pollCadence)
    }

    /** Rebuilds a saved job or composite with this SDK attached. @throws io.qonduit.job.SnapshotException */
    public fun fromSnapshot(snapshot: Snapshot): JobLike = Snapshots.restore(snapshot, BackendResolver.of(backend))

    /** Loads a job or composite saved with `save(path)` and attaches this SDK. @throws io.qonduit.job.SnapshotException */
    public fun load(path: Path): JobLike = Snapshots.load(path, backend)

    // ---- Java bridges -------------------------------------------------------------------------

    /** [open] for Java. */
    public fun openAsync(): CompletableFuture<OqcSdk> = JavaBridge.future { open() }

    /** [authenticate] for Java. */
    public fun authenticateAsync(): CompletableFuture<Void?> = JavaBridge.future { authenticate(); null }

    /** [listQpus] for Java. */
    public fun listQpusAsync(): CompletableFuture<List<QpuInfo>> = JavaBridge.future { listQpus() }

    /** [getFeatures] for Java; null means the default QPU. */
    public fun getFeaturesAsync(qpuId: String?): CompletableFuture<QpuFeatures> = JavaBridge.future { getFeatures(qpuId) }

    /** [getSystemStatus] for Java, as JSON text. */
    public fun getSystemStatusAsync(qpuId: String?): CompletableFuture<String> = JavaBridge.future { getSystemStatus(qpuId).toString() }

    /** [getSystemStatuses] for Java: each QPU's status as JSON text. */
    public fun getSystemStatusesAsync(): CompletableFuture<Map<String, String>> =
        JavaBridge.future { getSystemStatuses().mapValues { it.value.toString() } }

    /** [getCalibration] for Java, as JSON text. */
    public fun getCalibrationAsync(qpuId: String?, date: CalibrationDate?): CompletableFuture<String> =
        JavaBridge.future { getCalibration(qpuId, date).toString() }

    /** [getNextWindow] for Java; completes with null when no window is scheduled. */
    public fun getNextWindowAsync(qpuId: String?): CompletableFuture<Instant?> = JavaBridge.future { getNextWindow(qpuId) }

    /** [getQpuWaitTimes] for Java. */
    public fun getQpuWaitTimesAsync(qpuIds: List<String>?): CompletableFuture<List<QpuWaitTime>> =
        JavaBridge.future { getQpuWaitTimes(qpuIds) }

    /** [listTasks] for Java: each task record as JSON text. */
    public fun listTasksAsync(qpuId: String?, startDate: LocalDate?, endDate: LocalDate?): CompletableFuture<List<String>> =
        JavaBridge.future { listTasks(qpuId, startDate, endDate).map { it.toString() } }

    /** [getWindowHistory] for Java, as JSON text. */
    public fun getWindowHistoryAsync(qpuId: String?, latest: Boolean): CompletableFuture<String> =
        JavaBridge.future { getWindowHistory(qpuId, latest).toString() }

    /** [getTaskWaitTimes] for Java, as JSON text. */
    public fun getTaskWaitTimesAsync(taskIds: List<String>, qpuId: String?): CompletableFuture<String> =
        JavaBridge.future { getTaskWaitTimes(taskIds, qpuId).toString() }

    /** [getAuthTokenExpiry] for Java; a null token asks about this SDK's own. */
    public fun getAuthTokenExpiryAsync(token: Secret?): CompletableFuture<Instant?> = JavaBridge.future { getAuthTokenExpiry(token) }

    /** [createAuthToken] for Java. */
    public fun createAuthTokenAsync(expiresAt: Instant): CompletableFuture<Secret> = JavaBridge.future { createAuthToken(expiresAt) }

    /** [deleteAuthToken] for Java. */
    public fun deleteAuthTokenAsync(token: Secret): CompletableFuture<Void?> = JavaBridge.future { deleteAuthToken(token); null }

    override fun toString(): String = "OqcSdk(url=$url, open=$isOpen, defaultQpuId=$defaultQpuId)"

    // ---- internals ----------------------------------------------------------------------------

    internal suspend fun ensureOpen() {
        if (!opened) open()
        api.transport.ensureOpen()
    }

    /** After [OqcAdminCalls.changePassword]: when [email] is the login account, later logins use [newPassword]. */
    internal fun passwordChanged(email: String, newPassword: Secret) {
        if (email == this.email) password = newPassword
    }

    private suspend fun loginLocked() {
        val user = email ?: throw IllegalStateException("no e-mail and password were given to log in with")
        api.post("/admin/logout", JsonObject(emptyMap()), field = "logout", authenticated = false)
        val body = OqcWireJson.encodeToJsonElement(LoginRequest.serializer(), LoginRequest(user, password!!.reveal()))
        val reply = api.post("/admin/login", body, field = "credentials", query = mapOf("include_auth_token" to "true"), authenticated = false)
        val token = OqcApi.decode(LoginResponse.serializer(), reply, "POST /admin/login").authenticationToken
            ?: throw QonduitException("POST /admin/login: the reply carries no response.user.authentication_token")
        api.token = Secret(token)
    }

    private suspend fun loadQpus(): List<QpuInfo> {
        val list = OqcApi.decode(QpuListResponse.serializer(), api.get("/admin/qpu"), "GET /admin/qpu").items
        qpus = list
        return list
    }

    private fun activeQpus(): List<QpuInfo> = qpus.orEmpty().filter { it.isActive() }

    /** `null`, `""` and `"lucy"` mean the default QPU, as in OQC's client. */
    internal fun resolveQpu(qpuId: String?): String = if (isDefault(qpuId)) defaultQpuId else qpuId!!

    private fun isDefault(qpuId: String?): Boolean = qpuId.isNullOrEmpty() || qpuId == "lucy"

    /**
     * The device to record in a job for [qpuId]: resolved when the default is known (chosen, or the
     * QPU list loaded), else [DEFAULT_DEVICE], resolved when the job is sent — never a guess.
     */
    internal fun jobQpu(qpuId: String?): String =
        if (isDefault(qpuId) && chosenDefault == null && qpus == null) DEFAULT_DEVICE else resolveQpu(qpuId)

    /** The QPU that [input] runs on, opening the SDK first so that its default is resolved. */
    internal suspend fun qpuOf(input: JobInput): String {
        ensureOpen()
        return resolveQpu(input.device)
    }

    /** The base URL of [qpuId] (default when null, `""` or `"lucy"`), resolved after opening. */
    internal suspend fun qpuUrl(qpuId: String?): String {
        ensureOpen()
        return taskUrl(resolveQpu(qpuId), forSubmission = false)
    }

    /**
     * The base URL of [qpuId] from `/admin/qpu` (opening the SDK first if needed).
     *
     * @throws ValidationException naming `qpuId` for an unknown QPU, or an inactive one when [forSubmission]
     */
    internal suspend fun taskUrl(qpuId: String, forSubmission: Boolean): String {
        ensureOpen()
        val all = qpus.orEmpty()
        val qpu = all.firstOrNull { it.id == qpuId }
            ?: throw ValidationException("qpuId", qpuId, "must be one of the active QPUs ${activeQpus().map { it.id }}")
        if (forSubmission && !qpu.isActive()) {
            throw ValidationException("qpuId", qpuId, "must be an active QPU; active: ${activeQpus().map { it.id }}")
        }
        // Trusted on use, not on listing: one QPU advertising a bad URL fails only the calls that go there.
        api.trust(qpu.url, "QPU URL for $qpuId")
        return qpu.url.trimEnd('/')
    }

    /** Checks [input]'s config against the features of [qpuId], when the QPU list is loaded. */
    internal fun checkSupported(input: JobInput, qpuId: String) {
        qpus?.let { checkSubmittable(input, qpuId, it) }
    }

    private fun checkSubmittable(input: JobInput, qpuId: String, all: List<QpuInfo>) {
        val qpu = all.firstOrNull { it.id == qpuId && it.isActive() }
            ?: throw ValidationException("qpuId", qpuId, "must be one of the active QPUs ${activeQpus().map { it.id }}")
        qpu.features().requireSupports(OqcJobConfig.taskConfig(input).compilerConfig)
    }

    private fun encode(segment: String): String = java.net.URLEncoder.encode(segment, Charsets.UTF_8).replace("+", "%20")

    /** Factories. */
    public companion object {
        /** OQC's built-in default QPU id; falls back to the first active QPU when that is not active. */
        public const val BUILT_IN_DEFAULT_QPU: String = "qpu:uk:3:9829a5504f"

        /** The device of a job created for the default QPU before the default was known (OQC's `""`). */
        internal const val DEFAULT_DEVICE: String = ""

        /** Environment variable holding the server URL. */
        public const val ENV_URL: String = "OQC_URL"

        /** Environment variable holding the authentication token. */
        public const val ENV_TOKEN: String = "OQC_AUTHENTICATION_TOKEN"

        internal val DEFAULT_TRANSPORT: TransportConfig =
            TransportConfig.builder().retryStatuses(setOf(408, 409, 429, 500, 502, 503, 504)).build()

        /** A builder for the server at [url]. */
        @JvmStatic
        public fun builder(url: String): OqcSdkBuilder = OqcSdkBuilder(url)

        /** An SDK for [url] authenticating with [token]. */
        @JvmStatic
        public fun withToken(url: String, token: Secret): OqcSdk = builder(url).token(token).build()

        /** An SDK for [url] that logs in with [email] and [password] when opened. */
        @JvmStatic
        public fun withCredentials(url: String, email: String, password: Secret): OqcSdk =
            builder(url).credentials(email, password).build()

        /**
         * An SDK for the account [io.qonduit.config.Accounts.oqc] resolves: [url] and [token] when
         * given, else `OQC_URL` and `OQC_AUTHENTICATION_TOKEN` from [sources].
         *
         * @throws io.qonduit.config.ConfigurationException naming what is missing and every place looked
         */
        @JvmStatic
        @JvmOverloads
        public fun fromEnv(sources: ConfigSources = ConfigSources.system(), url: String? = null, token: Secret? = null): OqcSdk {
            val account = Accounts.oqc(sources, url, token)
            return withToken(account.endpoint, account.token!!)
        }
    }
}

/** Active as OQC's clients read it: `active` true and `status` (when given) `ACTIVE`. */
internal fun QpuInfo.isActive(): Boolean = active && (status == null || status == "ACTIVE")

/** A bounded, thread-safe list of the latest messages. */
internal class NoticeLog {
    private val items = ArrayDeque<String>()

    @Synchronized
    fun addAll(messages: List<String>) {
        messages.forEach {
            items.addLast(it)
            if (items.size > CAPACITY) items.removeFirst()
        }
    }

    @Synchronized
    fun toList(): List<String> = items.toList()

    companion object {
        const val CAPACITY: Int = 100
    }
}
