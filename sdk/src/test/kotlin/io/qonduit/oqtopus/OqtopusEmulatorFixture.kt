package io.qonduit.oqtopus

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.transport.RequestLogger
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.coroutines.runBlocking
import java.time.Duration

/** An emulator on loopback port 0 serving OQTOPUS under `/oqtopus`, and clients with the demo token. */
class OqtopusEmulatorFixture : AutoCloseable {
    val emulator: Emulator = Emulator.start(EmulatorConfig(seed = 7, queuedDelay = Duration.ofMillis(20), runningDelay = Duration.ofMillis(20)))
    val url: String = emulator.url("oqtopus")
    val log = mutableListOf<String>()
    val fast = OqtopusPolling(Duration.ofMillis(20), 1.5, Duration.ofMillis(200), Duration.ofSeconds(30))
    private val transport = TransportConfig.builder()
        .retryDelays(Duration.ofMillis(5), Duration.ofMillis(20))
        .logger(RequestLogger { synchronized(log) { log += it } })
        .build()

    fun client(
        token: String? = OqtopusEmulatorState.DEMO_TOKEN,
        flow: OqtopusApiFlow = OqtopusApiFlow.STORAGE,
        maxDownloadBytes: Long = OqtopusClient.DEFAULT_MAX_DOWNLOAD_BYTES,
    ): OqtopusClient = OqtopusClient.builder(OqtopusConfig.of(url, token?.let(Secret::of)))
        .flow(flow).transport(transport).maxDownloadBytes(maxDownloadBytes).build()

    /** The id of a simulator device the emulator seeds. */
    val simulator: String by lazy {
        client().use { c -> runBlocking { c.listDevices().first { it.deviceType == "simulator" && it.status == "available" }.deviceId } }
    }

    override fun close() = emulator.close()
}
