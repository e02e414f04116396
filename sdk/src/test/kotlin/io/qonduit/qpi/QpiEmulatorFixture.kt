package io.qonduit.qpi

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.transport.RequestLogger
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.coroutines.runBlocking
import java.time.Duration

/** A QPI emulator on loopback, port 0, and clients for its demo users. */
class QpiEmulatorFixture(queuedDelay: Duration = Duration.ofMillis(30), runningDelay: Duration = Duration.ofMillis(30)) : AutoCloseable {
    val emulator: Emulator = Emulator.start(EmulatorConfig(seed = 11, queuedDelay = queuedDelay, runningDelay = runningDelay))
    val url: String = emulator.url("qpi")
    val log = mutableListOf<String>()
    private val config = TransportConfig.builder()
        .retryDelays(Duration.ofMillis(5), Duration.ofMillis(20))
        .logger(RequestLogger { synchronized(log) { log += it } })
        .build()

    fun client(token: String? = QpiEmulatorState.DEMO_TOKEN): QpiClient = QpiClient.create(url, token?.let { Secret.of(it) }, config)

    /** A client logged in as the seeded superuser (superusers have no API token). */
    fun admin(): QpiClient = client(null).also {
        runBlocking { it.authAsSuperuser(QpiEmulatorState.ADMIN_IDENTITY, Secret.of(QpiEmulatorState.ADMIN_PASSWORD)) }
    }

    /** A client with the demo user's API token and login: collection routes need the login. */
    fun login(): QpiClient = client().also {
        runBlocking { it.authWithPassword(QpiEmulatorState.DEMO_IDENTITY, Secret.of(QpiEmulatorState.DEMO_PASSWORD)) }
    }

    override fun close() = emulator.close()
}
