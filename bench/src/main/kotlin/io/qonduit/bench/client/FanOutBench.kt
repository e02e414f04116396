package io.qonduit.bench.client

import io.qonduit.bench.soak.HeapWatch
import io.qonduit.circuit.circuit
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.job.CompositeJob
import io.qonduit.job.JobState
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.oqc.OqcSdk
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import java.lang.management.ManagementFactory
import kotlin.time.Duration.Companion.minutes

/**
 * Issue 14, item 3: N OQC tasks (a Bell circuit, 100 shots, on the always-on Lucy simulator)
 * against the standalone emulator, three ways in each round (their order alternating):
 * - ours: one [CompositeJob] (`execute`): batch-submitted, children polled concurrently;
 * - sequential: the same tasks batch-submitted, then each waited for in turn (the Python clients'
 *   pattern: poll one task until it is done, then the next);
 * - `oqc-qcaas-sdk` 0.1.24's async CompositeJob (`bench/peers/fanout_peer.py`, a subprocess).
 * Requests are counted by the emulator (`/_emulator/requests`), so all three are counted alike.
 *
 * Arguments: `--quick|--full`, the emulator's URL, the peers' Python, the peer script, and
 * optionally the number of tasks (default 500 quick, 10 000 full).
 */
internal object FanOutBench {
    private const val SHOTS = 100

    @JvmStatic
    fun main(args: Array<String>) {
        val mode = Mode(args)
        // Three rounds in both modes: the order alternates, so no client always meets a colder emulator.
        val rounds = 3
        val (url, python, script) = mode.rest.also { require(it.size in 3..4) { "usage: FanOutBench --quick|--full EMULATOR_URL PYTHON PEER_SCRIPT [TASKS]" } }
        val jobs = mode.rest.getOrNull(3)?.toInt() ?: mode.pick(500, 10_000)
        val recorder = EmulatorRequests(url)
        val peer = listOf(python, script, "$url/oqc", jobs.toString(), SHOTS.toString())
        OqcSdk.builder("$url/oqc").token(Secret.of(OqcEmulatorState.DEMO_TOKEN)).build().use { sdk ->
            runBlocking { sdk.open() }
            // Warm-up, not counted: our JIT and connections, and the emulator's JIT, which every client
            // then meets warm (with 50 tasks, the first client measured met it cold).
            val warmUp = minOf(jobs, 1000)
            run(sdk, warmUp, composite = true)
            run(sdk, warmUp, composite = false)
            val runs = mapOf("ours" to mutableListOf<Run>(), "sequential" to mutableListOf(), "python" to mutableListOf())
            repeat(rounds) { round ->
                val steps = listOf<Pair<String, () -> Run>>(
                    "ours" to { run(sdk, jobs, composite = true) },
                    "sequential" to { run(sdk, jobs, composite = false) },
                    "python" to { pythonRun(peer) },
                )
                for ((name, step) in if (round % 2 == 0) steps else steps.reversed()) {
                    recorder.clear()
                    val result = step()
                    runs.getValue(name) += result.copy(requests = recorder.count("/oqc"))
                    System.err.println("fan-out round ${round + 1}/$rounds, $name: ${fmt(result.seconds)} s")
                }
            }
            report(mode, jobs, rounds, runs)
        }
    }

    private data class Run(val seconds: Double, val completed: Int, val peakHeapMiB: Double, val peakThreads: Int, val requests: Int = 0)

    private fun run(sdk: OqcSdk, jobs: Int, composite: Boolean): Run {
        val bell = circuit {
            val q = qreg("q", 2)
            val c = creg("c", 2)
            h(q[0]); cx(q[0], q[1]); measure(q, c)
        }
        val threads = ManagementFactory.getThreadMXBean().apply { resetPeakThreadCount() }
        System.gc()
        val start = System.nanoTime()
        HeapWatch().use { heap ->
            val all = sdk.target(OqcEmulatorState.LUCY_SIMULATOR).create(List(jobs) { RunItem(bell) }, RunOptions.shots(SHOTS)) as CompositeJob
            runBlocking {
                if (composite) {
                    all.execute(10.minutes)
                } else {
                    all.submit(10.minutes)
                    all.jobs.forEach { it.wait(10.minutes) }
                }
            }
            val seconds = (System.nanoTime() - start) / 1e9
            check(all.jobs.all { it.state == JobState.COMPLETED }) { "not every task completed: ${all.currentProgress}" }
            return Run(seconds, jobs, heap.peakUsed / 1048576.0, threads.peakThreadCount)
        }
    }

    private fun pythonRun(command: List<String>): Run {
        val output = runPeer(command)
        return Run(
            peerFigure(output, "seconds"), peerFigure(output, "completed").toInt(), peerFigure(output, "peak_rss_mib"), peerFigure(output, "peak_threads").toInt(),
        )
    }

    private fun report(mode: Mode, jobs: Int, rounds: Int, runs: Map<String, List<Run>>) {
        val ours = runs.getValue("ours")
        fun row(label: String, name: String): List<String> {
            val r = runs.getValue(name)
            val speedup = if (name == "ours") "1" else Spread.of(r.zip(ours) { peer, us -> peer.seconds / us.seconds }).format()
            return listOf(
                label, r.joinToString(", ") { "${it.completed}" }, Spread.of(r.map { it.seconds }).format(), speedup,
                Spread.of(r.map { it.requests.toDouble() / jobs }).format(), Spread.of(r.map { it.peakHeapMiB }).format(0),
                Spread.of(r.map { it.peakThreads.toDouble() }).format(0),
            )
        }
        printTable(
            "Fan-out: $jobs OQC tasks (${mode.name}: $rounds round(s))",
            listOf("client", "completed (per round)", "wall s", "its time / ours (median, min–max)", "requests per job", "peak heap MiB (Python: peak RSS)", "peak threads"),
            listOf(
                row("ours: one CompositeJob", "ours"),
                row("ours, per-job sequential polling", "sequential"),
                row("oqc-qcaas-sdk 0.1.24 async CompositeJob", "python"),
            ),
        )
        println("a peer that completed fewer tasks gave up (its error is on standard error); its time is until it gave up")
        println("targets: ≤ 20 s, ≤ 3 requests per job, peak heap ≤ 512 MiB, faster than the async Python SDK (its time / ours > 1)")
    }
}
