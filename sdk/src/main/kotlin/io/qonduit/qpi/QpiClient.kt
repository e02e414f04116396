package io.qonduit.qpi

import io.qonduit.config.Accounts
import io.qonduit.config.ConfigSources
import io.ktor.http.HttpMethod
import io.qonduit.errors.ApiException
import io.qonduit.errors.AuthorizationException
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.QonduitException
import io.qonduit.errors.ValidationException
import io.qonduit.job.Job
import io.qonduit.job.JobInput
import io.qonduit.job.JavaBridge
import io.qonduit.transport.Body
import io.qonduit.transport.HttpReply
import io.qonduit.transport.HttpTransport
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.serialization.KSerializer
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import java.util.concurrent.CompletableFuture
import java.util.concurrent.atomic.AtomicReference

/**
 * Client of a QPI orchestrator (PocketBase-based): every call of QPI's Python `QPIClient`, plus
 * [backend] for running circuits as Qonduit [Job]s.
 *
 * Authenticates with an API token (`X-API-Token`) and, after [authWithPassword] (or, for admins,
 * [authAsSuperuser]), with the session's bearer token too — both together when it has both, as QPI's
 * Python client does: QPI's own routes take the login first and fall back to the API token, while
 * its collection routes (`/api/collections/…`: notifications, time slots, time requests, users)
 * see only the login, and its admin routes only a superuser's login (qpi.md §9). QPUs are named by
 * name or record id; what is sent as `qpu_target` is always the record id. Credentials are sent only to the
 * orchestrator's own origin and never appear in `toString`, logs or errors.
 *
 * ```
 * QpiClient.create(emulator.url("qpi"), Secret.of(token)).use { qpi ->
 *     val job = qpi.backend("mock").run(bellQasm, shots = 1000)  // by name; qpu_target is sent as the record id
 *     println(job.execute().raiseForError().resultList().single().counts("c"))
 * }
 * ```
 */
public class QpiClient private constructor(
    baseUrl: String,
    private val apiToken: Secret?,
    config: TransportConfig,
) : AutoCloseable {
    private val bearer = AtomicReference<Secret?>(null)
    internal val transport: HttpTransport = HttpTransport(baseUrl, config, owner = "QpiClient") {
        val session = bearer.get()
        buildMap {
            apiToken?.let { put("X-API-Token", it.reveal()) }
            session?.let { put("Authorization", "Bearer ${it.reveal()}") }
        }
    }

    /** The orchestrator's root URL. */
    public val baseUrl: String get() = transport.baseUrl

    // ---- authentication ----------------------------------------------------------------------

    /**
     * Logs in with identity and password (`auth-with-password`); later calls send the returned
     * bearer token. Returns the user record.
     */
    public suspend fun authWithPassword(identity: String, password: Secret): JsonObject =
        logIn("/api/collections/users/auth-with-password", identity, password)

    /**
     * Logs in as a PocketBase superuser (`_superusers/auth-with-password`), as QPI's admins do; later
     * calls send the returned bearer token, which QPI's admin routes (`/api/op/…`) and collection
     * rules recognise. Superusers own no API token and are no QPI user: they do not submit jobs.
     * Returns the superuser record.
     */
    public suspend fun authAsSuperuser(identity: String, password: Secret): JsonObject =
        logIn("/api/collections/_superusers/auth-with-password", identity, password)

    private suspend fun logIn(path: String, identity: String, password: Secret): JsonObject {
        val body = buildJsonObject {
            put("identity", identity)
            put("password", password.reveal())
        }
        val reply = try {
            transport.post(path, body).json().jsonObject
        } catch (e: ApiException) {
            // PocketBase answers a wrong identity or password with 400 "Failed to authenticate."
            if (e.statusCode == 400) throw AuthorizationException(e.statusCode, e.body, e.method, e.path)
            throw e
        }
        val token = (reply["token"] as? JsonPrimitive)?.contentOrNull
            ?: throw QonduitException("auth-with-password answered without a token")
        bearer.set(Secret(token))
        return reply["record"] as? JsonObject ?: JsonObject(emptyMap())
    }

    // ---- jobs --------------------------------------------------------------------------------

    /**
     * Submits a job for the QPU [qpuTarget] (its name, or its record id) and returns the job's id.
     * QPI's `qpu_target` is the QPU's record id and QPI never runs a job without one, so the name is
     * resolved to the id ([qpuId]) and a blank target is refused before sending. The server answers
     * 201 with the whole record; the id is read from `id`, or `job_id`.
     *
     * @throws ValidationException for a blank [qpuTarget], one that names no online QPU, or bad circuits
     */
    @JvmOverloads
    public suspend fun submitJob(
        circuits: List<QpiCircuit>,
        shots: Int = QpiBackend.DEFAULT_SHOTS,
        measLevel: Int = 2,
        measReturn: String = "single",
        qpuTarget: String = "",
    ): String {
        val input = QpiJobs.input(circuits, qpuTarget, shots, measLevel, measReturn, null).also { QpiValidation.check(it, null) }
        return submit(input, qpuId(qpuTarget))
    }

    internal suspend fun submit(input: JobInput, qpuId: String): String {
        val reply = transport.post("/api/jobs", QpiJobs.submitBody(input, qpuId)).json().jsonObject
        return listOf("id", "job_id").firstNotNullOfOrNull { (reply[it] as? JsonPrimitive)?.contentOrNull?.takeIf(String::isNotEmpty) }
            ?: throw QonduitException("QPI accepted the job but its answer has no id")
    }

    /** The job record. @throws io.qonduit.errors.NotFoundException for an unknown id or someone else's job */
    public suspend fun getJob(jobId: String): QpiJobRecord = transport.get("/api/jobs/${path(jobId)}").decode(QpiJobRecord.serializer())

    /** The caller's jobs, newest first by default. */
    @JvmOverloads
    public suspend fun listJobs(sort: String? = null, skip: Int? = null, limit: Int? = null): List<QpiJobRecord> {
        val reply = transport.get("/api/jobs", mapOf("sort" to sort, "skip" to skip, "limit" to limit)).json()
        // The server returns a bare list; QPI's client also accepts {"jobs": [...]}.
        val items = reply as? JsonArray ?: (reply as? JsonObject)?.get("jobs") as? JsonArray ?: JsonArray(emptyList())
        return items.map { HttpTransport.json.decodeFromJsonElement(QpiJobRecord.serializer(), it) }
    }

    /** Requests cancellation. @throws io.qonduit.errors.NotFoundException when the job already finished */
    public suspend fun cancelJob(jobId: String): JsonObject = transport.post("/api/jobs/${path(jobId)}/cancel", null).json().jsonObject

    /**
     * The backend for the QPU [name] (or record id): looks the QPU up ([getQpu]) and fails when no
     * online QPU has that name or id. Its jobs are sent with the QPU's record id as `qpu_target`.
     *
     * @throws ValidationException when no online QPU has that name or id
     */
    @JvmOverloads
    public suspend fun backend(name: String = "qpi"): QpiBackend {
        val qpu = getQpu(name)
        return QpiBackend(this, qpu.name, qpu.numQubits, qpu.id)
    }

    /** A [Job] handle on an existing job id (polling it fetches its state). */
    public suspend fun job(jobId: String): Job {
        val record = getJob(jobId)
        val qpuId = record.qpuTarget.orEmpty()
        // The record names its QPU by id; the handle shows the QPU's name when the QPU still exists.
        val qpu = qpuId.takeIf { it.isNotEmpty() }?.let { qpuById(it) }
        val name = qpu?.name ?: qpuId
        val input = record.payload?.let { QpiJobs.fromPayload(it, name, jobId) } ?: JobInput(io.qonduit.program.OpenQasmProgram(""), name)
        return Job.attach(QpiBackend(this, name, qpu?.numQubits, qpuId), input, jobId)
    }

    // ---- QPUs --------------------------------------------------------------------------------

    /** Online QPUs. */
    @JvmOverloads
    public suspend fun listQpus(sort: String? = null, skip: Int? = null, limit: Int? = null): List<QpiQpu> =
        transport.get("/api/qpus", mapOf("sort" to sort, "skip" to skip, "limit" to limit)).decode(ListSerializer(QpiQpu.serializer()))

    /**
     * One online QPU by name, or by record id. QPI's `GET /api/qpus/{x}` looks QPUs up by record id
     * only, so a name is found in the public list ([listQpus]) first; what no listed QPU is called
     * is then asked for as a record id.
     *
     * @throws ValidationException when no online QPU has that name or id
     */
    public suspend fun getQpu(name: String): QpiQpu {
        require(name.isNotBlank()) { "QPU name must not be blank" }
        val online = listQpus()
        return online.firstOrNull { it.name == name } ?: qpuById(name)?.takeIf { it.status == null || it.status == "online" }
            ?: throw ValidationException(
                "qpu", name,
                "must name an online QPU (by name or record id); online: ${online.joinToString { it.name }.ifEmpty { "none" }}",
            )
    }

    /**
     * The record id of the online QPU [nameOrId], as QPI's `qpu_target` takes it.
     *
     * @throws ValidationException when [nameOrId] is blank or names no online QPU
     */
    public suspend fun qpuId(nameOrId: String): String {
        if (nameOrId.isBlank()) {
            throw ValidationException("qpuTarget", nameOrId, "must name a QPU: QPI never runs a job without qpu_target")
        }
        return getQpu(nameOrId).id
    }

    /** The QPU with record id [id] (`GET /api/qpus/{id}`), or null when there is none. */
    private suspend fun qpuById(id: String): QpiQpu? {
        if (id.any { it == '/' || it == '?' || it == '#' }) return null
        return try {
            transport.get("/api/qpus/$id").decode(QpiQpu.serializer())
        } catch (e: NotFoundException) {
            null
        }
    }

    /** Creates a QPU (superusers, [authAsSuperuser]). */
    @JvmOverloads
    public suspend fun createQpu(name: String, numQubits: Int? = null, enabled: Boolean? = null): JsonObject =
        transport.post("/api/op/qpus/create", buildJsonObject {
            put("name", name)
            numQubits?.let { put("num_qubits", it) }
            enabled?.let { put("enabled", it) }
        }).json().jsonObject

    /** Enables or disables a QPU by record id (superusers, [authAsSuperuser]). */
    public suspend fun toggleQpu(qpuId: String, enabled: Boolean): JsonObject =
        transport.post("/api/op/qpu/toggle", buildJsonObject {
            put("id", qpuId)
            put("enabled", enabled)
        }).json().jsonObject

    /** Server version information (superusers, [authAsSuperuser]). */
    public suspend fun version(): JsonObject = transport.get("/api/op/version").json().jsonObject

    // ---- notifications -----------------------------------------------------------------------

    /** The caller's current, undismissed notifications (first page). A collection route: it needs a login ([authWithPassword]). */
    public suspend fun listNotifications(): List<JsonObject> = page("/api/collections/notifications/records").items

    /** Dismisses a notification. */
    public suspend fun dismissNotification(notificationId: String): JsonObject =
        transport.post("/api/notifications/${path(notificationId)}/dismiss", null).json().jsonObject

    // ---- time slots --------------------------------------------------------------------------

    /** Booked time slots. A collection route: it needs a login ([authWithPassword]); an API token alone lists none. */
    public suspend fun listTimeSlots(): List<JsonObject> = page("/api/collections/time_slots/records").items

    /**
     * Books a time slot for the logged-in user (QPI sets `booked_by` to the caller; only a superuser
     * books for [bookedBy]); times are RFC 3339 text. QPI refuses slots in the past or overlapping
     * another (400). A collection route: it needs a login.
     */
    @JvmOverloads
    public suspend fun createTimeSlot(startTime: String, endTime: String, bookedBy: String? = null): JsonObject =
        transport.post("/api/collections/time_slots/records", buildJsonObject {
            put("start_time", startTime)
            put("end_time", endTime)
            bookedBy?.let { put("booked_by", it) }
        }).json().jsonObject

    /** Changes a time slot; null keeps a field. */
    @JvmOverloads
    public suspend fun updateTimeSlot(slotId: String, startTime: String? = null, endTime: String? = null, bookedBy: String? = null): JsonObject =
        transport.patch("/api/collections/time_slots/records/${path(slotId)}", buildJsonObject {
            startTime?.let { put("start_time", it) }
            endTime?.let { put("end_time", it) }
            bookedBy?.let { put("booked_by", it) }
        }).json().jsonObject

    /** Deletes a time slot. */
    public suspend fun deleteTimeSlot(slotId: String) {
        transport.delete("/api/collections/time_slots/records/${path(slotId)}")
    }

    // ---- QPU time requests and users ---------------------------------------------------------

    /** The caller's QPU time requests (all, for superusers). A collection route: it needs a login. */
    public suspend fun listTimeRequests(): List<JsonObject> = page("/api/collections/qpu_time_requests/records").items

    /** Asks for more QPU seconds, for the logged-in user. A collection route: it needs a login. */
    @JvmOverloads
    public suspend fun createTimeRequest(seconds: Int, requestedReason: String? = null): JsonObject =
        transport.post("/api/collections/qpu_time_requests/records", buildJsonObject {
            put("seconds", seconds)
            requestedReason?.let { put("requested_reason", it) }
        }).json().jsonObject

    /** Approves or rejects a time request (superusers, [authAsSuperuser]): [status] is `approved` or `rejected`. */
    @JvmOverloads
    public suspend fun updateTimeRequest(requestId: String, status: String, rejectionReason: String? = null): JsonObject =
        transport.patch("/api/collections/qpu_time_requests/records/${path(requestId)}", buildJsonObject {
            put("status", status)
            rejectionReason?.let { put("rejection_reason", it) }
        }).json().jsonObject

    /** All users (superusers, [authAsSuperuser]); a user's login lists only their own record. */
    public suspend fun listUsers(): List<JsonObject> = page("/api/collections/users/records").items

    /** Sets a user's QPU seconds (superusers, [authAsSuperuser]). */
    public suspend fun allocateQpuTime(userId: String, seconds: Int): JsonObject =
        transport.patch("/api/collections/users/records/${path(userId)}", buildJsonObject { put("qpu_seconds", seconds) }).json().jsonObject

    // ---- API tokens --------------------------------------------------------------------------

    /** Creates an API token. The raw token is returned this once, as a [Secret]. */
    @JvmOverloads
    public suspend fun createToken(name: String? = null, expiresAt: String? = null): QpiCreatedToken {
        val reply = transport.post("/api/tokens", buildJsonObject {
            name?.let { put("name", it) }
            expiresAt?.let { put("expires_at", it) }
        }).json().jsonObject
        val raw = (reply["token"] as? JsonPrimitive)?.contentOrNull ?: throw QonduitException("token creation answered without a token")
        return QpiCreatedToken(HttpTransport.json.decodeFromJsonElement(QpiTokenInfo.serializer(), reply), Secret(raw))
    }

    /** The caller's tokens (metadata only). */
    public suspend fun listTokens(): List<QpiTokenInfo> = transport.get("/api/tokens").decode(ListSerializer(QpiTokenInfo.serializer()))

    /** One token's metadata. */
    public suspend fun getToken(tokenId: String): QpiTokenInfo = transport.get("/api/tokens/${path(tokenId)}").decode(QpiTokenInfo.serializer())

    /** Renames a token or changes its expiry. */
    @JvmOverloads
    public suspend fun updateToken(tokenId: String, name: String? = null, expiresAt: String? = null): QpiTokenInfo =
        transport.patch("/api/tokens/${path(tokenId)}", buildJsonObject {
            name?.let { put("name", it) }
            expiresAt?.let { put("expires_at", it) }
        }).decode(QpiTokenInfo.serializer())

    /** Revokes a token. */
    public suspend fun deleteToken(tokenId: String) {
        transport.delete("/api/tokens/${path(tokenId)}")
    }

    /**
     * Closes this client: every later call throws `IllegalStateException("this QpiClient is closed")` before
     * sending anything. Safe to call twice. The HTTP engine is shared by all clients of the process (or
     * is the one given in the transport config, which its owner closes), so no thread is left behind.
     */
    override fun close(): Unit = transport.close()

    override fun toString(): String = "QpiClient($baseUrl)"

    // ---- Java bridges: each suspend call as a CompletableFuture; raw JSON records as JSON text ------

    /** [authAsSuperuser] for Java; the superuser record as JSON text. */
    public fun authAsSuperuserAsync(identity: String, password: Secret): CompletableFuture<String> =
        JavaBridge.future { authAsSuperuser(identity, password).toString() }

    /** [qpuId] for Java. */
    public fun qpuIdAsync(nameOrId: String): CompletableFuture<String> = JavaBridge.future { qpuId(nameOrId) }

    /** [authWithPassword] for Java; the user record as JSON text. */
    public fun authWithPasswordAsync(identity: String, password: Secret): CompletableFuture<String> =
        JavaBridge.future { authWithPassword(identity, password).toString() }

    /** [submitJob] for Java. */
    @JvmOverloads
    public fun submitJobAsync(
        circuits: List<QpiCircuit>,
        shots: Int = QpiBackend.DEFAULT_SHOTS,
        qpuTarget: String = "",
        measLevel: Int = 2,
        measReturn: String = "single",
    ): CompletableFuture<String> =
        JavaBridge.future { submitJob(circuits, shots, measLevel, measReturn, qpuTarget) }

    /** [getJob] for Java. */
    public fun getJobAsync(jobId: String): CompletableFuture<QpiJobRecord> = JavaBridge.future { getJob(jobId) }

    /** [listJobs] for Java; null leaves a parameter out. */
    @JvmOverloads
    public fun listJobsAsync(sort: String? = null, skip: Int? = null, limit: Int? = null): CompletableFuture<List<QpiJobRecord>> =
        JavaBridge.future { listJobs(sort, skip, limit) }

    /** [cancelJob] for Java; the server's answer as JSON text. */
    public fun cancelJobAsync(jobId: String): CompletableFuture<String> = JavaBridge.future { cancelJob(jobId).toString() }

    /** [backend] for Java. */
    @JvmOverloads
    public fun backendAsync(name: String = "qpi"): CompletableFuture<QpiBackend> = JavaBridge.future { backend(name) }

    /** [job] for Java. */
    public fun jobAsync(jobId: String): CompletableFuture<Job> = JavaBridge.future { job(jobId) }

    /** [listQpus] for Java; null leaves a parameter out. */
    @JvmOverloads
    public fun listQpusAsync(sort: String? = null, skip: Int? = null, limit: Int? = null): CompletableFuture<List<QpiQpu>> =
        JavaBridge.future { listQpus(sort, skip, limit) }

    /** [getQpu] for Java. */
    public fun getQpuAsync(name: String): CompletableFuture<QpiQpu> = JavaBridge.future { getQpu(name) }

    /** [createQpu] for Java (admin); the created record as JSON text. */
    @JvmOverloads
    public fun createQpuAsync(name: String, numQubits: Int? = null, enabled: Boolean? = null): CompletableFuture<String> =
        JavaBridge.future { createQpu(name, numQubits, enabled).toString() }

    /** [toggleQpu] for Java (admin); the record as JSON text. */
    public fun toggleQpuAsync(qpuId: String, enabled: Boolean): CompletableFuture<String> =
        JavaBridge.future { toggleQpu(qpuId, enabled).toString() }

    /** [version] for Java (admin); JSON text. */
    public fun versionAsync(): CompletableFuture<String> = JavaBridge.future { version().toString() }

    /** [listNotifications] for Java; each record as JSON text. */
    public fun listNotificationsAsync(): CompletableFuture<List<String>> = JavaBridge.future { listNotifications().map { it.toString() } }

    /** [dismissNotification] for Java; the record as JSON text. */
    public fun dismissNotificationAsync(notificationId: String): CompletableFuture<String> =
        JavaBridge.future { dismissNotification(notificationId).toString() }

    /** [listTimeSlots] for Java; each record as JSON text. */
    public fun listTimeSlotsAsync(): CompletableFuture<List<String>> = JavaBridge.future { listTimeSlots().map { it.toString() } }

    /** [createTimeSlot] for Java; times are RFC 3339 text; the record as JSON text. */
    @JvmOverloads
    public fun createTimeSlotAsync(startTime: String, endTime: String, bookedBy: String? = null): CompletableFuture<String> =
        JavaBridge.future { createTimeSlot(startTime, endTime, bookedBy).toString() }

    /** [updateTimeSlot] for Java; null keeps a field; the record as JSON text. */
    @JvmOverloads
    public fun updateTimeSlotAsync(slotId: String, startTime: String? = null, endTime: String? = null, bookedBy: String? = null): CompletableFuture<String> =
        JavaBridge.future { updateTimeSlot(slotId, startTime, endTime, bookedBy).toString() }

    /** [deleteTimeSlot] for Java. */
    public fun deleteTimeSlotAsync(slotId: String): CompletableFuture<Void?> = JavaBridge.future { deleteTimeSlot(slotId); null }

    /** [listTimeRequests] for Java; each record as JSON text. */
    public fun listTimeRequestsAsync(): CompletableFuture<List<String>> = JavaBridge.future { listTimeRequests().map { it.toString() } }

    /** [createTimeRequest] for Java; the record as JSON text. */
    @JvmOverloads
    public fun createTimeRequestAsync(seconds: Int, requestedReason: String? = null): CompletableFuture<String> =
        JavaBridge.future { createTimeRequest(seconds, requestedReason).toString() }

    /** [updateTimeRequest] for Java (admin); the record as JSON text. */
    @JvmOverloads
    public fun updateTimeRequestAsync(requestId: String, status: String, rejectionReason: String? = null): CompletableFuture<String> =
        JavaBridge.future { updateTimeRequest(requestId, status, rejectionReason).toString() }

    /** [listUsers] for Java (admin); each record as JSON text. */
    public fun listUsersAsync(): CompletableFuture<List<String>> = JavaBridge.future { listUsers().map { it.toString() } }

    /** [allocateQpuTime] for Java (admin); the user record as JSON text. */
    public fun allocateQpuTimeAsync(userId: String, seconds: Int): CompletableFuture<String> =
        JavaBridge.future { allocateQpuTime(userId, seconds).toString() }

    /** [createToken] for Java. */
    @JvmOverloads
    public fun createTokenAsync(name: String? = null, expiresAt: String? = null): CompletableFuture<QpiCreatedToken> =
        JavaBridge.future { createToken(name, expiresAt) }

    /** [listTokens] for Java. */
    public fun listTokensAsync(): CompletableFuture<List<QpiTokenInfo>> = JavaBridge.future { listTokens() }

    /** [getToken] for Java. */
    public fun getTokenAsync(tokenId: String): CompletableFuture<QpiTokenInfo> = JavaBridge.future { getToken(tokenId) }

    /** [updateToken] for Java; null keeps a field. */
    @JvmOverloads
    public fun updateTokenAsync(tokenId: String, name: String? = null, expiresAt: String? = null): CompletableFuture<QpiTokenInfo> =
        JavaBridge.future { updateToken(tokenId, name, expiresAt) }

    /** [deleteToken] for Java. */
    public fun deleteTokenAsync(tokenId: String): CompletableFuture<Void?> = JavaBridge.future { deleteToken(tokenId); null }

    private suspend fun page(path: String): QpiPage<JsonObject> {
        val reply = transport.get(path).json()
        val obj = reply as? JsonObject ?: return QpiPage(1, 0, 0, 0, (reply as? JsonArray)?.mapNotNull { it as? JsonObject }.orEmpty())
        fun int(key: String) = (obj[key] as? JsonPrimitive)?.intOrNull ?: 0
        val items = (obj["items"] as? JsonArray)?.mapNotNull { it as? JsonObject }.orEmpty()
        return QpiPage(int("page"), int("perPage"), int("totalItems"), int("totalPages"), items)
    }

    private fun path(segment: String): String {
        require(segment.isNotEmpty() && segment.none { it == '/' || it == '?' || it == '#' }) { "invalid id '$segment'" }
        return segment
    }

    /** Builder for [QpiClient]. */
    public class Builder internal constructor(private val baseUrl: String) {
        private var apiToken: Secret? = null
        private var config: TransportConfig = TransportConfig.DEFAULT

        /** Authenticates every call with this API token (`X-API-Token`). */
        public fun apiToken(token: Secret): Builder = apply { apiToken = token }

        /** HTTP settings. */
        public fun transport(config: TransportConfig): Builder = apply { this.config = config }

        /** Builds the client. */
        public fun build(): QpiClient = QpiClient(baseUrl, apiToken, config)
    }

    public companion object {
        /** A client for [baseUrl] using API token [apiToken] (null: call [authWithPassword] first). */
        @JvmStatic
        @JvmOverloads
        public fun create(baseUrl: String, apiToken: Secret? = null, config: TransportConfig = TransportConfig.DEFAULT): QpiClient =
            QpiClient(baseUrl, apiToken, config)

        /** A builder for a client of [baseUrl]. */
        @JvmStatic
        public fun builder(baseUrl: String): Builder = Builder(baseUrl)

        /**
         * A client for the account [io.qonduit.config.Accounts.qpi] resolves: [url] and [token] when
         * given, else `QPI_URL` (default `http://localhost:8090`) and `QPI_API_TOKEN` (none: call
         * [authWithPassword] first) from [sources].
         */
        @JvmStatic
        @JvmOverloads
        public fun fromEnv(sources: ConfigSources = ConfigSources.system(), url: String? = null, token: Secret? = null): QpiClient {
            val account = Accounts.qpi(sources, url, token)
            return create(account.endpoint, account.token)
        }
    }
}
