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

    /**
     * Lets the provider route handle the request, then sends its reply with the same status and
     * content type but a damaged body: with [Mode.GARBAGE_JSON] the body is cut in half and ends in
     * bytes no JSON parser accepts; with [Mode.FLIP_BYTES] [flips] bytes at positions drawn from
     * [seed] are inverted (the result may still parse, to different values — a checksum's job).
     */
    public class CorruptBody @JvmOverloads constructor(
        public val mode: Mode = Mode.GARBAGE_JSON,
        public val flips: Int = DEFAULT_FLIPS,
        public val seed: Long = FaultRule.DEFAULT_SEED,
    ) : Fault() {
        private val random = java.util.Random(seed)

        init {
            require(flips > 0) { "flips must be positive, was $flips" }
        }

        /** How the body is damaged. */
        public enum class Mode {
            /** The first half of the body, then bytes that end any JSON document in a syntax error. */
            GARBAGE_JSON,

            /** [flips] bytes inverted (each XOR 0xFF) at seeded positions. */
            FLIP_BYTES,
        }

        /** [body] damaged as [mode] says; never equal to [body] unless it is empty. */
        internal fun corrupt(body: ByteArray): ByteArray = when (mode) {
            Mode.GARBAGE_JSON -> body.copyOf(body.size / 2) + GARBAGE
            Mode.FLIP_BYTES -> body.copyOf().also { out ->
                if (out.isNotEmpty()) synchronized(random) {
                    repeat(flips) { val at = random.nextInt(out.size); out[at] = (out[at].toInt() xor 0xFF).toByte() }
                }
            }
        }

        override fun toString(): String = if (mode == Mode.GARBAGE_JSON) "CorruptBody(garbage)" else "CorruptBody(flip $flips)"

        internal companion object {
            const val DEFAULT_FLIPS = 3

            /** A NUL then unbalanced brackets: a syntax error wherever a JSON document is cut. */
            val GARBAGE: ByteArray = "\u0000]]}{\"\u00ff".toByteArray(Charsets.ISO_8859_1)
        }
    }

    /**
     * Lets the provider route handle the request, then sends only the first [keepBytes] bytes of its
     * reply (same status and content type). With [closeConnection] (the default) the head still
     * promises the whole body's length and the connection is closed after the bytes kept, so the
     * client sees an unexpected end of stream; without it, the head announces the cut length and the
     * exchange ends normally with a body that is simply short (a truncated JSON document).
     */
    public class TruncateBody @JvmOverloads constructor(
        public val keepBytes: Int,
        public val closeConnection: Boolean = true,
    ) : Fault() {
        init {
            require(keepBytes >= 0) { "keepBytes must not be negative, was $keepBytes" }
        }

        override fun toString(): String = "TruncateBody($keepBytes${if (closeConnection) "" else ", cut"})"
    }

    /**
     * Lets the provider route handle the request, then trickles its reply's body out in
     * 16 pieces (or one a byte, for shorter bodies) spread over [duration]: the head
     * arrives at once, the last byte after about [duration].
     */
    public class SlowBody(public val duration: Duration) : Fault() {
        init {
            require(!duration.isNegative) { "duration must not be negative, was $duration" }
        }

        override fun toString(): String = "SlowBody($duration)"

        internal companion object {
            const val SLOW_BODY_PIECES = 16
        }
    }
}
