package io.qonduit.emulator

import java.time.Instant

/**
 * A request the emulator received, as recorded by [FaultInjector.requests] before any fault applies.
 *
 * @property method HTTP method, upper case.
 * @property path path after the host, without the query string (e.g. `/qpi/api/jobs`).
 * @property query raw query string without `?`, empty when absent.
 * @property headerNames names of the request headers, lower case.
 * @property receivedAt when the request arrived.
 */
public class RecordedRequest internal constructor(
    public val method: String,
    public val path: String,
    public val query: String,
    public val headerNames: Set<String>,
    public val receivedAt: Instant,
) {
    /** Whether a header named [name] (case-insensitive) was sent. */
    public fun hasHeader(name: String): Boolean = name.lowercase() in headerNames

    override fun toString(): String = "$method $path${if (query.isEmpty()) "" else "?$query"}"
}
