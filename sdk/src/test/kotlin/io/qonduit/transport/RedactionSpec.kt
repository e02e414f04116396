package io.qonduit.transport

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.qonduit.errors.ConnectionException
import io.qonduit.errors.NotFoundException
import java.io.IOException
import java.net.URLEncoder
import java.util.Collections

/** A credential a request carries outside its auth headers (a token in the path) is masked in every description of it. */
class RedactionSpec : FunSpec({
    val other = Secret.of("other+token/with=signs")
    val encoded = URLEncoder.encode(other.reveal(), Charsets.UTF_8)

    fun transport(engine: MockEngine, log: MutableList<String>) =
        HttpTransport("https://api.example.invalid", TransportConfig.builder().engine(engine).maxRetries(0).logger { log += it }.build()) { emptyMap() }

    test("in the log line and the API error, as written and URL-encoded") {
        val log = Collections.synchronizedList(mutableListOf<String>())
        val t = transport(MockEngine { respond("{}", HttpStatusCode.NotFound) }, log)
        val e = shouldThrow<NotFoundException> { t.send(HttpMethod.Get, "/tokens/$encoded", secrets = listOf(other)) }
        e.path shouldBe "/tokens/****"
        log shouldHaveSize 1
        log.single() shouldContain "/tokens/****"
        for (text in log + e.message!!) {
            text shouldNotContain encoded
            text shouldNotContain other.reveal()
        }
    }

    test("in a connection error and in its cause, whose engine message quoted the whole URL") {
        val engine = MockEngine { request -> throw IOException("Request timeout has expired [url=${request.url}, request_timeout=5 ms]") }
        val e = shouldThrow<ConnectionException> {
            transport(engine, mutableListOf()).send(HttpMethod.Get, "/tokens/$encoded?sig=s3cr3t-signature", secrets = listOf(other))
        }
        val printed = e.stackTraceToString()
        printed shouldContain "/tokens/****"
        printed shouldNotContain encoded
        printed shouldNotContain "s3cr3t-signature"
        e.cause!!.message!! shouldContain "java.io.IOException: Request timeout has expired"
    }
})
