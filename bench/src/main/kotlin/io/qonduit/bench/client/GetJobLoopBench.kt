package io.qonduit.bench.client

import io.qonduit.circuit.circuit
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.oqc.OqcSdk
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import okhttp3.OkHttpClient
import okhttp3.Request
import kotlin.time.Duration.Companion.seconds

/**
 * Issue 14, item 4: client overhead. One completed OQC task is fetched in a loop (`GET
 * /oqc/qpu/{qpu}/tasks/{id}/all_info`, what a job's poll sends) through our client, one request at a
 * time over one connection, and by `wrk -t1 -c1` on the same URL of the same standalone emulator.
 * A third loop sends the same request through a bare OkHttp client (the engine under our Ktor
 * client), no Ktor and no decoding, to tell the engine's share of the overhead from ours.
 * Rounds alternate the order, after a warm-up of our loop (3 s quick, 30 s full: the JIT takes
 * tens of seconds on two cores to compile the client's request path).
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
            // The QPU's own URL, as the service advertises it (the path does not spell the QPU id).
            val qpuUrl = runBlocking { sdk.listQpus() }.single { it.id == OqcEmulatorState.LUCY_SIMULATOR }.url.trimEnd('/')
            val wrkCommand = listOf(wrk, "-t1", "-c1", "-d${seconds}s", "-H", "Authentication-Token: ${OqcEmulatorState.DEMO_TOKEN}", "$qpuUrl/tasks/$taskId/all_info")
            ourRate(sdk, taskId, mode.pick(3, 30).toDouble()) // warm-up: JIT and the connection
            val okhttp = OkHttpClient.Builder().retryOnConnectionFailure(false).build()
            val bareRequest = Request.Builder().url("$qpuUrl/tasks/$taskId/all_info").header("Authentication-Token", OqcEmulatorState.DEMO_TOKEN).build()
            bareRate(okhttp, bareRequest, mode.pick(1, 10).toDouble()) // its warm-up
            val ours = mutableListOf<Double>()
            val theirs = mutableListOf<Double>()
            val bare = mutableListOf<Double>()
            repeat(rounds) { round ->
                val steps = listOf(
                    { ours += ourRate(sdk, taskId, seconds.toDouble()) },
                    { theirs += wrkRate(wrkCommand) },
                    { bare += bareRate(okhttp, bareRequest, seconds.toDouble()) },
                )
                (if (round % 2 == 0) steps else steps.reversed()).forEach { it() }
                System.err.println("get-job round ${round + 1}/$rounds: ours ${fmt(ours.last(), 0)}, wrk ${fmt(theirs.last(), 0)}, bare OkHttp ${fmt(bare.last(), 0)} requests/s")
            }
            printTable(
                "Client overhead: GET all_info of one task, one connection (${mode.name}: $rounds rounds × $seconds s)",
                listOf("peer", "peer requests/s", "ours requests/s", "ours / peer (median, min–max)", "target"),
                listOf(
                    listOf("wrk -t1 -c1", Spread.of(theirs).format(0), Spread.of(ours).format(0), Spread.of(ours.zip(theirs) { a, b -> a / b }).format(), "≥ 0.50"),
                    listOf("bare OkHttp client, same loop (diagnostic)", Spread.of(bare).format(0), Spread.of(ours).format(0), Spread.of(ours.zip(bare) { a, b -> a / b }).format(), "—"),
                ),
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

    /** Requests per second of the same GET through a bare OkHttp client, body read as bytes and not decoded. */
    private fun bareRate(client: OkHttpClient, request: Request, seconds: Double): Double {
        val start = System.nanoTime()
        val budget = (seconds * 1e9).toLong()
        var requests = 0
        while (System.nanoTime() - start < budget) {
            client.newCall(request).execute().use { response ->
                check(response.code == 200) { "GET ${request.url} answered ${response.code}" }
                response.body.bytes()
            }
            requests++
        }
        return requests / ((System.nanoTime() - start) / 1e9)
    }

    /** wrk's own "Requests/sec" figure. */
    private fun wrkRate(command: List<String>): Double {
        val output = runPeer(command)
        // wrk counts error answers as requests; only a run of 200s measures the endpoint.
        check("Non-2xx or 3xx responses" !in output) { "wrk got error answers:\n$output" }
        val line = output.lineSequence().firstOrNull { it.trim().startsWith("Requests/sec:") }
            ?: throw IllegalStateException("wrk printed no Requests/sec line:\n$output")
        return line.substringAfter(':').trim().toDouble()
    }
}
