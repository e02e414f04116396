package io.qonduit.transport

import io.ktor.client.engine.HttpClientEngine
import java.time.Duration

/**
 * How a provider client talks HTTP: timeouts, retries, the engine, and an optional request log.
 *
 * Retries apply to idempotent requests (GET, PUT, DELETE, HEAD) that failed to connect, timed out or
 * got one of [retryStatuses]; the wait is `min(baseDelay·2^(n-1), maxDelay)` with jitter, or the
 * server's `Retry-After` when longer — but a `Retry-After` beyond [maxRetryAfter] is not waited
 * for: the call fails at once with a [io.qonduit.errors.RateLimitException] carrying it. Every wait
 * also ends with the caller's deadline (the coroutine's timeout), never after it. Job submissions (POST) are never retried blindly: a provider
 * retries them only when it made them safe to repeat (for example with pre-allocated task ids).
 */
public class TransportConfig private constructor(builder: Builder) {
    /** Time allowed to open a connection. */
    public val connectTimeout: Duration = builder.connectTimeout

    /** Time allowed for a whole request. */
    public val requestTimeout: Duration = builder.requestTimeout

    /** Retries after the first attempt. */
    public val maxRetries: Int = builder.maxRetries

    /** First retry delay. */
    public val baseDelay: Duration = builder.baseDelay

    /** Largest retry delay. */
    public val maxDelay: Duration = builder.maxDelay

    /** Longest server `Retry-After` a retry waits for; a longer one fails the call at once. */
    public val maxRetryAfter: Duration = builder.maxRetryAfter

    /** HTTP statuses retried for idempotent requests. */
    public val retryStatuses: Set<Int> = builder.retryStatuses.toSet()

    /** A Ktor engine to send requests through instead of the process-wide OkHttp client (tests pass a `MockEngine`). */
    public val engine: HttpClientEngine? = builder.engine

    /**
     * Receives one line per request and response: method, origin and path, status, time (the same lines
     * go to SLF4J at debug, logger `io.qonduit.transport.HttpTransport`). Never headers, bodies, query
     * strings or credential values.
     */
    public val logger: RequestLogger? = builder.logger

    /** `User-Agent` header value. */
    public val userAgent: String = builder.userAgent

    /**
     * Longest reply body read into memory, in bytes (default 64 MiB). A longer one, declared or
     * streamed, fails the call with a [io.qonduit.errors.ResponseTooLargeException] naming this
     * limit before it is held whole. Downloads to a file have their own limit.
     */
    public val maxResponseBytes: Long = builder.maxResponseBytes

    /**
     * Whether plain `http://` may go to hosts other than loopback (`localhost`, 127.0.0.0/8, `::1`).
     * Off by default: a token sent over plain http can be read by anyone on the way. Otherwise such a
     * URL is refused with an [io.qonduit.errors.InsecureUrlException] before any connection.
     */
    public val allowInsecureHttp: Boolean = builder.allowInsecureHttp

    /** A builder starting from this configuration. */
    public fun toBuilder(): Builder = Builder().also {
        it.connectTimeout = connectTimeout; it.requestTimeout = requestTimeout; it.maxRetries = maxRetries
        it.baseDelay = baseDelay; it.maxDelay = maxDelay; it.maxRetryAfter = maxRetryAfter; it.retryStatuses = retryStatuses; it.engine = engine
        it.logger = logger; it.userAgent = userAgent; it.maxResponseBytes = maxResponseBytes; it.allowInsecureHttp = allowInsecureHttp
    }

    /** Builder for [TransportConfig]. */
    public class Builder {
        internal var connectTimeout: Duration = Duration.ofSeconds(10)
        internal var requestTimeout: Duration = Duration.ofSeconds(60)
        internal var maxRetries: Int = 3
        internal var baseDelay: Duration = Duration.ofMillis(500)
        internal var maxDelay: Duration = Duration.ofSeconds(8)
        internal var maxRetryAfter: Duration = Duration.ofSeconds(60)
        internal var retryStatuses: Set<Int> = setOf(408, 429, 500, 502, 503, 504)
        internal var engine: HttpClientEngine? = null
        internal var logger: RequestLogger? = null
        internal var userAgent: String = "qonduit/0.1"
        internal var maxResponseBytes: Long = DEFAULT_MAX_RESPONSE_BYTES
        internal var allowInsecureHttp: Boolean = false

        /** Sets [TransportConfig.connectTimeout]. */
        public fun connectTimeout(value: Duration): Builder = apply { connectTimeout = value }

        /** Sets [TransportConfig.requestTimeout]. */
        public fun requestTimeout(value: Duration): Builder = apply { requestTimeout = value }

        /** Sets [TransportConfig.maxRetries] (0 disables retries). */
        public fun maxRetries(value: Int): Builder = apply {
            require(value >= 0) { "maxRetries must be >= 0, was $value" }
            maxRetries = value
        }

        /** Sets the first and the largest retry delay. */
        public fun retryDelays(base: Duration, max: Duration): Builder = apply {
            baseDelay = base
            maxDelay = max
        }

        /** Sets [TransportConfig.maxRetryAfter]. */
        public fun maxRetryAfter(value: Duration): Builder = apply {
            require(!value.isNegative) { "maxRetryAfter must not be negative, was $value" }
            maxRetryAfter = value
        }

        /** Sets [TransportConfig.retryStatuses]. */
        public fun retryStatuses(value: Set<Int>): Builder = apply { retryStatuses = value.toSet() }

        /** Sets [TransportConfig.engine]. */
        public fun engine(value: HttpClientEngine?): Builder = apply { engine = value }

        /** Sets [TransportConfig.logger]. */
        public fun logger(value: RequestLogger?): Builder = apply { logger = value }

        /** Sets [TransportConfig.userAgent]. */
        public fun userAgent(value: String): Builder = apply { userAgent = value }

        /** Sets [TransportConfig.maxResponseBytes]; must be at least 1. */
        public fun maxResponseBytes(value: Long): Builder = apply {
            require(value >= 1) { "maxResponseBytes must be >= 1, was $value" }
            maxResponseBytes = value
        }

        /** Sets [TransportConfig.allowInsecureHttp]: plain http to hosts other than loopback. */
        public fun allowInsecureHttp(value: Boolean): Builder = apply { allowInsecureHttp = value }

        /** Builds the configuration. */
        public fun build(): TransportConfig = TransportConfig(this)
    }

    public companion object {
        /** Default [maxResponseBytes]: 64 MiB, far above any JSON reply a provider sends. */
        public const val DEFAULT_MAX_RESPONSE_BYTES: Long = 64L * 1024 * 1024

        /** The defaults: 10 s connect, 60 s per request, 3 retries from 0.5 s up to 8 s, `Retry-After` up to 60 s. */
        @JvmField
        public val DEFAULT: TransportConfig = Builder().build()

        /** A new builder with the defaults. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}

/** Receives request log lines. They hold method, path (no query string), status and time only. */
public fun interface RequestLogger {
    /** Logs one line. */
    public fun log(line: String)
}
