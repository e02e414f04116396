package io.qonduit.oqc

import io.qonduit.program.OpenQasmProgram
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.config.ConfigSources
import io.qonduit.config.ConfigurationException
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.errors.ApiException
import io.qonduit.errors.AuthorizationException
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.OqcTesting.INACTIVE
import io.qonduit.oqc.OqcTesting.LUCY
import io.qonduit.oqc.OqcTesting.LUCY_PATH
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.testing.Circuits
import kotlin.time.Duration.Companion.seconds
import io.qonduit.oqc.OqcTesting.TOSHIKO
import io.qonduit.transport.Secret
import java.nio.file.Files

class OqcSdkConnectSpec : FunSpec({
    val emulator = OqcTesting.emulator()
    afterSpec { emulator.close() }
    beforeTest { emulator.faults.clear() }

    test("token mode: open checks the version without credentials, then loads QPUs with the token") {
        OqcTesting.sdk(emulator).use { sdk ->
            sdk.isOpen shouldBe false
            sdk.open()
            sdk.isOpen shouldBe true
            sdk.serverVersion shouldBe OqcEmulatorState.VERSION
            val version = emulator.faults.requests("/oqc/admin/version").single()
            version.hasHeader("Authentication-Token") shouldBe false
            emulator.faults.requests("/oqc/admin/qpu").single().hasHeader("Authentication-Token") shouldBe true
        }
    }

    test("e-mail and password: logout, then login; the token of the reply is used") {
        OqcTesting.builder(emulator, withToken = false)
            .credentials(OqcEmulatorState.DEMO_EMAIL, Secret.of(OqcEmulatorState.DEMO_PASSWORD)).build().use { sdk ->
                sdk.isAuthenticated shouldBe false
                sdk.open()
                sdk.isAuthenticated shouldBe true
                emulator.faults.requests.map { "${it.method} ${it.path}" } shouldContainExactly listOf(
                    "GET /oqc/admin/version", "POST /oqc/admin/logout", "POST /oqc/admin/login", "GET /oqc/admin/qpu",
                )
                val login = emulator.faults.requests("/oqc/admin/login").single()
                login.query shouldBe "include_auth_token=true"
                login.hasHeader("Authentication-Token") shouldBe false
                sdk.listQpus().size shouldBe 2
            }
    }

    test("wrong password: the 400 of the login surfaces as an ApiException") {
        OqcTesting.builder(emulator, withToken = false).credentials(OqcEmulatorState.DEMO_EMAIL, Secret.of("wrong")).build().use { sdk ->
            shouldThrow<ApiException> { sdk.open() }.statusCode shouldBe 400
            sdk.isOpen shouldBe false
        }
    }

    test("without auto-authentication open fails until authenticate() is called") {
        OqcTesting.builder(emulator, withToken = false).autoAuthenticate(false)
            .credentials(OqcEmulatorState.DEMO_EMAIL, Secret.of(OqcEmulatorState.DEMO_PASSWORD)).build().use { sdk ->
                shouldThrow<AuthorizationException> { sdk.open() }.statusCode shouldBe 401
                sdk.authenticate()
                sdk.open().isOpen shouldBe true
            }
    }

    test("token and credentials together, a bad e-mail or a bad URL are rejected when building") {
        shouldThrow<ValidationException> {
            OqcSdk.builder("http://x").token(Secret.of("t")).credentials("a@b.io", Secret.of("p")).build()
        }.violations.single().field shouldBe "token"
        shouldThrow<ValidationException> { OqcSdk.withCredentials("http://x", "not-an-email", Secret.of("p")) }.violations.single().field shouldBe "email"
        shouldThrow<ValidationException> { OqcSdk.withToken("ftp://x", Secret.of("t")) }.violations.single().field shouldBe "url"
    }

    test("fromEnv reads OQC_URL and OQC_AUTHENTICATION_TOKEN and names what is missing") {
        val env = mapOf("OQC_URL" to emulator.url("oqc"), "OQC_AUTHENTICATION_TOKEN" to OqcEmulatorState.DEMO_TOKEN)
        val home = Files.createTempDirectory("oqc-home")
        OqcSdk.fromEnv(ConfigSources(env, home)).use { it.listQpus().size shouldBe 2 }
        val e = shouldThrow<ConfigurationException> { OqcSdk.fromEnv(ConfigSources(emptyMap(), home)) }
        e.missing shouldContainExactly listOf("url", "token")
        e.message!! shouldContain "OQC_URL"
        e.message!! shouldContain "OQC_AUTHENTICATION_TOKEN"
    }

    test("close is safe when never opened and twice; a closed SDK refuses to open") {
        val sdk = OqcTesting.sdk(emulator)
        sdk.close()
        sdk.close()
        shouldThrow<IllegalStateException> { sdk.open() }
        emulator.faults.requests.size shouldBe 0
    }

    test("listQpus filters out the inactive QPU; features are decoded from the feature_set string") {
        OqcTesting.sdk(emulator).use { sdk ->
            sdk.listQpus().map { it.id } shouldContainExactly listOf(LUCY, TOSHIKO)
            val toshiko = sdk.getFeatures(TOSHIKO)
            toshiko.maximumShots shouldBe 100_000L
            toshiko.qubitCount shouldBe 32
            sdk.getFeatures(LUCY).isSimulator shouldBe true
            sdk.getFeatures().isAlwaysOn shouldBe true // the default QPU
        }
    }

    test("default QPU: the built-in default is inactive here, so the first active QPU is used") {
        OqcTesting.sdk(emulator).use { sdk ->
            sdk.defaultQpuId shouldBe OqcSdk.BUILT_IN_DEFAULT_QPU // nothing loaded yet
            sdk.open()
            OqcSdk.BUILT_IN_DEFAULT_QPU shouldBe INACTIVE
            sdk.defaultQpuId shouldBe LUCY
            sdk.setDefaultQpu(TOSHIKO)
            sdk.defaultQpuId shouldBe TOSHIKO
            listOf(null, "", "lucy").forEach { sdk.createJob(OpenQasmProgram("OPENQASM 2.0;"), it).device shouldBe TOSHIKO }
            // A chosen default is never silently replaced (issue 9): it used to fall back to LUCY here,
            // so a job meant for one QPU ran on another. Unknown or inactive ids now fail, naming qpuId.
            listOf(INACTIVE, "qpu:uk:9:nonexistent").forEach { id ->
                val e = shouldThrow<ValidationException> { sdk.setDefaultQpu(id) }
                e.violations.single().field shouldBe "qpuId"
                e.message shouldContain "[$LUCY, $TOSHIKO]"
            }
            sdk.defaultQpuId shouldBe TOSHIKO
            shouldThrow<ValidationException> { sdk.setDefaultQpu(" ") }.violations.single().field shouldBe "qpuId"
            shouldThrow<ValidationException> { sdk.createJob(OpenQasmProgram("OPENQASM 2.0;"), INACTIVE) }.violations.single().field shouldBe "qpuId"
        }
        OqcTesting.builder(emulator).defaultQpuId(TOSHIKO).build().use { it.open().defaultQpuId shouldBe TOSHIKO }
    }

    test("a chosen default that is not active fails at open, before the list is loaded it is accepted") {
        OqcTesting.builder(emulator).defaultQpuId(INACTIVE).build().use { sdk ->
            val e = shouldThrow<ValidationException> { sdk.open() }
            e.violations.single().field shouldBe "qpuId"
            e.message shouldContain "[$LUCY, $TOSHIKO]"
            sdk.isOpen shouldBe false
            sdk.setDefaultQpu(TOSHIKO)
            sdk.open().defaultQpuId shouldBe TOSHIKO
        }
        OqcTesting.sdk(emulator).use { sdk ->
            sdk.setDefaultQpu("qpu:uk:9:nonexistent") // nothing loaded yet: checked by open
            shouldThrow<ValidationException> { sdk.open() }.violations.single().field shouldBe "qpuId"
        }
    }

    test("createJob before open: the default QPU is resolved when the job is sent, not guessed") {
        OqcTesting.sdk(emulator).use { sdk ->
            val job = sdk.createJob(Circuits.X0, config = CompilerConfig.builder().shots(10).build())
            job.device shouldBe OqcSdk.DEFAULT_DEVICE // the built-in default is only a guess until the list is loaded
            val target = sdk.target()
            emulator.faults.clearRequests()
            val outputs = job.execute(30.seconds)
            emulator.faults.requests("$LUCY_PATH/tasks/submit", "POST").size shouldBe 1
            outputs.raiseForError().resultList().single().counts("c") shouldBe mapOf("100" to 10L)
            target.device shouldBe LUCY
            sdk.createJob(Circuits.X0).device shouldBe LUCY // loaded now: resolved at once
        }
    }

    test("only 200 is success: 201 and 204 are errors, as in OQC's client") {
        OqcTesting.sdk(emulator).use { sdk ->
            sdk.open()
            emulator.faults.error("GET", "/oqc/admin/qpu", 201, times = 1, body = """{"items":[]}""")
            shouldThrow<ApiException> { sdk.listQpus() }.statusCode shouldBe 201
            emulator.faults.error("GET", "/oqc/admin/qpu/*", 204, times = 1, body = "")
            shouldThrow<ApiException> { sdk.getFeatures(LUCY) }.statusCode shouldBe 204
        }
    }

    test("GETs are retried on 409 and 503; the retryable family is marked") {
        OqcTesting.sdk(emulator).use { sdk ->
            sdk.open()
            emulator.faults.clearRequests()
            emulator.faults.error("GET", "/oqc/admin/qpu", 409, times = 1)
            emulator.faults.error("GET", "/oqc/admin/qpu", 503, times = 1)
            sdk.listQpus().size shouldBe 2
            emulator.faults.requests("/oqc/admin/qpu").size shouldBe 3
            emulator.faults.error("GET", "/oqc/admin/qpu", 503)
            shouldThrow<ApiException> { sdk.listQpus() }.isRetryable shouldBe true
        }
    }

    test("the token goes to the main URL and the advertised QPU URLs only") {
        val other = OqcTesting.emulator()
        try {
            OqcTesting.sdk(emulator).use { sdk ->
                sdk.open()
                // A URL the server never advertised: the request goes out without the token.
                shouldThrow<AuthorizationException> { sdk.api.get("${other.url("oqc")}/admin/qpu") }
                other.faults.requests("/oqc/admin/qpu").single().hasHeader("Authentication-Token") shouldBe false
            }
            // Once /admin/qpu advertises a QPU on the other origin, the token may go there.
            emulator.oqc.setQpuUrl(TOSHIKO, "${other.url("oqc")}/qpu/673b1ad43c")
            OqcTesting.sdk(emulator).use { sdk ->
                sdk.getSystemStatus(TOSHIKO).toString() shouldContain "ACTIVE"
                other.faults.requests("/oqc/qpu/673b1ad43c/monitoring/statuses").single().hasHeader("Authentication-Token") shouldBe true
            }
        } finally {
            emulator.oqc.setQpuUrl(TOSHIKO, null)
            other.close()
        }
    }

    test("reply messages are surfaced: Warning… as warnings, the rest as info, and to the listener") {
        val heard = mutableListOf<String>()
        emulator.oqc.addReplyMessage("Warning: QPU maintenance at 18:00")
        emulator.oqc.addReplyMessage("Welcome back")
        try {
            OqcTesting.builder(emulator).noticeListener { notices, request -> heard += "$request ${notices.warnings.size}/${notices.info.size}" }
                .build().use { sdk ->
                    sdk.open()
                    sdk.warnings shouldContainExactly listOf("Warning: QPU maintenance at 18:00", "Warning: QPU maintenance at 18:00")
                    sdk.infoMessages shouldContainExactly listOf("Welcome back", "Welcome back")
                    heard shouldContainExactly listOf("GET /admin/version 1/1", "GET /admin/qpu 1/1")
                }
        } finally {
            emulator.oqc.clearReplyMessages()
        }
    }

    test("Secret never shows in toString") {
        OqcTesting.sdk(emulator).use { sdk ->
            sdk.toString() shouldContain "OqcSdk(url="
            (OqcEmulatorState.DEMO_TOKEN in sdk.toString()) shouldBe false
            sdk.backend.shouldBeInstanceOf<OqcBackend>().provider shouldBe "oqc"
        }
    }
})
