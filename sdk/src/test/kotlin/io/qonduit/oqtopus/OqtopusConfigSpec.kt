package io.qonduit.oqtopus

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.config.ConfigurationException
import io.qonduit.errors.ValidationException
import io.qonduit.transport.Secret
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

class OqtopusConfigSpec : FunSpec({
    fun home(ini: String?): Path {
        val home = Files.createTempDirectory("oqtopus-home")
        if (ini != null) {
            val dir = Files.createDirectories(home.resolve(".config/oqtopus"))
            Files.writeString(dir.resolve("config.ini"), ini)
        }
        return home
    }

    test("the environment: OQTOPUS_BASE_URL, OQTOPUS_API_TOKEN, OQTOPUS_PROXY") {
        val c = OqtopusConfig.fromEnv(mapOf("OQTOPUS_BASE_URL" to "http://127.0.0.1:9/oqtopus/", "OQTOPUS_API_TOKEN" to "tok", "OQTOPUS_PROXY" to "http://127.0.0.1:3128"))
        c.baseUrl shouldBe "http://127.0.0.1:9/oqtopus"
        c.apiToken shouldBe Secret.of("tok")
        c.proxy shouldBe "http://127.0.0.1:3128"
        c.timeout shouldBe Duration.ofSeconds(30)
        c.toString() shouldNotContain "tok"
        // oqtopus-client 1.3 reads OQTOPUS_URL first.
        OqtopusConfig.fromEnv(mapOf("OQTOPUS_URL" to "http://a:1", "OQTOPUS_BASE_URL" to "http://b:1")).baseUrl shouldBe "http://a:1"
        shouldThrow<ValidationException> { OqtopusConfig.fromEnv(emptyMap()) }.violations.single().field shouldBe "OQTOPUS_BASE_URL"
    }

    test("the INI file ~/.config/oqtopus/config.ini, section [default]") {
        val h = home("# comment\n[default]\nbase_url = http://127.0.0.1:8080\napi_token = secret-token\nproxy=\ntimeout = 2.5\n\n[dev]\nurl: http://127.0.0.1:1\n")
        val c = OqtopusConfig.fromFile(path = OqtopusConfig.defaultFile(emptyMap(), h.toString()))
        c.baseUrl shouldBe "http://127.0.0.1:8080"
        c.apiToken shouldBe Secret.of("secret-token")
        c.proxy shouldBe null
        c.timeout shouldBe Duration.ofMillis(2500)
        OqtopusConfig.fromFile("dev", OqtopusConfig.defaultFile(emptyMap(), h.toString())).baseUrl shouldBe "http://127.0.0.1:1"
        // load(): the file when the environment names no URL, the environment when it does.
        OqtopusConfig.load(emptyMap(), h.toString()).baseUrl shouldBe "http://127.0.0.1:8080"
        OqtopusConfig.load(mapOf("OQTOPUS_BASE_URL" to "http://127.0.0.1:2"), h.toString()).baseUrl shouldBe "http://127.0.0.1:2"
        // quri-parts-oqtopus's older ~/.oqtopus is read when the default file is absent, so its users change nothing.
        val legacy = home(null)
        Files.writeString(legacy.resolve(".oqtopus"), "[default]\nurl = http://127.0.0.1:3\napi_token = legacy-token\n")
        OqtopusConfig.load(emptyMap(), legacy.toString()).apiToken shouldBe Secret.of("legacy-token")
        // XDG_CONFIG_HOME moves the file as in the Python client.
        OqtopusConfig.defaultFile(mapOf("XDG_CONFIG_HOME" to "/x"), h.toString()) shouldBe Path.of("/x/oqtopus/config.ini")
    }

    test("a missing file, section, URL or a bad timeout are typed errors naming the field") {
        val none = home(null)
        val e = shouldThrow<ConfigurationException> { OqtopusConfig.load(emptyMap(), none.toString()) }
        e.missing shouldBe listOf("url")
        e.looked shouldBe listOf(
            "environment variable OQTOPUS_URL",
            "environment variable OQTOPUS_BASE_URL",
            "file ${none.resolve(".config/oqtopus/config.ini")}",
            "file ${none.resolve(".oqtopus")}",
        )
        e.message!! shouldContain "OQTOPUS configuration incomplete: no url (looked at environment variable OQTOPUS_URL"
        val h = home("[other]\nbase_url=http://x:1\n[default]\napi_token=t\n[bad]\nbase_url=http://x:1\ntimeout=-1\n")
        val file = OqtopusConfig.defaultFile(emptyMap(), h.toString())
        shouldThrow<ValidationException> { OqtopusConfig.fromFile("missing", file) }.violations.single().field shouldBe "section"
        shouldThrow<ValidationException> { OqtopusConfig.fromFile("default", file) }.violations.single().field shouldBe "[default].base_url"
        shouldThrow<ValidationException> { OqtopusConfig.fromFile("bad", file) }.violations.single().limit shouldContain "positive"
        shouldThrow<ValidationException> { OqtopusConfig.of("ftp://x", null) }.violations.single().field shouldBe "baseUrl"
    }
})
