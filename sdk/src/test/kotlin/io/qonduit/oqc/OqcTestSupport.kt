package io.qonduit.oqc

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.job.PollCadence
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import java.time.Duration

/** Shared settings for OQC client tests against the emulator. */
internal object OqcTesting {
    const val LUCY: String = OqcEmulatorState.LUCY_SIMULATOR
    const val TOSHIKO: String = OqcEmulatorState.TOSHIKO
    const val INACTIVE: String = OqcEmulatorState.INACTIVE_QPU
    const val LUCY_PATH: String = "/oqc/qpu/d865b5a184"
    const val TOSHIKO_PATH: String = "/oqc/qpu/673b1ad43c"

    val fastCadence: PollCadence = PollCadence.ofMillis(10, 20, 40)

    /** OQC's retry statuses with short delays. */
    val transport: TransportConfig = TransportConfig.builder()
        .retryStatuses(setOf(408, 409, 429, 500, 502, 503, 504))
        .retryDelays(Duration.ofMillis(5), Duration.ofMillis(20))
        .build()

    fun emulator(queued: Long = 20, running: Long = 20): Emulator = Emulator.start(
        EmulatorConfig.builder().seed(11).queuedDelay(Duration.ofMillis(queued)).runningDelay(Duration.ofMillis(running)).build(),
    )

    /** A builder for [emulator]'s OQC API with fast polling and retries; token auth unless [withToken] is false. */
    fun builder(emulator: Emulator, withToken: Boolean = true): OqcSdkBuilder =
        OqcSdk.builder(emulator.url("oqc")).transport(transport).pollCadence(fastCadence).also {
            if (withToken) it.token(Secret.of(OqcEmulatorState.DEMO_TOKEN))
        }

    fun sdk(emulator: Emulator): OqcSdk = builder(emulator).build()
}
