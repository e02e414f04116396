package io.qonduit.transport

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.oqc.OqcSdk
import io.qonduit.oqtant.OqtantClient
import io.qonduit.qpi.QpiClient

/**
 * Closing a client must not leave threads behind: 50 clients of each kind, each used for one real
 * request (the HTTP engine is first used, and its threads started, on the first request), then
 * closed. HTTP engine threads (OkHttp's, and a JDK client's selector should one come back) may grow
 * by no more than [ENGINE_SLACK]: clients share one process-wide engine ([SharedEngines]), whose
 * idle dispatcher thread the next sequential request reuses, while an engine per client would add
 * one or more threads per client, 50 or more here. Thread counts are taken after a GC and a
 * settle, so threads that die only once their client is collected do not count as leaks, and
 * threads that outlive it do.
 */
class ClientThreadsSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 5))
    afterSpec { emulator.close() }

    val quiet = TransportConfig.builder().maxRetries(0).build()
    val kinds: Map<String, suspend () -> Unit> = mapOf(
        "QpiClient" to {
            QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN), quiet).use { it.listQpus() }
        },
        "OqtantClient" to {
            OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN)).baseUrl(emulator.url("oqtant"))
                .transportConfig(quiet).build().use { it.getJobLimits() }
        },
        "OqcSdk" to {
            OqcSdk.builder(emulator.url("oqc")).token(Secret.of(OqcEmulatorState.DEMO_TOKEN)).transport(quiet)
                .build().use { it.open() }
        },
    )

    for ((kind, useOnce) in kinds) {
        test("creating, using and closing 50 ${kind}s leaves no threads behind") {
            useOnce() // warm-up: whatever the first client starts once per process is not a leak
            val before = liveThreads()
            repeat(50) { useOnce() }
            val after = liveThreads()
            println("$kind threads: before=${before.total} (engine ${before.engine}), after 50 closed=${after.total} (engine ${after.engine})")
            after.engine - before.engine shouldBeLessThanOrEqual ENGINE_SLACK
            after.total - before.total shouldBeLessThanOrEqual SLACK
        }
    }
})

/** Room for pool threads (coroutine IO workers, the emulator's server) that come and go on their own. */
private const val SLACK = 8

/** Room for the shared engine's own comings and goings (OkHttp's task runner starts and ends on its own). */
private const val ENGINE_SLACK = 2

private class ThreadCount(val total: Int, val engine: Int)

private fun liveThreads(): ThreadCount {
    repeat(3) {
        System.gc()
        Thread.sleep(200)
    }
    Thread.sleep(500)
    val alive = Thread.getAllStackTraces().keys.filter { it.isAlive }
    return ThreadCount(alive.size, alive.count { it.name.startsWith("OkHttp") || it.name.endsWith("SelectorManager") })
}
