package io.qonduit.oqtant

import io.qonduit.errors.QonduitException
import io.qonduit.transport.Secret
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.util.Base64

/**
 * The Oqtant access token could not be decoded as a JWT with a `sub` claim. The message never
 * contains the token.
 */
public class OqtantTokenException internal constructor(message: String, cause: Throwable? = null) : QonduitException(message, cause)

/**
 * Reads the user id from an Oqtant access token the way the Python client does: the JWT payload is
 * decoded **without** checking the signature (the server checks it), and the `sub` claim loses its
 * leading `auth0|`.
 */
internal object OqtantToken {
    private const val AUTH0_PREFIX = "auth0|"

    fun userId(token: Secret): String {
        val parts = token.reveal().trim().split('.')
        if (parts.size != 3) throw malformed("it does not have the three dot-separated parts of a JWT")
        val payload = try {
            Base64.getUrlDecoder().decode(parts[1].trimEnd('=')).decodeToString()
        } catch (e: IllegalArgumentException) {
            throw malformed("its payload is not base64url")
        }
        val claims = try {
            Json.parseToJsonElement(payload) as? JsonObject
        } catch (e: IllegalArgumentException) {
            null
        } ?: throw malformed("its payload is not a JSON object")
        val sub = (claims["sub"] as? JsonPrimitive)?.takeIf { it.isString }?.content?.takeIf { it.isNotBlank() }
            ?: throw malformed("it has no 'sub' claim")
        return sub.removePrefix(AUTH0_PREFIX).also {
            if (it.isEmpty()) throw malformed("its 'sub' claim names no user")
        }
    }

    private fun malformed(why: String) = OqtantTokenException("Unable to decode the Oqtant access token (JWT): $why. Log in again to get a fresh token.")
}
