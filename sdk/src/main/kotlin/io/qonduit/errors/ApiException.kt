package io.qonduit.errors

/**
 * A provider answered with an error status.
 *
 * @property statusCode the HTTP status
 * @property body the response body as text (already free of credentials: servers never echo them)
 * @property method the HTTP method of the failed request
 * @property path the request path, without query string (presigned URLs carry signatures there)
 * @property isRetryable whether the same request may succeed if sent again (408, 409, 429, 5xx)
 */
public open class ApiException(
    public val statusCode: Int,
    public val body: String,
    public val method: String,
    public val path: String,
    public val isRetryable: Boolean = statusCode == 408 || statusCode == 409 || statusCode == 429 || statusCode >= 500,
    message: String = "HTTP $statusCode from $method $path" + if (body.isBlank()) "" else ": ${body.take(MAX_BODY_IN_MESSAGE)}",
) : QonduitException(message) {
    private companion object {
        const val MAX_BODY_IN_MESSAGE = 500
    }
}

/** 401 or 403: the credentials are missing, wrong, expired or not allowed to do this. */
public class AuthorizationException(statusCode: Int, body: String, method: String, path: String) :
    ApiException(statusCode, body, method, path)

/** 404: the job, device or resource does not exist (or is not yours). */
public class NotFoundException(statusCode: Int, body: String, method: String, path: String) :
    ApiException(statusCode, body, method, path)

/** 429: too many requests; [retryAfterSeconds] is the server's hint when it gave one. */
public class RateLimitException(body: String, method: String, path: String, public val retryAfterSeconds: Long?) :
    ApiException(429, body, method, path)

/** 5xx: the provider failed. */
public class ServerException(statusCode: Int, body: String, method: String, path: String) :
    ApiException(statusCode, body, method, path)

/**
 * The request never got an HTTP answer: connection refused or dropped, timeout, TLS failure.
 *
 * @property requestMayHaveArrived false only when the request provably never left (the connection
 *   was refused or the host not found); after a drop or a timeout the server may have acted on it,
 *   so a submission is looked up before it is sent again
 */
public class ConnectionException @JvmOverloads constructor(
    message: String,
    cause: Throwable?,
    public val requestMayHaveArrived: Boolean = true,
) : QonduitException(message, cause)
