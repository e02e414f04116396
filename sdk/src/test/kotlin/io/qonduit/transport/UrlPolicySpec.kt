package io.qonduit.transport

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.qonduit.errors.InsecureUrlException

private const val TOKEN = "tok-SECRET-1234567890"

/**
 * Where the transport sends, decided before any connection: every refused case runs on a
 * [MockEngine] that would record a request, and the `.invalid` host (RFC 2606) could never resolve,
 * so a refusal that came after I/O would show as a recorded request or a DNS error instead.
 */
class UrlPolicySpec : FunSpec({
    // A fresh engine per test: its history holds that test's requests only.
    var engine = MockEngine { respond("{}") }
    beforeEach { engine = MockEngine { respond("{}") } }
    fun transport(url: String, insecure: Boolean = false) = HttpTransport(
        url, TransportConfig.builder().engine(engine).maxRetries(0).allowInsecureHttp(insecure).build(),
    ) { mapOf("X-Token" to TOKEN) }

    test("plain http to a host that is not loopback is refused when the transport is made, naming the host and the opt-in") {
        val e = shouldThrow<InsecureUrlException> { transport("http://qpu.example.invalid/api") }
        e.scheme shouldBe "http"
        e.host shouldBe "qpu.example.invalid"
        e.message!! shouldContain "qpu.example.invalid"
        e.message!! shouldContain "allowInsecureHttp(true)"
        e.message!! shouldNotContain TOKEN
        engine.requestHistory.shouldBeEmpty()
    }

    test("loopback may use plain http (localhost, all of 127.0.0.0/8, ::1); https goes anywhere; the opt-in allows other http hosts") {
        for (url in listOf("http://localhost:9", "http://LOCALHOST", "http://127.0.0.1:9", "http://127.200.3.4", "http://[::1]:9", "https://qpu.example.invalid")) {
            transport(url).close()
        }
        transport("http://qpu.example.invalid", insecure = true).get("/ping").status shouldBe 200
        engine.requestHistory.single().url.host shouldBe "qpu.example.invalid"
    }

    test("hosts that only look like loopback are not loopback") {
        for (url in listOf("http://127.0.0.1.example.invalid", "http://localhost.example.invalid", "http://128.0.0.1", "http://[::2]")) {
            shouldThrow<InsecureUrlException> { transport(url) }
        }
    }

    test("an absolute URL in a request passes the same policy: plain http elsewhere and ftp:// are refused before sending") {
        val t = transport("https://api.example.invalid/v1")
        shouldThrow<InsecureUrlException> { t.get("http://qpu.example.invalid/v1/tasks") }.host shouldBe "qpu.example.invalid"
        // Not a path on the base URL: before this rule it was sent, with the token, to https://api.example.invalid/v1/ftp://…
        shouldThrow<InsecureUrlException> { t.get("ftp://api.example.invalid/v1/tasks") }.scheme shouldBe "ftp"
        engine.requestHistory.shouldBeEmpty()
    }

    test("an advertised URL must keep the base URL's scheme before it is trusted") {
        val t = transport("https://api.example.invalid/v1")
        shouldThrow<InsecureUrlException> { t.trust("ftp://qpu.example.invalid/q", "QPU URL") }.message!! shouldContain "QPU URL"
        // Even with the opt-in an https account is not downgraded by a reply.
        shouldThrow<InsecureUrlException> { transport("https://api.example.invalid", insecure = true).trust("http://qpu.example.invalid/q") }
        shouldThrow<InsecureUrlException> { transport("http://127.0.0.1:9").checkAdvertised("https://127.0.0.1:9/q", "storage URL") }
        t.trust("https://qpu.example.invalid/q")
        t.get("https://qpu.example.invalid/q/tasks")
        engine.requestHistory.single().headers["X-Token"] shouldBe TOKEN
    }
})
