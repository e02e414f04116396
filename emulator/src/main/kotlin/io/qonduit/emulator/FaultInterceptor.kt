package io.qonduit.emulator

import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.server.application.Application
import io.ktor.server.application.ApplicationCallPipeline
import io.ktor.server.request.httpMethod
import io.ktor.server.response.ApplicationSendPipeline
import io.ktor.server.request.path
import io.ktor.server.response.respond
import io.ktor.server.response.respondText
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.writeStringUtf8
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import java.io.IOException
import java.time.Instant
import kotlin.coroutines.CoroutineContext

/**
 * Records each request in [faults] and applies its matching faults before any provider route runs
 * ([Fault.LoseReply] after it).
 */
internal fun Application.installFaultInterceptor(faults: FaultInjector) {
    intercept(ApplicationCallPipeline.Plugins) {
        val call = context
        val request = call.request
        val method = request.httpMethod.value.uppercase()
        val path = request.path()
        // The emulator's own routes (index, admin) are neither recorded nor faulted: they are how faults are set.
        if (path == "/" || path == ADMIN_PREFIX || path.startsWith("$ADMIN_PREFIX/")) return@intercept
        faults.record(
            RecordedRequest(
                method = method,
                path = path,
                query = request.local.uri.substringAfter('?', ""),
                headerNames = request.headers.names().mapTo(linkedSetOf()) { it.lowercase() },
                receivedAt = Instant.now(),
            ),
        )
        val decision = faults.decide(method, path)
        if (!decision.latency.isZero) delay(decision.latency.toMillis())
        when (val fault = decision.terminal) {
            null -> Unit
            is Fault.ErrorResponse -> {
                fault.headers.forEach { (name, value) -> call.response.headers.append(name, value, safeOnly = false) }
                call.respondText(fault.body, ContentType.parse(fault.contentType), HttpStatusCode.fromValue(fault.status))
                finish()
            }
            Fault.DropConnection -> {
                call.respond(TruncatedBody(connectionJob(currentCoroutineContext())))
                finish()
            }
            Fault.LoseReply -> {
                // The route runs; whatever it answers is swapped for a broken body on the way out.
                val connection = connectionJob(currentCoroutineContext())
                call.response.pipeline.intercept(ApplicationSendPipeline.After) {
                    if (subject !is TruncatedBody) proceedWith(TruncatedBody(connection))
                }
            }
            is Fault.Latency -> error("latency is never a terminal fault")
        }
    }
}

/**
 * A 200 response whose head promises [DECLARED_LENGTH] bytes but whose body stops early, after
 * which the whole connection is cancelled. The client sees the connection close mid-response
 * (unexpected end of stream), exactly like a network failure.
 */
private class TruncatedBody(private val connection: Job?) : OutgoingContent.WriteChannelContent() {
    override val contentLength: Long = DECLARED_LENGTH
    override val contentType: ContentType = ContentType.Application.Json
    override val status: HttpStatusCode = HttpStatusCode.OK

    override suspend fun writeTo(channel: ByteWriteChannel) {
        channel.writeStringUtf8("{\"partial\":")
        channel.flush()
        // Give the engine's writer a moment to put the head and partial body on the wire.
        delay(HEAD_START_MILLIS)
        connection?.cancel(CancellationException("Connection dropped by the emulator's fault injector"))
        // Without a connection job (another engine), failing the body at least aborts this response.
        throw IOException("Connection dropped by the emulator's fault injector")
    }

    private companion object {
        const val DECLARED_LENGTH = 4096L
        const val HEAD_START_MILLIS = 20L
    }
}

/**
 * The coroutine serving this TCP connection. Ktor CIO runs each connection in a coroutine named
 * `http-pipeline` and closes the socket when it completes; a request handler is its descendant.
 * Merely failing a response body is not enough: CIO then keeps the connection open for the next
 * request, and the client waits for the missing bytes until it times out.
 */
private fun connectionJob(context: CoroutineContext): Job? {
    var job = context[Job]
    while (job != null) {
        val name = (job as? CoroutineScope)?.coroutineContext?.get(CoroutineName)?.name
        if (name == CIO_CONNECTION_COROUTINE) return job
        job = job.parent
    }
    return null
}

private const val CIO_CONNECTION_COROUTINE = "http-pipeline"
