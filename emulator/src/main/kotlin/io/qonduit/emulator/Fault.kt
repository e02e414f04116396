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

    /** Answers with [status], [body] and [contentType] instead of calling the provider route. */
    public class ErrorResponse @JvmOverloads constructor(
        public val status: Int,
        public val body: String = defaultBody(status),
        public val contentType: String = "application/json",
    ) : Fault() {
        init {
            require(status in MIN_STATUS..MAX_STATUS) { "status must be between $MIN_STATUS and $MAX_STATUS, was $status" }
        }

        override fun toString(): String = "ErrorResponse($status)"

        private companion object {
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
