package io.qonduit.qpi

import io.qonduit.transport.Secret

/**
 * A newly created API token: its metadata and the raw token, which the server returns only this
 * once. Destructures in Kotlin: `val (info, token) = qpi.createToken("ci")`.
 */
public data class QpiCreatedToken(
    /** The token's record (id, name, expiry). */
    public val info: QpiTokenInfo,
    /** The raw token, to authenticate later clients with. */
    public val token: Secret,
)
