package io.qonduit.bench.client

import io.qonduit.circuit.circuit
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.oqc.OqcSdk
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

/**
 * Issue 14, item 4: client overhead. One completed OQC task is fetched in a loop (`GET
 * /oqc/qpu/{qpu}/tasks/{id}/all_info`, what a job's poll sends) through our client, one request at a
 * time over one connection, and by `wrk -t1 -c1` on the same URL of the same standalone emulator.
 * Rounds alternate which goes first.
 *
 * Arguments: `--quick|--full`, the emulator's URL, the `wrk` command.
 */
internal object GetJobLoopBench {
    @JvmStatic
    fun main(args: Array<String>) {
        val mode = Mode(args)
        val rounds = mode.pick(3, 7)
        val seconds = mode.pick(3, 10)
        val (url, wrk) = mode.rest.also { require(it.size == 2) { "usage: GetJobLoopBench --quick|--full EMULATOR_URL WRK" } }
        OqcSdk.builder("$url/oqc").token(Secret.of(OqcEmulatorState.DEMO_TOKEN)).build().use { sdk ->
            val bell = circuit {
                val q = qreg("q", 2)
                val c = creg("c", 2)
                h(q[0]); cx(q[0], q[1]); measure(q, c)
            }
            val job = sdk.createJob(bell, OqcEmulatorState.LUCY_SIMULATOR)
            runBlocking { job.execute(30.seconds) }
            val taskId = checkNotNull(job.taskId)
            val qpuUrl = "$url/oqc/qpu/${OqcEmulatorState.LUCY_SIMULATOR}"
            val wrkCommand = listOf(wrk, "-t1", "-c1", "-d${seconds}s", "-H", "Authentication-Token: ${OqcEmulatorState.DEMO_TOKEN}", "$qpuUrl/tasks/$taskId/all_info")
            ourRate(sdk, taskId, seconds.toDouble()) // warm-up: JIT and the connection
            val ours = mutableListOf<Double>()
            val theirs = mutableListOf<Double>()
            repeat(rounds) { round ->
                val steps = listOf({ ours += ourRate(sdk, taskId, seconds.toDouble()) }, { theirs += wrkRate(wrkCommand) })
                (if (round % 2 == 0) steps else steps.reversed()).forEach { it() }
                System.err.println("get-job round ${round + 1}/$rounds: ours ${fmt(ours.last(), 0)}, wrk ${fmt(theirs.last(), 0)} requests/s")
            }
            printTable(
                "Client overhead: GET all_info of one task, one connection (${mode.name}: $rounds rounds × $seconds s)",
                listOf("peer", "peer requests/s", "ours requests/s", "ours / peer (median, min–max)", "target"),
                listOf(listOf("wrk -t1 -c1", Spread.of(theirs).format(0), Spread.of(ours).format(0), Spread.of(ours.zip(theirs) { a, b -> a / b }).format(), "≥ 0.50")),
            )
        }
    }

    /** Requests per second of `sdk.tasks.allInfo` in a loop for [seconds], each reply decoded. */
    private fun ourRate(sdk: OqcSdk, taskId: String, seconds: Double): Double = runBlocking {
        val start = System.nanoTime()
        val budget = (seconds * 1e9).toLong()
        var requests = 0
        while (System.nanoTime() - start < budget) {
            check(sdk.tasks.allInfo(taskId, OqcEmulatorState.LUCY_SIMULATOR).status == "COMPLETED") { "task $taskId is not COMPLETED" }
            requests++
        }
        requests / ((System.nanoTime() - start) / 1e9)
    }

    /** wrk's own "Requests/sec" figure. */
    private fun wrkRate(command: List<String>): Double {
        val output = runPeer(command)
        val line = output.lineSequence().firstOrNull { it.trim().startsWith("Requests/sec:") }
            ?: throw IllegalStateException("wrk printed no Requests/sec line:\n$output")
        return line.substringAfter(':').trim().toDouble()
    }
}
