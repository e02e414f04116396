package io.qonduit.emulator

import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.server.application.Application
import io.ktor.server.application.ApplicationCallPipeline
import io.ktor.server.request.httpMethod
import io.ktor.server.request.path
import io.ktor.server.response.respond
import io.ktor.server.response.respondText
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.writeStringUtf8
import kotlinx.coroutines.delay
import java.io.IOException
import java.time.Instant

/** Records each request in [faults] and applies its matching faults before any provider route runs. */
internal fun Application.installFaultInterceptor(faults: FaultInjector) {
    intercept(ApplicationCallPipeline.Plugins) {
        val call = context
        val request = call.request
        val method = request.httpMethod.value.uppercase()
        val path = request.path()
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
                call.respondText(fault.body, ContentType.parse(fault.contentType), HttpStatusCode.fromValue(fault.status))
                finish()
            }
            Fault.DropConnection -> {
                call.respond(TruncatedBody())
                finish()
            }
            is Fault.Latency -> error("latency is never a terminal fault")
        }
    }
}

/**
 * A 200 response whose head promises [DECLARED_LENGTH] bytes but whose body stops early and fails.
 * The engine cannot finish the response, so it closes the socket mid-body: the client sees the
 * connection drop (unexpected end of stream), exactly like a network failure.
 */
private class TruncatedBody : OutgoingContent.WriteChannelContent() {
    override val contentLength: Long = DECLARED_LENGTH
    override val contentType: ContentType = ContentType.Application.Json
    override val status: HttpStatusCode = HttpStatusCode.OK

    override suspend fun writeTo(channel: ByteWriteChannel) {
        channel.writeStringUtf8("{\"partial\":")
        channel.flush()
        throw IOException("Connection dropped by the emulator's fault injector")
    }

    private companion object {
        const val DECLARED_LENGTH = 4096L
    }
}
