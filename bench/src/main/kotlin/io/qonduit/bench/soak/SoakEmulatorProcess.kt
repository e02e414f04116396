package io.qonduit.bench.soak

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import java.io.File
import java.nio.file.Files
import java.time.Duration
import java.util.concurrent.TimeUnit

/** The soak's emulator: fast, seeded jobs (20 ms queued, 20 ms running). */
internal fun soakEmulatorConfig(seed: Long): EmulatorConfig =
    EmulatorConfig.builder().seed(seed).queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(20)).build()

/** Where the soak's emulator runs; [baseUrl] is its root (providers under `/qpi`, `/oqc`, ...). */
internal interface SoakEmulator : AutoCloseable {
    val baseUrl: String

    fun url(provider: String): String = "$baseUrl/$provider"

    /** In this JVM: the emulator's stores share the soak's heap (the CI fast mode). */
    class InProcess(seed: Long) : SoakEmulator {
        private val emulator = Emulator.start(soakEmulatorConfig(seed))
        override val baseUrl: String get() = emulator.baseUrl
        override fun close() = emulator.close()
    }
}

/**
 * The emulator in a second JVM ([SoakEmulatorMain], with this JVM's class path and [heap]), so
 * the soak's heap figures are the client's alone. Its banner goes to a file read for the URL (no
 * reader thread left behind); its errors to this process's. [close] ends its input and waits.
 */
internal class SoakEmulatorProcess(seed: Long, heap: String) : SoakEmulator {
    private val out: File = Files.createTempFile("soak-emulator", ".out").toFile()
    private val process: Process = ProcessBuilder(
        File(System.getProperty("java.home"), "bin/java").path, "-Xmx$heap", "-cp", System.getProperty("java.class.path"),
        "io.qonduit.bench.soak.SoakEmulatorMain", seed.toString(),
    ).redirectOutput(out).redirectError(ProcessBuilder.Redirect.INHERIT).start()

    override val baseUrl: String = awaitUrl()

    /** The emulator process's id, for a class histogram of its heap. */
    val pid: Long get() = process.pid()

    private fun awaitUrl(): String {
        val deadline = System.nanoTime() + START_TIMEOUT.toNanos()
        while (System.nanoTime() < deadline) {
            LISTENING.find(out.readText())?.let { return it.groupValues[1] }
            if (!process.isAlive) break
            Thread.sleep(POLL_MILLIS)
        }
        close()
        error("the soak's emulator printed no URL (alive: ${process.isAlive}): ${out.readText().take(500)}")
    }

    override fun close() {
        runCatching { process.outputStream.close() }
        if (!process.waitFor(STOP_TIMEOUT.seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor()
        }
        out.delete()
    }

    private companion object {
        val LISTENING = Regex("Qonduit emulator listening on (http://127\\.0\\.0\\.1:\\d+)")
        val START_TIMEOUT: Duration = Duration.ofSeconds(60)
        val STOP_TIMEOUT: Duration = Duration.ofSeconds(20)
        const val POLL_MILLIS = 100L
    }
}
