package io.qonduit.config

import io.qonduit.transport.Secret

/**
 * Where a provider is and how to authenticate to it, with the place each value came from (such as
 * `argument url`, `environment variable OQC_URL` or `file /home/ada/.access-token.txt`).
 * `toString` never shows the token.
 *
 * @property provider the provider's name, e.g. `OQC`
 * @property endpoint the server's URL
 * @property endpointSource where [endpoint] came from
 * @property token the credential, or null when the provider allows none (QPI before a password login)
 * @property tokenSource where [token] came from, or null with it
 */
public class ResolvedAccount internal constructor(
    public val provider: String,
    public val endpoint: String,
    public val endpointSource: String,
    public val token: Secret?,
    public val tokenSource: String?,
) {
    override fun toString(): String =
        "ResolvedAccount(provider=$provider, endpoint=$endpoint from $endpointSource, token=" +
            (if (token == null) "none" else "**** from $tokenSource") + ")"
}
