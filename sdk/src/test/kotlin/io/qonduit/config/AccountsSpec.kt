package io.qonduit.config

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.oqtant.OqtantClient
import io.qonduit.qibo.QiboClient
import io.qonduit.qpi.QpiClient
import io.qonduit.transport.Secret
import java.nio.file.Files
import java.nio.file.Path

class AccountsSpec : FunSpec({
    // Every test gets its own empty home: the real ~ and environment are never read.
    fun home(): Path = Files.createTempDirectory("qonduit-home")

    test("an explicit argument wins over the environment, which wins over a default; each value says where it came from") {
        val env = mapOf("QPI_URL" to "http://127.0.0.1:1/", "QPI_API_TOKEN" to "env-token")
        val fromEnv = Accounts.qpi(ConfigSources(env, home()))
        fromEnv.endpoint shouldBe "http://127.0.0.1:1"
        fromEnv.endpointSource shouldBe "environment variable QPI_URL"
        fromEnv.token shouldBe Secret.of("env-token")
        fromEnv.tokenSource shouldBe "environment variable QPI_API_TOKEN"

        val explicit = Accounts.qpi(ConfigSources(env, home()), "http://127.0.0.1:2", Secret.of("arg-token"))
        explicit.endpoint shouldBe "http://127.0.0.1:2"
        explicit.endpointSource shouldBe "argument url"
        explicit.token shouldBe Secret.of("arg-token")
        explicit.tokenSource shouldBe "argument token"

        // QPI's Python client defaults to the local orchestrator and allows a later password login.
        val bare = Accounts.qpi(ConfigSources(mapOf("QPI_URL" to "  "), home()))
        bare.endpoint shouldBe Accounts.QPI_DEFAULT_URL
        bare.endpointSource shouldBe "default"
        bare.token.shouldBeNull()
        QpiClient.fromEnv(ConfigSources(env, home())).use { it.baseUrl shouldBe "http://127.0.0.1:1" }
    }

    test("a missing setting is named with every place looked, and no secret appears in messages or toString") {
        val e = shouldThrow<ConfigurationException> { Accounts.qibo(ConfigSources(mapOf("QIBO_URL" to "http://127.0.0.1:1"), home())) }
        e.provider shouldBe "Qibo"
        e.missing shouldContainExactly listOf("token")
        e.looked shouldContainExactly listOf("argument url", "environment variable QIBO_URL", "argument token", "environment variable QIBO_TOKEN")
        e.message shouldBe "Qibo configuration incomplete: no token (looked at argument token, environment variable QIBO_TOKEN)"

        val both = shouldThrow<ConfigurationException> { Accounts.oqc(ConfigSources(emptyMap(), home())) }
        both.missing shouldContainExactly listOf("url", "token")
        both.message!! shouldContain "no url (looked at argument url, environment variable OQC_URL); no token"

        val account = Accounts.qibo(ConfigSources(mapOf("QIBO_URL" to "http://127.0.0.1:1", "QIBO_TOKEN" to "very-secret"), home()))
        account.toString() shouldNotContain "very-secret"
        account.toString() shouldContain "**** from environment variable QIBO_TOKEN"
        ConfigSources(mapOf("QIBO_TOKEN" to "very-secret"), home()).toString() shouldNotContain "very-secret"
    }

    test("Qibo's client takes the resolved account and the same environment for its other defaults") {
        val folder = home().toString()
        val env = mapOf("QIBO_URL" to "http://127.0.0.1:1", "QIBO_TOKEN" to "t", "RESULTS_BASE_FOLDER" to folder)
        QiboClient.fromEnv(ConfigSources(env, home())).use { client ->
            client.baseUrl shouldBe "http://127.0.0.1:1"
            client.resultsFolder.toString() shouldBe folder
        }
    }

    test("Oqtant's token is read from ~/.access-token.txt, where the Python client saves it") {
        val h = home()
        val missing = shouldThrow<ConfigurationException> { OqtantClient.fromEnv(ConfigSources(emptyMap(), h)) }
        missing.looked shouldContainExactly listOf("argument url", "default", "argument token", "file ${h.resolve(".access-token.txt")}")

        // The saved file ends with a newline, as a text editor or `echo` leaves it.
        Files.writeString(h.resolve(".access-token.txt"), OqtantEmulatorState.DEMO_TOKEN + "\n")
        Accounts.oqtant(ConfigSources(emptyMap(), h)).endpoint shouldBe OqtantClient.DEFAULT_BASE_URL
        Emulator.start().use { emulator ->
            OqtantClient.fromEnv(ConfigSources(emptyMap(), h), emulator.url("oqtant")).use { client ->
                client.userId shouldBe OqtantEmulatorState.DEMO_USER_ID
                client.getJobLimits()
            }
        }
    }
})
