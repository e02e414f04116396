package io.qonduit.emulator

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.qonduit.emulator.qpi.QpiEmulatorState
import java.net.ConnectException
import java.net.ServerSocket
import java.time.Duration

class EmulatorSpec : FunSpec({
    test("starts on an ephemeral loopback port and exposes provider URLs") {
        Emulator.start().use { emulator ->
            (emulator.port in 1..65535) shouldBe true
            emulator.baseUrl shouldBe "http://127.0.0.1:${emulator.port}"
            emulator.url("qpi") shouldBe "${emulator.baseUrl}/qpi"
            shouldThrow<IllegalArgumentException> { emulator.url("ibm") }.message!! shouldContain "qpi"
            TestHttp(emulator.url("qpi")).get("/api/qpus").status shouldBe 200
        }
    }

    test("close stops the server promptly and frees the port; closing twice is harmless") {
        val emulator = Emulator.start()
        val port = emulator.port
        val started = System.nanoTime()
        emulator.close()
        val elapsedMillis = (System.nanoTime() - started) / 1_000_000
        elapsedMillis shouldBeLessThan 2_000L
        emulator.close()
        shouldThrow<ConnectException> { TestHttp("http://127.0.0.1:$port").get("/qpi/api/qpus") }
        ServerSocket(port).use { it.localPort shouldBe port }
    }

    test("a fixed port is honoured and a busy port fails with a clear error") {
        val port = ServerSocket(0).use { it.localPort }
        Emulator.start(EmulatorConfig(port = port)).use { emulator ->
            emulator.port shouldBe port
            shouldThrow<IllegalStateException> { Emulator.start(EmulatorConfig(port = port)) }.message!! shouldContain "$port"
        }
    }

    test("config validates its fields") {
        shouldThrow<IllegalArgumentException> { EmulatorConfig(port = 70000) }.message!! shouldContain "port"
        shouldThrow<IllegalArgumentException> { EmulatorConfig(queuedDelay = Duration.ofMillis(-1)) }.message!! shouldContain "queuedDelay"
        val built = EmulatorConfig.builder().port(1234).seed(9L).runningDelay(Duration.ZERO).build()
        built.port shouldBe 1234
        built.seed shouldBe 9L
        built.runningDelay shouldBe Duration.ZERO
        built.toBuilder().host("localhost").build().host shouldBe "localhost"
    }

    test("EmulatorMain parses --port, --host, --seed and rejects bad options") {
        EmulatorMain.parseArgs(emptyArray())!!.port shouldBe 8090
        val config = EmulatorMain.parseArgs(arrayOf("--port", "0", "--host", "localhost", "--seed=5"))!!
        config.port shouldBe 0
        config.host shouldBe "localhost"
        config.seed shouldBe 5L
        EmulatorMain.parseArgs(arrayOf("--help")) shouldBe null
        shouldThrow<IllegalArgumentException> { EmulatorMain.parseArgs(arrayOf("--port", "x")) }.message!! shouldContain "--port"
        shouldThrow<IllegalArgumentException> { EmulatorMain.parseArgs(arrayOf("--port")) }.message!! shouldContain "--port"
        shouldThrow<IllegalArgumentException> { EmulatorMain.parseArgs(arrayOf("--seed", "1.5")) }.message!! shouldContain "--seed"
        shouldThrow<IllegalArgumentException> { EmulatorMain.parseArgs(arrayOf("--verbose")) }.message!! shouldContain "--verbose"
    }

    test("EmulatorMain's banner names the base URL, each provider URL and the demo credentials") {
        Emulator.start().use { emulator ->
            val banner = EmulatorMain.banner(emulator)
            banner shouldStartWith "Qonduit emulator listening on ${emulator.baseUrl}"
            banner shouldContain "qpi: ${emulator.url("qpi")}"
            banner shouldContain QpiEmulatorState.DEMO_TOKEN
            banner shouldContain QpiEmulatorState.DEMO_PASSWORD
            banner shouldContain QpiEmulatorState.ADMIN_PASSWORD
        }
    }
})
