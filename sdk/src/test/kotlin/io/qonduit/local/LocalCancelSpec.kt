@file:OptIn(io.qonduit.QonduitInternalApi::class)

package io.qonduit.local

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.qonduit.circuit.circuit
import io.qonduit.job.JobState
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * cancel() stops a running simulation, not only its label: a 22-qubit circuit of 12 900 gates keeps a
 * core busy for many seconds; after cancel its coroutine returns within a few operations. (Checked on
 * the coroutine, not on process CPU time, which other work on a loaded machine makes meaningless.)
 */
class LocalCancelSpec : FunSpec({
    val long = circuit {
        val q = qreg("q", 22)
        val c = creg("c", 22)
        // A layer of H then a CX chain: the compiler's fusion merges neighbouring gates, and would drop
        // 300 bare H layers altogether (H·H is the identity), but cannot fold the chain away.
        repeat(300) {
            for (i in 0 until 22) h(q[i])
            for (i in 0 until 21) cx(q[i], q[i + 1])
        }
        measure(q, c)
    }

    test("cancel of a running simulation returns CANCELLED at once and the simulation itself ends") {
        LocalBackend(seed = 1).use { local ->
            val job = local.createJob(long, shots = 100).submit()
            withTimeout(10.seconds) { while (job.refresh().state != JobState.RUNNING) delay(10) }
            val id = job.taskId!!
            delay(300.milliseconds)
            local.isSimulating(id) shouldBe true // uncancelled, the 12 900 gates take many seconds

            val started = System.nanoTime()
            job.cancel().state shouldBe JobState.CANCELLED
            (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 2_000

            // The simulation checks for cancellation before each operation (a few ms each at 22 qubits),
            // so its coroutine returns long before the circuit could have finished.
            withTimeout(3.seconds) { while (local.isSimulating(id)) delay(10) }
            job.refresh().state shouldBe JobState.CANCELLED
        }
    }
})
