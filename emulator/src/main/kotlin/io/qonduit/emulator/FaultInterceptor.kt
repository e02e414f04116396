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
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import java.time.Instant

/**
 * Records each request in [faults] and applies its matching faults before any provider route runs
 * (the faults that damage the reply — [Fault.LoseReply], [Fault.CorruptBody], [Fault.TruncateBody],
 * [Fault.SlowBody] — after it, on the way out).
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
                call.respond(BrokenConnectionBody.dropped(connectionJob(currentCoroutineContext())))
                finish()
            }
            Fault.LoseReply, is Fault.CorruptBody, is Fault.TruncateBody, is Fault.SlowBody -> {
                // The route runs; whatever it answers is swapped for the faulted body on the way out.
                val connection = connectionJob(currentCoroutineContext())
                call.response.pipeline.intercept(ApplicationSendPipeline.After) {
                    val reply = subject as? OutgoingContent
                    if (reply != null && reply !is FaultedBody) faultedReply(fault, reply, call.response.status(), connection)?.let { proceedWith(it) }
                }
            }
            is Fault.Latency -> error("latency is never a terminal fault")
        }
    }
}

/** What replaces [reply] under a fault that acts after the route; `null` leaves it alone (not a body). */
private suspend fun faultedReply(fault: Fault, reply: OutgoingContent, status: HttpStatusCode?, connection: Job?): OutgoingContent? {
    if (fault == Fault.LoseReply) return BrokenConnectionBody.dropped(connection)
    val body = reply.bodyBytes() ?: return null
    val head = ReplyHead(reply.status ?: status ?: HttpStatusCode.OK, reply.contentType, reply.headers)
    return when (fault) {
        is Fault.CorruptBody -> WholeBody(fault.corrupt(body), head)
        is Fault.TruncateBody -> {
            val kept = body.copyOf(minOf(fault.keepBytes, body.size))
            // Promise at least one byte more than is sent, so the cut shows even when all would fit.
            if (fault.closeConnection) BrokenConnectionBody(kept, maxOf(body.size, kept.size + 1).toLong(), head, connection) else WholeBody(kept, head)
        }
        is Fault.SlowBody -> TrickledBody(body, fault.duration, head)
        else -> error("$fault does not act on the reply")
    }
}

