package io.qonduit.emulator.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.EmulatorMain

class QiboMainSpec : FunSpec({
    test("the banner names the Qibo URL, the demo token and the partitions") {
        qiboEmulator().use { emulator ->
            val banner = EmulatorMain.banner(emulator)
            banner shouldContain "qibo: ${emulator.url("qibo")}"
            banner shouldContain "x-api-token ${QiboEmulatorState.DEMO_TOKEN}"
            banner shouldContain "${QiboEmulatorState.SIM}, ${QiboEmulatorState.HARDWARE} (unavailable)"
        }
    }

    test("--qibo-partition-available names the partitions to open at start-up; an unknown name is refused") {
        EmulatorMain.parse(arrayOf("--port", "0", "--qibo-partition-available", QiboEmulatorState.HARDWARE))!!
            .qiboPartitions shouldContainExactly listOf(QiboEmulatorState.HARDWARE)
        shouldThrow<IllegalArgumentException> { EmulatorMain.parse(arrayOf("--qibo-partition-available", "qpu99")) }
            .message!! shouldContain "--qibo-partition-available must name one of [sim, qpu5q], was 'qpu99'"
    }
})
