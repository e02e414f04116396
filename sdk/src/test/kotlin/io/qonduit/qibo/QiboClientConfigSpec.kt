package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.errors.ValidationException
import io.qonduit.transport.Secret
import java.nio.file.Paths
import java.time.Duration

class QiboClientConfigSpec : FunSpec({
    val url = "http://127.0.0.1:9"

    test("defaults as qibo-client's: RESULTS_BASE_FOLDER else <tmp>/qibo_client, SECONDS_BETWEEN_CHECKS else result()'s 0.5 s") {
        QiboClient.builder(url, Secret.of("t")).environment(emptyMap()).build().use { c ->
            c.resultsFolder shouldBe Paths.get(System.getProperty("java.io.tmpdir"), "qibo_client")
            c.pollInterval shouldBe Duration.ofMillis(500)
            c.clientQiboVersion shouldBe QiboCircuitJson.QIBO_VERSION
        }
        QiboClient.builder(url, Secret.of("t")).environment(mapOf("RESULTS_BASE_FOLDER" to "/data/qibo", "SECONDS_BETWEEN_CHECKS" to "2")).build().use { c ->
            c.resultsFolder shouldBe Paths.get("/data/qibo")
            c.pollInterval shouldBe Duration.ofSeconds(2)
            c.target("sim").defaultCadence.delayMillis(0) shouldBe 2000L
        }
        // Explicit settings win over the environment.
        QiboClient.builder(url, Secret.of("t")).environment(mapOf("RESULTS_BASE_FOLDER" to "/data/qibo")).resultsFolder(Paths.get("/x")).pollInterval(Duration.ofMillis(5)).build().use { c ->
            c.resultsFolder shouldBe Paths.get("/x")
            c.pollInterval shouldBe Duration.ofMillis(5)
        }
    }

    test("bad settings are refused naming the field; the token never shows") {
        val b = QiboClient.builder(url, Secret.of("secret-token-42"))
        shouldThrow<ValidationException> { b.pollInterval(Duration.ZERO) }.violations.single().field shouldBe "pollInterval"
        shouldThrow<ValidationException> { b.maxArchiveEntries(0) }.violations.single().field shouldBe "maxArchiveEntries"
        shouldThrow<ValidationException> { b.maxArchiveBytes(0) }.violations.single().field shouldBe "maxArchiveBytes"
        shouldThrow<IllegalArgumentException> { QiboClient.builder("not a url", Secret.of("t")).build() }
        b.build().use { c ->
            c.toString() shouldNotContain "secret-token-42"
            c.target("sim").toString() shouldNotContain "secret-token-42"
            shouldThrow<ValidationException> { c.target("") }.violations.single().field shouldBe "device"
            shouldThrow<ValidationException> { QiboOptions(project = " ") }.violations.single().field shouldBe "options.provider.project"
        }
    }
})
