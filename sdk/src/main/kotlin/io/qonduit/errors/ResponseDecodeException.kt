package io.qonduit.errors

/**
 * A provider's reply said something Qonduit cannot honestly turn into a result: a required field is
 * missing, a value is malformed or out of range (a bitstring wider than its register, a negative or
 * oversized count, JSON nested deeper than [MAX_JSON_DEPTH] levels).
 * Raised instead of guessing, so a wrong result is never reported as a right one.
 *
 * @property provider the provider whose reply it was, e.g. `qpi`
 * @property jobId the provider's job or task id the reply was about, when there was one
 * @property field path of the offending field in the reply, e.g. `results.circuit_results[0].counts["xyz"]`
 * @property limit the rule the value broke, e.g. `must be a 0/1 bitstring of the register width 2`
 */
public class ResponseDecodeException @JvmOverloads constructor(
    public val provider: String,
    public val jobId: String?,
    public val field: String,
    public val limit: String,
    cause: Throwable? = null,
) : QonduitException(
    "unreadable $provider reply" + (jobId?.let { " for job $it" } ?: "") + ": $field $limit",
    cause,
) {
    public companion object {
        /** Deepest nesting of arrays and objects accepted in a JSON reply before it is decoded. */
        public const val MAX_JSON_DEPTH: Int = 512
    }
}

/**
 * A reply body was longer than the configured limit ([io.qonduit.transport.TransportConfig.maxResponseBytes],
 * or a download's own limit); it was refused while streaming, before it was held in memory.
 *
 * @property method the HTTP method of the request
 * @property path the request path, without query string
 * @property limitBytes the limit the body broke
 */
public class ResponseTooLargeException(
    public val method: String,
    public val path: String,
    public val limitBytes: Long,
) : QonduitException("the reply to $method $path is larger than the limit of $limitBytes bytes (maxResponseBytes)")
