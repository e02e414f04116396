@file:OptIn(io.qonduit.QonduitInternalApi::class)

package io.qonduit.local

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.backend.TaskRef
import io.qonduit.errors.ValidationException
import io.qonduit.errors.Violation
import io.qonduit.job.JobInput
import io.qonduit.job.JobState
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.OpenQasmProgram
import io.qonduit.simulator.StateVectorSimulator
import io.qonduit.testing.Circuits
import java.time.Duration as JavaDuration
import kotlin.time.Duration.Companion.seconds

/** Programs over the qubit limit are refused up front; a closed backend takes no work and leaves nothing pending. */
class LocalBackendLimitsSpec : FunSpec({
    val local = LocalBackend(seed = 5)
    afterSpec { local.close() }

    val limit = "the local simulator runs at most 28 qubits"

    test("the limit is the simulator's") {
        LocalBackend.MAX_QUBITS shouldBe StateVectorSimulator.MAX_QUBITS
    }

    test("a 29-qubit circuit is refused at create, naming the program index and the limit") {
        val e = shouldThrow<ValidationException> { local.createJob(Circuits.ghz(29)) }
        e.violations shouldContainExactly listOf(Violation("programs[0].qubits", 29, limit))
        local.createJob(Circuits.ghz(28)) // at the limit: accepted (not run: it needs 4 GiB)
    }

    test("a 29-qubit OpenQASM program is refused too, and in a batch the index is the program's") {
        val wide = OpenQasmProgram("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[29];\ncreg c[1];\nmeasure q[0] -> c[0];\n")
        val e = shouldThrow<ValidationException> {
            local.create(listOf(RunItem(Circuits.BELL), RunItem(wide)), RunOptions.DEFAULT)
        }
        e.violations shouldContainExactly listOf(Violation("programs[1].qubits", 29, limit))
    }

    test("submit refuses it as well, when a job input reaches the backend without create") {
        val e = shouldThrow<ValidationException> { local.submit(JobInput(Circuits.ghz(30), LocalBackend.DEVICE)) }
        e.message shouldContain "programs[0].qubits = 30: $limit"
    }

    test("OpenQASM text that does not parse is still accepted at create and fails the job with the position") {
        val job = local.createJob(Circuits.BROKEN)
        job.execute(10.seconds).errorList().single().message shouldContain "line 5"
    }

    test("after close(): submit throws, unfinished tasks report CANCELLED with the reason, finished ones keep their state") {
        val backend = LocalBackend(seed = 1, queuedDelay = JavaDuration.ofMillis(5))
        val done = backend.createJob(Circuits.BELL, shots = 10)
        done.execute(10.seconds)
        val slow = LocalBackend(seed = 1, queuedDelay = JavaDuration.ofSeconds(30))
        val pending = slow.createJob(Circuits.BELL, shots = 10).submit()
        val notYet = slow.createJob(Circuits.BELL, shots = 10)
        backend.close()
        slow.close()

        shouldThrow<IllegalStateException> { notYet.submit() }.message shouldBe "this LocalBackend is closed"
        shouldThrow<IllegalStateException> { backend.createJob(Circuits.BELL).submit() }.message shouldBe "this LocalBackend is closed"
        notYet.state shouldBe JobState.CREATED

        val report = slow.poll(TaskRef(pending.taskId!!, pending.input))
        report.state shouldBe JobState.CANCELLED
        report.message shouldBe LocalBackend.CLOSED_BEFORE_FINISH
        pending.wait(5.seconds).state shouldBe JobState.CANCELLED

        done.refresh().state shouldBe JobState.COMPLETED
    }
})
