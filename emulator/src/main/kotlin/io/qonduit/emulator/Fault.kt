package io.qonduit.emulator

import java.time.Duration

/** What the [FaultInjector] does to a matching request. */
public sealed class Fault {
    /** Waits [delay] before handling the request normally. Latency faults stack with one other fault. */
    public class Latency(public val delay: Duration) : Fault() {
        init {
            require(!delay.isNegative) { "delay must not be negative, was $delay" }
        }

        override fun toString(): String = "Latency($delay)"
    }

    /**
     * Answers with [status], [body], [contentType] and extra [headers] (a `Retry-After` with a 429 or
     * 503, say) instead of calling the provider route.
     */
    public class ErrorResponse @JvmOverloads constructor(
        public val status: Int,
        public val body: String = defaultBody(status),
        public val contentType: String = "application/json",
        public val headers: Map<String, String> = emptyMap(),
    ) : Fault() {
        init {
            require(status in MIN_STATUS..MAX_STATUS) { "status must be between $MIN_STATUS and $MAX_STATUS, was $status" }
            require(headers.keys.none { it.isBlank() || it.any { c -> c <= ' ' || c == ':' } }) { "header names must be non-blank tokens, were ${headers.keys}" }
            require(headers.values.none { '\r' in it || '\n' in it }) { "header values must not contain line breaks" }
        }

        override fun toString(): String = "ErrorResponse($status)"

        internal companion object {
            const val MIN_STATUS = 100
            const val MAX_STATUS = 599

            fun defaultBody(status: Int): String =
                "{\"message\":\"Injected fault with status $status.\",\"status\":$status}"
        }
    }

    /**
     * Breaks the connection: the response head announces a body longer than what is sent, then the
     * socket is closed, so clients fail with an I/O error (unexpected end of stream).
     */
    public object DropConnection : Fault() {
        override fun toString(): String = "DropConnection"
    }

    /**
     * Lets the provider route handle the request — its effects happen, e.g. tasks are created —
     * then breaks the connection instead of sending the reply, as [DropConnection] does. The
     * client sees a failure although the server acted: a lost reply, the case that makes a retried
     * POST unsafe unless the request is idempotent.
     */
    public object LoseReply : Fault() {
        override fun toString(): String = "LoseReply"
    }
}
