package io.qonduit.local

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.circuit.QasmLimitException
import io.qonduit.program.OpenQasmProgram
import io.qonduit.testing.Circuits
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

/** Every local simulation failure ends the job FAILED with its message: none stays RUNNING. */
class LocalBackendFailureSpec : FunSpec({
    val local = LocalBackend(seed = 3)
    afterSpec { local.close() }

    test("an absurdly nested angle is refused at createJob with its position, before any task runs") {
        val depth = 200_000
        val nested = "(".repeat(depth) + "0.5" + ")".repeat(depth)
        val program = OpenQasmProgram("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nrx($nested) q[0];\nmeasure q -> c;\n")
        val e = shouldThrow<QasmLimitException> { local.createJob(program, shots = 10) }
        e.line shouldBe 5
        // The backend goes on working.
        local.createJob(Circuits.BELL, shots = 10).execute(10.seconds).raiseForError().size shouldBe 1
    }

    test("running out of memory (a 24-qubit state in a 48 MiB heap, separate JVM) fails the job with the size it needed") {
        val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
        val process = ProcessBuilder(
            java, "-Xmx48m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LocalOutOfMemoryMain::class.java.name,
        ).redirectErrorStream(true).start()
        process.waitFor(60, TimeUnit.SECONDS) shouldBe true
        val output = process.inputStream.bufferedReader().readText()
        process.exitValue() shouldBe 0
        output shouldContain "big: FAILED: programs[0]: the simulation ran out of memory (Java heap space); its state vector of 24 qubits needs 256 MiB"
        output shouldContain "small: COMPLETED"
    }
})
