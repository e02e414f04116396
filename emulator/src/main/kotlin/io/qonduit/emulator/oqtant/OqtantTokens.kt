package io.qonduit.emulator.oqtant

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull
import kotlinx.serialization.json.put
import java.security.MessageDigest
import java.time.Instant
import java.util.Base64
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

/**
 * Demo access tokens: HS256 JWTs shaped like Oqtant's Auth0 tokens (`sub` = `auth0|<user>`,
 * Oqtant audience, `iat`/`exp`), signed with a key only this emulator knows. The emulator accepts
 * exactly the tokens it issued that have not expired.
 */
internal object OqtantTokens {
    private const val ISSUER = "https://coldquanta.auth0.com/"
    private const val AUDIENCE = "https://oqtant.infleqtion.com/oqtant"
    private const val AUTH0_PREFIX = "auth0|"

    // Fixed so that the demo tokens are stable across emulator instances and restarts.
    private val key = SecretKeySpec("qonduit-oqtant-emulator-signing-key".toByteArray(), "HmacSHA256")
    private val encoder = Base64.getUrlEncoder().withoutPadding()
    private val decoder = Base64.getUrlDecoder()

    fun issue(sub: String, issuedAt: Instant, expiresAt: Instant): String {
        val header = """{"alg":"HS256","typ":"JWT"}"""
        val payload = buildJsonObject {
            put("iss", ISSUER)
            put("sub", sub)
            put("aud", AUDIENCE)
            put("iat", issuedAt.epochSecond)
            put("exp", expiresAt.epochSecond)
            put("scope", "profile openid mail")
        }.toString()
        val signingInput = encoder.encodeToString(header.toByteArray()) + "." + encoder.encodeToString(payload.toByteArray())
        return signingInput + "." + encoder.encodeToString(sign(signingInput))
    }

    /** The `sub` of [token] when it is one of ours, correctly signed and not expired at [now]; else null. */
    fun verify(token: String, now: Instant): String? {
        val parts = token.split('.')
        if (parts.size != 3) return null
        val expected = sign(parts[0] + "." + parts[1])
        val given = runCatching { decoder.decode(parts[2]) }.getOrNull() ?: return null
        if (!MessageDigest.isEqual(expected, given)) return null
        val claims = runCatching { Json.parseToJsonElement(decoder.decode(parts[1]).decodeToString()) as JsonObject }.getOrNull()
            ?: return null
        val exp = claims["exp"]?.jsonPrimitive?.longOrNull ?: return null
        if (exp <= now.epochSecond) return null
        return claims["sub"]?.jsonPrimitive?.contentOrNull
    }

    /** The per-user path segment: `sub` without the leading `auth0|`, as the client derives it. */
    fun userId(sub: String): String = sub.removePrefix(AUTH0_PREFIX)

    private fun sign(input: String): ByteArray = Mac.getInstance("HmacSHA256").run {
        init(key)
        doFinal(input.toByteArray())
    }
}
