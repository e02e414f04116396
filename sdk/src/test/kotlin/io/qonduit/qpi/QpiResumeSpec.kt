package io.qonduit.qpi

import io.qonduit.circuit.circuit
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.job.JobState
import java.nio.file.Files
import java.time.Duration
import java.util.concurrent.TimeUnit

class QpiResumeSpec : FunSpec({
    test("a job saved while running is loaded and resumed in a new process") {
        QpiEmulatorFixture(queuedDelay = Duration.ofMillis(1500)).use { qpi ->
            val snapshot = Files.createTempFile("qpi-job", ".json")
            qpi.client().use { client ->
                val job = client.backend(QpiEmulatorState.MOCK_QPU).run(
                    circuit { val q = qreg("q", 2); val c = creg("c", 2); x(q[1]); measure(q, c) }.toQasm3(),
                    shots = 20,
                )
                job.refresh().state shouldBe JobState.QUEUED
                job.save(snapshot)
            }
            Files.readString(snapshot) shouldNotContain QpiEmulatorState.DEMO_TOKEN

            val java = Path(System.getProperty("java.home"), "bin", "java").toString()
            val process = ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), ResumeSnapshotMain::class.java.name,
                qpi.url, QpiEmulatorState.DEMO_TOKEN, snapshot.toString(), QpiEmulatorState.MOCK_QPU,
            ).redirectErrorStream(true).start()
            process.waitFor(60, TimeUnit.SECONDS) shouldBe true
            val output = process.inputStream.bufferedReader().readText().trim().lines().last()
            process.exitValue() shouldBe 0
            output shouldBe "COMPLETED {c={01=20}}"
        }
    }
})

private fun Path(first: String, vararg more: String) = java.nio.file.Path.of(first, *more)
