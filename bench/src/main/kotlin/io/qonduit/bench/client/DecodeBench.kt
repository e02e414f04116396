package io.qonduit.bench.client

import com.fasterxml.jackson.databind.ObjectMapper
import io.qonduit.bench.OqtantMemoryBench
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.OqtantJson
import java.nio.file.Files
import java.nio.file.Path

/**
 * Issue 14, item 2: the real 1.5 MB in-trap Oqtant result decoded into typed arrays, in MB/s of
 * wire JSON, against a Jackson tree (readTree, then the pixels copied into a `double[]`, the same end
 * state) and against Python `json.loads` + NumPy reshape (`bench/peers/decode_peer.py`, a subprocess
 * in the peers' venv). Rounds alternate the order of the three; ratios are per round.
 *
 * Arguments: `--quick|--full`, the fixture's path, the peers' Python, the peer script.
 */
internal object DecodeBench {
    @JvmStatic
    fun main(args: Array<String>) {
        val mode = Mode(args)
        val rounds = mode.pick(3, 7)
        val seconds = mode.pick(1.0, 3.0)
        val (fixture, python, script) = mode.rest.also { require(it.size == 3) { "usage: DecodeBench --quick|--full FIXTURE PYTHON PEER_SCRIPT" } }
        val body = Files.readString(Path.of(fixture))
        val wire = body.toByteArray().size
        val jackson = ObjectMapper()
        val ours = { pixelsOf(body) }
        val tree = { jacksonPixels(jackson, body) }
        check(ours() == tree()) { "our decoder and Jackson disagree on the pixel count" }
        val peer = listOf(python, script, fixture, seconds.toString())
        // Warm-up: both JVM decoders get JIT-compiled before the first measured round.
        mbPerSecond(wire, seconds, ours)
        mbPerSecond(wire, seconds, tree)
        val oursRuns = mutableListOf<Double>()
        val jacksonRuns = mutableListOf<Double>()
        val pythonRuns = mutableListOf<Double>()
        repeat(rounds) { round ->
            val steps = listOf({ oursRuns += mbPerSecond(wire, seconds, ours) }, { jacksonRuns += mbPerSecond(wire, seconds, tree) },
                { pythonRuns += peerFigure(runPeer(peer), "mb_per_s") })
            (if (round % 2 == 0) steps else steps.reversed()).forEach { it() }
            System.err.println("decode round ${round + 1}/${rounds}: ours ${fmt(oursRuns.last())}, Jackson ${fmt(jacksonRuns.last())}, Python ${fmt(pythonRuns.last())} MB/s")
        }
        val retained = OqtantMemoryBench.retainedPerCopy { OqtantJson.decodeJob(body) }
        val oursSpread = Spread.of(oursRuns)
        printTable(
            "Result decoding (${mode.name}: ${rounds} rounds × ${seconds} s; $wire bytes of wire JSON)",
            listOf("peer", "peer MB/s", "ours MB/s", "ours / peer (median, min–max)", "target"),
            listOf(
                listOf("Python json.loads + NumPy reshape", Spread.of(pythonRuns).format(1), oursSpread.format(1), ratios(oursRuns, pythonRuns).format(), "≥ 3×"),
                listOf("Jackson tree (readTree + pixels to double[])", Spread.of(jacksonRuns).format(1), oursSpread.format(1), ratios(oursRuns, jacksonRuns).format(), "≥ 1×"),
            ),
        )
        println("heap retained by one decoded job: $retained bytes = ${fmt(retained.toDouble() / wire)} × wire (target ≤ 2×)")
    }

    private fun pixelsOf(body: String): Int =
        (OqtantJson.decodeJob(body).inputs[0].output!!.values as InTrapOutput).itPlot.pixels.size

    private fun jacksonPixels(mapper: ObjectMapper, body: String): Int {
        val plot = mapper.readTree(body)["inputs"][0]["output"]["values"]["it_plot"]
        val node = plot["pixels"]
        val pixels = DoubleArray(node.size()) { node[it].doubleValue() }
        check(pixels.size == plot["rows"].intValue() * plot["columns"].intValue()) { "Jackson: pixels do not fill rows × columns" }
        return pixels.size
    }

    /** Decodes until [seconds] have passed; MB (10⁶ bytes) of wire JSON per second. */
    private fun mbPerSecond(wire: Int, seconds: Double, decode: () -> Int): Double {
        val start = System.nanoTime()
        val budget = (seconds * 1e9).toLong()
        var decoded = 0L
        var sink = 0L
        while (System.nanoTime() - start < budget) {
            sink += decode()
            decoded++
        }
        check(sink > 0) { "nothing decoded" }
        return decoded * wire / ((System.nanoTime() - start) / 1e9) / 1e6
    }

    private fun ratios(ours: List<Double>, peer: List<Double>): Spread = Spread.of(ours.zip(peer) { a, b -> a / b })
}
