package io.qonduit.oqc.wire

import io.qonduit.errors.ValidationException
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.time.Instant

/**
 * A user record of `GET /admin/users` and `GET /admin/users/{id}`. OQC does not document the record;
 * the fields the client reads are decoded and the whole record is kept ([jsonText]).
 *
 * @property id the user id, as text (the client puts it in `/admin/users/{id}` paths)
 * @property passwordExpiresAt `password_expires_at` as sent, or `null`
 */
public class OqcUser internal constructor(
    public val id: String,
    public val email: String,
    public val firstName: String?,
    public val lastName: String?,
    public val passwordExpiresAt: String?,
    /** The record as received (Kotlin only: JSON types stay out of Java signatures). */
    @get:JvmSynthetic public val json: JsonObject,
) {
    /** The record as received, as JSON text. */
    public val jsonText: String get() = json.toString()

    /**
     * [passwordExpiresAt] as an instant, or `null`.
     *
     * @throws ValidationException naming `password_expires_at` when unreadable
     */
    public fun passwordExpiresAtInstant(): Instant? = passwordExpiresAt?.let { OqcTime.parse(it, "password_expires_at") }

    override fun toString(): String = "OqcUser(id=$id, email=$email)"

    internal companion object {
        fun from(json: JsonObject, what: String): OqcUser {
            fun text(key: String): String? = (json[key] as? JsonPrimitive)?.takeUnless { it is JsonNull }?.content
            val id = text("id") ?: throw io.qonduit.errors.QonduitException("$what: the user record has no id")
            val email = text("email") ?: throw io.qonduit.errors.QonduitException("$what: the user record has no email")
            return OqcUser(id, email, text("first_name"), text("last_name"), text("password_expires_at"), json)
        }
    }
}
