package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.errors.InsecureUrlException
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.ServerException
import io.qonduit.oqc.OqcTesting.TOSHIKO
import io.qonduit.oqc.OqcTesting.TOSHIKO_PATH
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import java.time.Instant
import java.util.Collections

/**
 * OQC puts tokens in URL paths (`GET /admin/auth_tokens/{token}`, `DELETE /auth_tokens/{token}`), as
 * the real API does; the request still goes out like that, but no description of it — request log
 * (the same lines SLF4J gets at debug), retry lines, notices, exception messages — shows the token.
 */
class OqcSecretsSpec : FunSpec({
    val emulator = OqcTesting.emulator()
    afterSpec { emulator.close() }

    test("a token in the URL path never appears in the request log, retry lines, notices or exception messages") {
        val log = Collections.synchronizedList(mutableListOf<String>())
        val heard = Collections.synchronizedList(mutableListOf<String>())
        val logging = OqcTesting.transport.toBuilder().logger { log += it }.build()
        emulator.oqc.addReplyMessage("Welcome back")
        // One 503 on the token read: the retried GET is described twice.
        emulator.faults.error("GET", "/oqc/admin/auth_tokens/**", 503, times = 1)
        try {
            OqcTesting.builder(emulator).transport(logging).noticeListener { _, request -> heard += request }.build().use { sdk ->
                val token = sdk.createAuthToken(Instant.parse("2098-05-06T07:08:09Z"))
                sdk.getAuthTokenExpiry(token) shouldBe Instant.parse("2098-05-06T07:08:09Z")
                sdk.deleteAuthToken(token)
                val gone = shouldThrow<NotFoundException> { sdk.getAuthTokenExpiry(token) }
                val again = shouldThrow<NotFoundException> { sdk.deleteAuthToken(token) }
                emulator.faults.error("GET", "/oqc/admin/auth_tokens/**", 500, times = 10)
                val failing = shouldThrow<ServerException> { sdk.getAuthTokenExpiry(token) }

                // The wire call is unchanged: the token is in the path the server got.
                emulator.faults.requests("/oqc/admin/auth_tokens/${token.reveal()}").shouldNotBeEmpty()
                val described = log + heard + listOf(gone, again, failing).map { it.message!! + " " + it.path }
                // read: 503 then 200; delete: 200; read: 404; delete: 404; read: 500 four times (three retries)
                log.filter { "auth_tokens/****" in it }.size shouldBe 9
                heard.filter { "auth_tokens/****" in it }.shouldNotBeEmpty()
                gone.path shouldBe "/oqc/admin/auth_tokens/****"
                for (line in described) {
                    line shouldNotContain token.reveal()
                    line shouldNotContain OqcEmulatorState.DEMO_TOKEN
                }
            }
        } finally {
            emulator.faults.clear()
            emulator.oqc.clearReplyMessages()
        }
    }

    test("a QPU URL advertised with another scheme (ftp://) is refused before any request, so the token goes nowhere") {
        val loopback = emulator.url("oqc").replaceFirst("http://", "ftp://")
        emulator.oqc.setQpuUrl(TOSHIKO, "$loopback/qpu/673b1ad43c")
        try {
            OqcTesting.sdk(emulator).use { sdk ->
                sdk.open()
                emulator.faults.clearRequests()
                val e = shouldThrow<InsecureUrlException> { sdk.getSystemStatus(TOSHIKO) }
                e.scheme shouldBe "ftp"
                e.host shouldBe "127.0.0.1"
                e.message!! shouldContain "QPU URL for $TOSHIKO"
                e.message!! shouldNotContain OqcEmulatorState.DEMO_TOKEN
                // Before the fix the ftp URL became a path on the main server, sent with the token.
                emulator.faults.requests.shouldBeEmpty()
                // The other QPUs still work.
                sdk.getSystemStatus(OqcTesting.LUCY).toString() shouldContain "ACTIVE"
            }
        } finally {
            emulator.oqc.setQpuUrl(TOSHIKO, null)
        }
        OqcTesting.sdk(emulator).use { it.getSystemStatus(TOSHIKO).toString() shouldContain "ACTIVE" }
        emulator.faults.requests("$TOSHIKO_PATH/monitoring/statuses").shouldNotBeEmpty()
    }

    test("plain http to a host that is not loopback is refused when the SDK is built, unless the caller opts in") {
        val e = shouldThrow<InsecureUrlException> { OqcSdk.withToken("http://qpu.example.invalid/oqc", Secret.of("tok-never-sent-123")) }
        e.host shouldBe "qpu.example.invalid"
        e.message!! shouldContain "allowInsecureHttp"
        e.message!! shouldNotContain "tok-never-sent-123"
        // Opting in builds the SDK; nothing is sent until it is used.
        OqcSdk.builder("http://qpu.example.invalid/oqc").token(Secret.of("tok-never-sent-123"))
            .transport(TransportConfig.builder().allowInsecureHttp(true).build()).build().close()
    }
})
