package io.qonduit.emulator.qpi

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import kotlinx.serialization.json.JsonObject
import java.time.Instant

/** A PocketBase login session: a `users` record, or a `_superusers` record when [superuser]. */
internal class Session(val recordId: String, val superuser: Boolean)

/**
 * Who a collection route (`/api/collections/…`) sees: PocketBase authenticates those by the login
 * token in `Authorization` (with or without `Bearer `) only; an API token means nothing there.
 */
internal class CollectionCaller(val user: UserRecord?, val superuser: SuperuserRecord?) {
    val anonymous: Boolean get() = user == null && superuser == null
    val isSuperuser: Boolean get() = superuser != null
}

/** The login session named by the `Authorization` header, or `null`. */
private fun QpiEmulatorState.session(call: ApplicationCall): Session? {
    val header = call.request.headers[HttpHeaders.Authorization]?.trim().orEmpty()
    val token = if (header.startsWith(BEARER_PREFIX, ignoreCase = true)) header.substring(BEARER_PREFIX.length).trim() else header
    return if (token.isEmpty()) null else sessions[token]
}

/** The caller of a collection route, following PocketBase: the login session only. */
internal fun QpiEmulatorState.collectionCaller(call: ApplicationCall): CollectionCaller = locked {
    val session = session(call)
    when {
        session == null -> CollectionCaller(null, null)
        session.superuser -> CollectionCaller(null, superusers[session.recordId])
        else -> CollectionCaller(users[session.recordId], null)
    }
}

/**
 * The QPI user of one of QPI's own routes (`/api/jobs`, `/api/tokens`, dismiss), following
 * `getCurrentUser`: a `users` login session first; otherwise `X-API-Token`, else the bearer value,
 * looked up as an API token. A superuser's session is no QPI user. Returns `null` when nothing
 * identifies a user (missing, unknown, expired or deleted token).
 */
internal fun QpiEmulatorState.authenticate(call: ApplicationCall): UserRecord? {
    val apiToken = call.request.headers[API_TOKEN_HEADER]?.trim().orEmpty()
    val bearer = call.request.headers[HttpHeaders.Authorization]
        ?.takeIf { it.startsWith(BEARER_PREFIX, ignoreCase = true) }
        ?.substring(BEARER_PREFIX.length)
        ?.trim()
        .orEmpty()
    return locked {
        session(call)?.takeIf { !it.superuser }?.let { users[it.recordId] }?.let { return@locked it }
        val raw = apiToken.ifEmpty { bearer }
        if (raw.isEmpty()) return@locked null
        val now = Instant.now()
        val hash = QpiEmulatorState.sha256(raw)
        tokens.values.firstOrNull { it.hash == hash && it.isValid(now) }?.let { users[it.userId] }
    }
}

/** The caller, or 401 "Authentication required.". */
internal fun QpiEmulatorState.requireUser(call: ApplicationCall): UserRecord =
    authenticate(call) ?: throw PocketBaseException.unauthorized()

/**
 * The superuser of an admin-only custom route (`/api/op/…`), as `re.HasSuperuserAuth()`: a
 * `_superusers` login session; anyone else, anonymous included, gets 403 "Admin access required.".
 */
internal fun QpiEmulatorState.requireSuperuser(call: ApplicationCall): SuperuserRecord =
    collectionCaller(call).superuser ?: throw PocketBaseException(HttpStatusCode.Forbidden, "Admin access required.")

/** Checks [password] for [identity] in `users` or `_superusers` and opens a session; `null` when they do not match. */
internal fun QpiEmulatorState.login(identity: String, password: String, superusers: Boolean): Pair<String, JsonObject>? =
    locked {
        val hash = QpiEmulatorState.sha256(password)
        val (session, record) = if (superusers) {
            val superuser = superuserByIdentity(identity)?.takeIf { it.passwordHash == hash } ?: return@locked null
            Session(superuser.id, superuser = true) to superuser.toJson()
        } else {
            val user = userByIdentity(identity)?.takeIf { it.passwordHash == hash } ?: return@locked null
            Session(user.id, superuser = false) to user.toJson()
        }
        val token = PocketBaseIds.randomString(SESSION_TOKEN_LENGTH)
        sessions[token] = session
        token to record
    }

internal const val API_TOKEN_HEADER = "X-API-Token"
private const val BEARER_PREFIX = "Bearer "
private const val SESSION_TOKEN_LENGTH = 48
