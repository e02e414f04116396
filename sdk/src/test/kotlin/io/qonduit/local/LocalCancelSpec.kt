@file:OptIn(io.qonduit.QonduitInternalApi::class)

package io.qonduit.local

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.qonduit.circuit.circuit
import io.qonduit.job.JobState
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.lang.management.ManagementFactory
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * cancel() stops a running simulation, not only its label: a 22-qubit circuit of 2 200 gates keeps a
 * core busy for many seconds; after cancel the process's CPU use drops to idle.
 */
class LocalCancelSpec : FunSpec({
    val long = circuit {
        val q = qreg("q", 22)
        val c = creg("c", 22)
        repeat(100) { for (i in 0 until 22) h(q[i]) }
        measure(q, c)
    }

    test("cancel of a running simulation returns CANCELLED at once and the CPU work stops") {
        LocalBackend(seed = 1).use { local ->
            val job = local.createJob(long, shots = 100).submit()
            withTimeout(10.seconds) { while (job.refresh().state != JobState.RUNNING) delay(10) }
            cpuMillisOver(500) shouldBeGreaterThan 350 // it is simulating: at least most of one core

            val started = System.nanoTime()
            job.cancel().state shouldBe JobState.CANCELLED
            (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 500

            delay(200.milliseconds) // one gate on 2^22 amplitudes takes a few ms
            cpuMillisOver(1_000) shouldBeLessThan 500 // a simulation still running would use about 1000 (one core); JIT and GC stay well below
            job.refresh().state shouldBe JobState.CANCELLED
        }
    }
})

/** CPU time the whole process used during the next [millis] ms. */
private suspend fun cpuMillisOver(millis: Long): Long {
    val os = ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean
    val before = os.processCpuTime
    delay(millis)
    return (os.processCpuTime - before) / 1_000_000
}
