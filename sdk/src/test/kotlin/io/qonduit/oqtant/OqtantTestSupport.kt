package io.qonduit.oqtant

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.OqtantFixtures
import io.qonduit.transport.RequestLogger
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList

/** An emulator with short delays and a client of it that polls fast and logs its requests. */
class OqtantTestEnv(queued: Long = 10, running: Long = 20, token: String = OqtantEmulatorState.DEMO_TOKEN) : AutoCloseable {
    val emulator: Emulator = Emulator.start(EmulatorConfig(seed = 3, queuedDelay = Duration.ofMillis(queued), runningDelay = Duration.ofMillis(running)))
    val log: MutableList<String> = CopyOnWriteArrayList()
    val client: OqtantClient = client(token)

    fun client(token: String): OqtantClient = OqtantClient.builder(Secret.of(token))
        .baseUrl(emulator.url("oqtant"))
        .pollInterval(Duration.ofMillis(10))
        .transportConfig(TransportConfig.builder().maxRetries(0).logger(RequestLogger { log += it }).build())
        .build()

    override fun close() {
        client.close()
        emulator.close()
    }
}

/** The BEC template of the Python client, as a job. */
fun becJob(name: String = "Example Ultracold Matter Generator Job"): OqtantJob =
    OqtantJson.decodeJob(OqtantFixtures.text("fixture_bec_job.oqtant-3.3.4.json")).copy(name = name)

/** The BARRIER template (in-trap), as a job. */
fun barrierJob(name: String = "Example Barrier Manipulator Job"): OqtantJob =
    OqtantJson.decodeJob(OqtantFixtures.text("fixture_barrier_job.oqtant-3.3.4.json")).copy(name = name)
