package io.qonduit.transport

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.server.response.respond
import io.ktor.server.response.respondBytesWriter
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.writeFully
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.errors.ResponseTooLargeException
import io.qonduit.testing.LoopbackServer
import kotlinx.serialization.json.JsonObject

private const val MIB = 1024 * 1024
private const val HUGE_CHUNKS = 300 * 16 // 300 MiB in 64 KiB chunks

/** Writes [chunks] chunks of 64 KiB of spaces (valid JSON whitespace), stopping when the client goes. */
private suspend fun ByteWriteChannel.spaces(chunks: Int) {
    val chunk = ByteArray(64 * 1024) { ' '.code.toByte() }
    repeat(chunks) { writeFully(chunk) }
}

/** Reply bodies are capped before they are held in memory, and JSON nesting is bounded before decoding. */
class ResponseLimitsSpec : FunSpec({
    val server = LoopbackServer {
        get("/streamed") { call.respondBytesWriter(ContentType.Application.Json) { spaces(HUGE_CHUNKS) } }
        get("/declared") {
            call.respond(object : OutgoingContent.WriteChannelContent() {
                override val contentLength: Long = HUGE_CHUNKS * 64L * 1024
                override val contentType: ContentType = ContentType.Application.Json
                override suspend fun writeTo(channel: ByteWriteChannel) = channel.spaces(HUGE_CHUNKS)
            })
        }
        get("/refused") { call.respondBytesWriter(ContentType.Text.Plain, HttpStatusCode.BadRequest) { spaces(HUGE_CHUNKS) } }
        get("/small") { call.respondText("""{"ok": true}""", ContentType.Application.Json) }
        get("/deep") { call.respondText("[".repeat(20_000) + "]".repeat(20_000), ContentType.Application.Json) }
        get("/deep-in-string") { call.respondText("{\"s\": \"" + "[".repeat(20_000) + "\"}", ContentType.Application.Json) }
    }
    afterSpec { server.close() }

    fun transport(maxResponseBytes: Long = TransportConfig.DEFAULT_MAX_RESPONSE_BYTES) =
        HttpTransport(server.url, TransportConfig.builder().maxRetries(0).maxResponseBytes(maxResponseBytes).build(), "TestClient") { emptyMap() }

    test("a 300 MiB streamed body under a 1 MiB limit is refused with the limit, not buffered") {
        val e = shouldThrow<ResponseTooLargeException> { transport(MIB.toLong()).get("/streamed") }
        e.limitBytes shouldBe MIB.toLong()
        e.path shouldBe "/streamed"
        e.message!! shouldContain "limit of 1048576 bytes"
    }

    test("a declared Content-Length over the limit is refused before reading") {
        shouldThrow<ResponseTooLargeException> { transport(MIB.toLong()).get("/declared") }.limitBytes shouldBe MIB.toLong()
    }

    test("the body of an error reply is capped too") {
        shouldThrow<ResponseTooLargeException> { transport(MIB.toLong()).get("/refused") }.method shouldBe "GET"
    }

    test("a body within the limit is read whole") {
        transport(64).get("/small").json() shouldBe JsonObject(mapOf("ok" to kotlinx.serialization.json.JsonPrimitive(true)))
    }

    test("JSON nested 20 000 deep is refused before decoding, naming the client") {
        val e = shouldThrow<ResponseDecodeException> { transport().get("/deep").json() }
        e.provider shouldBe "TestClient"
        e.limit shouldContain "deeper than ${ResponseDecodeException.MAX_JSON_DEPTH}"
    }

    test("brackets inside strings do not count as nesting") {
        (transport().get("/deep-in-string").json() as JsonObject).keys shouldBe setOf("s")
    }

    test("the limit must be positive") {
        shouldThrow<IllegalArgumentException> { TransportConfig.builder().maxResponseBytes(0) }.message!! shouldContain "maxResponseBytes"
    }
})
