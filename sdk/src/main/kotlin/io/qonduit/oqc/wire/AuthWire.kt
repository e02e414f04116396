package io.qonduit.oqc.wire

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive
import java.time.Instant

/** Reply of `GET /admin/version` (no auth). */
@Serializable
internal data class VersionResponse(
    /** The server version as sent (a string or a number). */
    public val version: JsonElement,
) {
    /** [version] as text. */
    public val versionText: String get() = (version as? JsonPrimitive)?.content ?: version.toString()
}

/** Body of `POST /admin/login?include_auth_token=true`. [toString] hides the password. */
@Serializable
public data class LoginRequest(
    /** Account e-mail. */
    public val email: String,
    /** Account password. */
    public val password: String,
) {
    override fun toString(): String = "LoginRequest(email=$email, password=***)"
}

/** Reply of the login call: `{"response": {"user": {"authentication_token": ...}}}`. */
@Serializable
internal data class LoginResponse(
    /** The Flask-Security envelope. */
    public val response: LoginEnvelope,
) {
    /** The token, or `null` when the reply carries none. */
    public val authenticationToken: String? get() = response.user?.authenticationToken
}

/** Inside `response`: the user on success, `errors` on failure. */
@Serializable
internal data class LoginEnvelope(
    /** The logged-in user. */
    public val user: LoginUser? = null,
    /** Error details as sent (a list or an object of field errors). */
    public val errors: JsonElement? = null,
)

/** The logged-in user; [toString] hides the token. */
@Serializable
internal data class LoginUser(
    /** Token for the `Authentication-Token` header. */
    @SerialName("authentication_token") public val authenticationToken: String? = null,
) {
    override fun toString(): String = "LoginUser(authenticationToken=${if (authenticationToken == null) "null" else "***"})"
}

/** Reply of `GET /admin/auth_tokens/{token}`. */
@Serializable
public data class AuthTokenInfo(
    /** Expiry, formatted `%Y-%m-%dT%H:%M:%S` (UTC). */
    @SerialName("expires_at") public val expiresAt: String? = null,
) {
    /**
     * [expiresAt] as an instant, or `null`.
     *
     * @throws io.qonduit.errors.ValidationException naming `expires_at` when unreadable
     */
    public fun expiresAtInstant(): Instant? = expiresAt?.let { OqcTime.parse(it, "expires_at") }
}

/** Body of `POST /admin/users/current_user/auth_tokens`. */
@Serializable
public data class CreateAuthTokenRequest(
    /** Expiry, `%Y-%m-%dT%H:%M:%S`. */
    @SerialName("expires_at") public val expiresAt: String,
) {
    /** Factories. */
    public companion object {
        /** A request for a token expiring at [expiresAt] (sent as naive UTC, whole seconds). */
        @JvmStatic
        public fun expiringAt(expiresAt: Instant): CreateAuthTokenRequest =
            CreateAuthTokenRequest(OqcTime.formatNaiveUtc(expiresAt))
    }
}

/** Reply of token creation and of `DELETE /auth_tokens/{token}`; [toString] hides the token. */
@Serializable
public data class AuthTokenResponse(
    /** The token. */
    public val token: String,
) {
    override fun toString(): String = "AuthTokenResponse(token=***)"
}

/** Reply of `GET /admin/users?q=...`. Users are kept raw: their fields are not documented. */
@Serializable
internal data class UserListResponse(
    /** Total matches. */
    public val total: Int = 0,
    /** The user records. */
    public val items: List<kotlinx.serialization.json.JsonObject> = emptyList(),
)

/** Body of `POST /admin/users/{id}/update_password`; [toString] hides the passwords. */
@Serializable
public data class UpdatePasswordRequest(
    /** New password. */
    public val password: String,
    /** The same password again. */
    @SerialName("password_confirm") public val passwordConfirm: String,
) {
    override fun toString(): String = "UpdatePasswordRequest(password=***, passwordConfirm=***)"
}

/** Body of `POST /admin/users`; [toString] hides the password. */
@Serializable
public data class CreateUserRequest(
    /** First name. */
    @SerialName("first_name") public val firstName: String,
    /** Last name. */
    @SerialName("last_name") public val lastName: String,
    /** E-mail. */
    public val email: String,
    /** Initial password. */
    public val password: String,
) {
    override fun toString(): String = "CreateUserRequest(firstName=$firstName, lastName=$lastName, email=$email, password=***)"
}
