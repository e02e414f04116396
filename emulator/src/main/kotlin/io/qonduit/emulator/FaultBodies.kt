package io.qonduit.emulator

import io.ktor.http.ContentType
import io.ktor.http.Headers
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.toByteArray
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import java.io.IOException
import java.time.Duration
import kotlin.coroutines.CoroutineContext

/** A response body the fault injector made; the reply faults leave these alone. */
internal sealed interface FaultedBody

/** What the route answered, as the status, content type and headers a faulted body keeps. */
internal class ReplyHead(val status: HttpStatusCode, val contentType: ContentType?, val headers: Headers)

/** A complete body with a matching `Content-Length` (corrupted, or cut short on purpose). */
internal class WholeBody(private val body: ByteArray, private val head: ReplyHead) : OutgoingContent.ByteArrayContent(), FaultedBody {
    override val contentLength: Long = body.size.toLong()
    override val contentType: ContentType? = head.contentType
    override val status: HttpStatusCode = head.status
    override val headers: Headers = head.headers
    override fun bytes(): ByteArray = body
}

/**
 * A body whose head promises [declaredLength] bytes but which sends only [prefix], after which the
 * whole connection is cancelled. The client sees the connection close mid-response (unexpected end
 * of stream), exactly like a network failure.
 */
internal class BrokenConnectionBody(
    private val prefix: ByteArray,
    private val declaredLength: Long,
    private val head: ReplyHead,
    private val connection: Job?,
) : OutgoingContent.WriteChannelContent(), FaultedBody {
    init {
        require(declaredLength > prefix.size) { "a broken body must promise more than it sends" }
    }

    override val contentLength: Long = declaredLength
    override val contentType: ContentType? = head.contentType
    override val status: HttpStatusCode = head.status
    override val headers: Headers = head.headers

    override suspend fun writeTo(channel: ByteWriteChannel) {
        channel.writeFully(prefix)
        channel.flush()
        // Give the engine's writer a moment to put the head and the prefix on the wire.
        delay(HEAD_START_MILLIS)
        connection?.cancel(CancellationException("Connection dropped by the emulator's fault injector"))
        // Without a connection job (another engine), failing the body at least aborts this response.
        throw IOException("Connection dropped by the emulator's fault injector")
    }

    companion object {
        private const val HEAD_START_MILLIS = 20L

        /** What [Fault.DropConnection] and [Fault.LoseReply] send: a 200 that breaks off after a few bytes. */
        fun dropped(connection: Job?): BrokenConnectionBody =
            BrokenConnectionBody("{\"partial\":".toByteArray(), DROPPED_LENGTH, ReplyHead(HttpStatusCode.OK, ContentType.Application.Json, Headers.Empty), connection)

        private const val DROPPED_LENGTH = 4096L
    }
}

/** [body] sent in pieces spread over [duration], with a `Content-Length` that matches. */
internal class TrickledBody(private val body: ByteArray, private val duration: Duration, private val head: ReplyHead) :
    OutgoingContent.WriteChannelContent(), FaultedBody {
    override val contentLength: Long = body.size.toLong()
    override val contentType: ContentType? = head.contentType
    override val status: HttpStatusCode = head.status
    override val headers: Headers = head.headers

    override suspend fun writeTo(channel: ByteWriteChannel) {
        val pieces = minOf(Fault.SlowBody.SLOW_BODY_PIECES, body.size).coerceAtLeast(1)
        val pause = duration.toMillis() / pieces
        for (piece in 0 until pieces) {
            delay(pause)
            channel.writeFully(body, body.size * piece / pieces, body.size * (piece + 1) / pieces)
            channel.flush()
        }
    }
}

/** This content's bytes, or `null` for content that is not a body (a protocol upgrade). */
internal suspend fun OutgoingContent.bodyBytes(): ByteArray? = when (this) {
    is OutgoingContent.ByteArrayContent -> bytes()
    is OutgoingContent.ReadChannelContent -> readFrom().toByteArray()
    is OutgoingContent.WriteChannelContent -> coroutineScope {
        val channel = ByteChannel()
        launch {
            try {
                writeTo(channel)
            } finally {
                channel.flushAndClose()
            }
        }
        channel.toByteArray()
    }
    is OutgoingContent.NoContent -> ByteArray(0)
    else -> null
}

/**
 * The coroutine serving this TCP connection. Ktor CIO runs each connection in a coroutine named
 * `http-pipeline` and closes the socket when it completes; a request handler is its descendant.
 * Merely failing a response body is not enough: CIO then keeps the connection open for the next
 * request, and the client waits for the missing bytes until it times out.
 */
internal fun connectionJob(context: CoroutineContext): Job? {
    var job = context[Job]
    while (job != null) {
        val name = (job as? CoroutineScope)?.coroutineContext?.get(CoroutineName)?.name
        if (name == CIO_CONNECTION_COROUTINE) return job
        job = job.parent
    }
    return null
}

private const val CIO_CONNECTION_COROUTINE = "http-pipeline"
