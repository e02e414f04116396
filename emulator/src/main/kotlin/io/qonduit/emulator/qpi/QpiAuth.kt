package io.qonduit.emulator.qpi

import io.ktor.http.HttpHeaders
import io.ktor.server.application.ApplicationCall
import java.time.Instant

/**
 * The authenticated user of [call], following QPI's `getToken`: `X-API-Token` is checked first,
 * then `Authorization: Bearer <session token>` from a password login. Returns `null` when neither
 * identifies a user (missing, unknown, expired or deleted token).
 */
internal fun QpiEmulatorState.authenticate(call: ApplicationCall): UserRecord? {
    val apiToken = call.request.headers[API_TOKEN_HEADER]?.trim()
    val bearer = call.request.headers[HttpHeaders.Authorization]
        ?.takeIf { it.startsWith(BEARER_PREFIX, ignoreCase = true) }
        ?.substring(BEARER_PREFIX.length)
        ?.trim()
    return locked {
        val now = Instant.now()
        val byToken = apiToken?.takeIf { it.isNotEmpty() }?.let { raw ->
            val hash = QpiEmulatorState.sha256(raw)
            tokens.values.firstOrNull { it.hash == hash && it.isValid(now) }?.also { it.lastUsed = now }
        }?.let { users[it.userId] }
        byToken ?: bearer?.let { sessions[it] }?.let { users[it] }
    }
}

/** The caller, or 401 "Authentication required.". */
internal fun QpiEmulatorState.requireUser(call: ApplicationCall): UserRecord =
    authenticate(call) ?: throw PocketBaseException.unauthorized()

/** The caller if a superuser; 401 when anonymous, 403 for normal users. */
internal fun QpiEmulatorState.requireSuperuser(call: ApplicationCall): UserRecord {
    val user = requireUser(call)
    if (!user.superuser) throw PocketBaseException.forbidden()
    return user
}

/** Checks [password] for [identity] and opens a session; `null` when they do not match. */
internal fun QpiEmulatorState.login(identity: String, password: String, superusersOnly: Boolean): Pair<String, UserRecord>? =
    locked {
        val user = userByIdentity(identity) ?: return@locked null
        if (user.passwordHash != QpiEmulatorState.sha256(password)) return@locked null
        if (superusersOnly && !user.superuser) return@locked null
        val session = PocketBaseIds.randomString(SESSION_TOKEN_LENGTH)
        sessions[session] = user.id
        session to user
    }

internal const val API_TOKEN_HEADER = "X-API-Token"
private const val BEARER_PREFIX = "Bearer "
private const val SESSION_TOKEN_LENGTH = 48
