package io.qonduit.oqc

import io.qonduit.errors.QonduitException
import io.qonduit.errors.ValidationException
import io.qonduit.job.JavaBridge
import io.qonduit.oqc.wire.CreateUserRequest
import io.qonduit.oqc.wire.OneOffWindowRequest
import io.qonduit.oqc.wire.OqcUser
import io.qonduit.oqc.wire.OqcWireJson
import io.qonduit.oqc.wire.UpdatePasswordRequest
import io.qonduit.oqc.wire.UserListResponse
import io.qonduit.transport.Secret
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import java.time.Instant
import java.util.concurrent.CompletableFuture

/**
 * Account management on the main URL (get it from [OqcSdk.admin]), the calls of OQC's client for
 * users, passwords and one-off windows. The server decides who may do what: other users' records,
 * creating users and booking windows are for admin accounts; a refusal is a
 * [io.qonduit.errors.ServerException] with the server's status (403).
 *
 * ```
 * val expiry = sdk.admin.getPasswordExpiry("me@example.org")
 * sdk.admin.changePassword("me@example.org", Secret.of(newPassword))
 * ```
 */
public class OqcAdminCalls internal constructor(private val sdk: OqcSdk) {
    /**
     * The user with [email] (`GET /admin/users?q={email}`, the first match), or `null` when the server
     * lists none for this account.
     *
     * @throws ValidationException naming `email` when it is not an e-mail address
     */
    public suspend fun getUserInfo(email: String): OqcUser? {
        checkEmail(email)
        sdk.ensureOpen()
        val reply = sdk.api.get("/admin/users", mapOf("q" to email))
        val list = OqcApi.decode(UserListResponse.serializer(), reply, "GET /admin/users")
        return if (list.total > 0) list.items.firstOrNull()?.let { OqcUser.from(it, "GET /admin/users") } else null
    }

    /** When the password of [email] expires (`GET /admin/users/{id}`), or `null` for an unknown user or no expiry. */
    public suspend fun getPasswordExpiry(email: String): Instant? {
        val user = getUserInfo(email) ?: return null
        val reply = sdk.api.get("/admin/users/${encode(user.id)}") as? JsonObject
            ?: throw QonduitException("GET /admin/users/{id}: expected a user record")
        return OqcUser.from(reply, "GET /admin/users/{id}").passwordExpiresAtInstant()
    }

    /**
     * Sets the password of [email] (`POST /admin/users/{id}/update_password`). When it is the account
     * this SDK logs in with, later logins use the new password. Returns false when the server lists
     * no such user.
     *
     * @throws ValidationException naming `email`
     */
    public suspend fun changePassword(email: String, password: Secret): Boolean {
        val user = getUserInfo(email) ?: return false
        val body = OqcWireJson.encodeToJsonElement(UpdatePasswordRequest.serializer(), UpdatePasswordRequest(password.reveal(), password.reveal()))
        sdk.api.post("/admin/users/${encode(user.id)}/update_password", body, field = "password")
        sdk.passwordChanged(email, password)
        return true
    }

    /**
     * Creates a user (`POST /admin/users`; admin accounts). [name] is split at its first space into
     * first and last name (one word is both), as OQC's client does; without [password] the account
     * gets none (set it through [requestPasswordReset]).
     *
     * @throws ValidationException naming `name` or `email`
     */
    @JvmOverloads
    public suspend fun createUser(name: String, email: String, password: Secret? = null): OqcUser {
        if (name.isBlank()) throw ValidationException("name", name, "must not be blank")
        checkEmail(email)
        sdk.ensureOpen()
        val parts = name.trim().split(' ', limit = 2)
        val request = CreateUserRequest(parts[0], parts.getOrElse(1) { parts[0] }, email, password?.reveal().orEmpty())
        val reply = sdk.api.post("/admin/users", OqcWireJson.encodeToJsonElement(CreateUserRequest.serializer(), request), field = "user")
        return OqcUser.from(reply as? JsonObject ?: throw QonduitException("POST /admin/users: expected a user record"), "POST /admin/users")
    }

    /**
     * Asks the server to e-mail [email] a password-reset link (`POST /password_reset`, form field
     * `email`).
     *
     * @throws ValidationException naming `email`
     */
    public suspend fun requestPasswordReset(email: String) {
        checkEmail(email)
        sdk.ensureOpen()
        sdk.api.postForm("/password_reset", listOf("email" to email))
    }

    /** Books a one-off window (`POST /windows/one-off-window`; admin accounts); the server's answer as received. */
    public suspend fun createOneOffWindow(window: OneOffWindowRequest): JsonElement {
        sdk.ensureOpen()
        return sdk.api.post("/windows/one-off-window", OqcWireJson.encodeToJsonElement(OneOffWindowRequest.serializer(), window), field = "window")
    }

    /** [getUserInfo] for Java. */
    public fun getUserInfoAsync(email: String): CompletableFuture<OqcUser?> = JavaBridge.future { getUserInfo(email) }

    /** [getPasswordExpiry] for Java. */
    public fun getPasswordExpiryAsync(email: String): CompletableFuture<Instant?> = JavaBridge.future { getPasswordExpiry(email) }

    /** [changePassword] for Java. */
    public fun changePasswordAsync(email: String, password: Secret): CompletableFuture<Boolean> = JavaBridge.future { changePassword(email, password) }

    /** [createUser] for Java; [password] may be null. */
    public fun createUserAsync(name: String, email: String, password: Secret?): CompletableFuture<OqcUser> =
        JavaBridge.future { createUser(name, email, password) }

    /** [requestPasswordReset] for Java. */
    public fun requestPasswordResetAsync(email: String): CompletableFuture<Void?> = JavaBridge.future { requestPasswordReset(email); null }

    /** [createOneOffWindow] for Java; the server's answer as JSON text. */
    public fun createOneOffWindowAsync(window: OneOffWindowRequest): CompletableFuture<String> =
        JavaBridge.future { createOneOffWindow(window).toString() }

    override fun toString(): String = "OqcAdminCalls(${sdk.url})"

    private fun checkEmail(email: String) {
        if (!OqcSdkBuilder.EMAIL.matches(email)) throw ValidationException("email", email, "must be a valid e-mail address")
    }

    private fun encode(segment: String): String = java.net.URLEncoder.encode(segment, Charsets.UTF_8).replace("+", "%20")
}
