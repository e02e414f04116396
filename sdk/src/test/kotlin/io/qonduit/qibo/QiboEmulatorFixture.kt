package io.qonduit.qibo

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.qibo.QiboEmulatorState
import io.qonduit.transport.RequestLogger
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/** An emulator on loopback port 0 serving Qibo under `/qibo`, and clients with the demo token and a results folder of their own. */
class QiboEmulatorFixture : AutoCloseable {
    val emulator: Emulator = Emulator.start(EmulatorConfig.builder().seed(5).queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(30)).build())
    val url: String = emulator.url("qibo")
    val state: QiboEmulatorState get() = emulator.qibo
    val results: Path = Files.createTempDirectory("qibo-results")
    val log = mutableListOf<String>()
    val warnings = mutableListOf<String>()
    private val transport = TransportConfig.builder()
        .retryDelays(Duration.ofMillis(5), Duration.ofMillis(20))
        .logger(RequestLogger { synchronized(log) { log += it } })
        .build()

    fun client(token: String = QiboEmulatorState.DEMO_TOKEN, configure: QiboClient.Builder.() -> Unit = {}): QiboClient =
        QiboClient.builder(url, Secret.of(token)).transport(transport).resultsFolder(results).pollInterval(Duration.ofMillis(20))
            .environment(emptyMap()).warnings { synchronized(warnings) { warnings += it } }.apply(configure).build()

    override fun close() = emulator.close()
}
