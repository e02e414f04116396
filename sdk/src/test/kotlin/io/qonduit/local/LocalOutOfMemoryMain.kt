package io.qonduit.local

import io.qonduit.job.JobState
import io.qonduit.testing.Circuits
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.seconds

/**
 * Run by [LocalBackendFailureSpec] in a JVM with a tiny heap: a 24-qubit GHZ circuit needs 256 MiB of
 * state vector, so the simulation really runs out of memory. Prints the job's state and error, then
 * the state of a small job run afterwards on the same backend (the backend survives the Error).
 */
object LocalOutOfMemoryMain {
    @JvmStatic
    fun main(args: Array<String>) = runBlocking {
        LocalBackend(seed = 1).use { local ->
            withTimeout(30.seconds) {
                val big = local.createJob(Circuits.ghz(24), shots = 10)
                val outputs = big.execute(20.seconds)
                println("big: ${big.state}: ${outputs.errorList().singleOrNull()?.message}")
                val small = local.createJob(Circuits.BELL, shots = 10)
                small.execute(10.seconds)
                println("small: ${small.state}")
                check(big.state == JobState.FAILED)
            }
        }
    }
}
