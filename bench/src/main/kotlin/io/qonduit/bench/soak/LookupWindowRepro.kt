@file:JvmName("LookupWindowRepro")

package io.qonduit.bench.soak

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.job.Job
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.qpi.QpiClient
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.coroutines.runBlocking
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Reproduces what the soak found (issue 8): a QPI submission whose reply is lost while the
 * immediate lookup also fails is never found again once more than 50 newer jobs exist, because
 * the lookup searches only the caller's 50 newest jobs. Prints the server's job count at each step;
 * [others] (first argument, default 60) is how many jobs are submitted in between.
 */
public fun main(args: Array<String>) {
    val others = args.getOrNull(0)?.toInt() ?: 60
    val config = EmulatorConfig.builder().queuedDelay(Duration.ofMillis(5)).runningDelay(Duration.ofMillis(5)).build()
    val noRetries = TransportConfig.builder().maxRetries(0).build()
    Emulator.start(config).use { emulator ->
        QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN), noRetries).use { qpi ->
            runBlocking {
                val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
                val programs = knownPrograms(others + 1)
                val lost = mock.create(listOf(RunItem(programs[0].program)), RunOptions.shots(16)) as Job
                emulator.faults.loseReply("POST", "/qpi/api/jobs", times = 1) // the server creates the job, the reply is lost
                emulator.faults.error("GET", "/qpi/api/jobs", 503, times = 1) // and the immediate lookup fails
                val error = runCatching { lost.submit() }.exceptionOrNull()
                println("1. submit: ${error?.javaClass?.simpleName}; state ${lost.state}; server jobs ${emulator.qpi.jobs().size}")
                emulator.faults.clear()
                programs.drop(1).forEach { (mock.create(listOf(RunItem(it.program)), RunOptions.shots(16)) as Job).submit() }
                println("2. after $others other submissions: server jobs ${emulator.qpi.jobs().size}")
                lost.reconcile()
                println("3. reconcile(): state ${lost.state}, taskId ${lost.taskId}")
                if (lost.state == io.qonduit.job.JobState.UNKNOWN_SUBMISSION) {
                    lost.discardSubmission()
                    lost.execute(30.seconds)
                    println("4. discardSubmission() + execute(): ${emulator.qpi.jobs().size} server jobs for ${others + 1} logical submissions")
                }
            }
        }
    }
}
