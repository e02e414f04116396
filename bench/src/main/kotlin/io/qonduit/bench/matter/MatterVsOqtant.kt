package io.qonduit.bench.matter

import io.qonduit.matter.MatterExperiment
import io.qonduit.matter.MatterImage
import io.qonduit.matter.MatterImaging
import io.qonduit.matter.MatterResult
import io.qonduit.matter.MatterSimulator
import io.qonduit.matter.PaintedBarrier
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import kotlin.math.abs

/**
 * Our matter simulator against Oqtant 3.3.4's own on the two cases of issue 12, with the peer's
 * results saved by `bench/oqtant-peer/run_peer.sh PEER_DIR`:
 *
 * * `barrier_in_trap`: IN_TRAP, 20 ms lifetime, Gaussian barriers (1 µm) at ±10 µm ramping 0 → 20 kHz;
 * * `bec_tof`: QuantumMatter defaults (10 ms lifetime, 12 ms time of flight, no light).
 *
 * Each case runs twice in this JVM: the first (cold, JIT included) is the timed one of the table;
 * the second shows the warm time. Prints one Markdown row per case: peer seconds, ours, ratio,
 * normalised image correlation, chemical potential and Thomas–Fermi radius of both.
 * Usage: `MatterVsOqtant PEER_DIR`.
 */
public object MatterVsOqtant {
    private val cases: Map<String, MatterExperiment> = mapOf(
        "barrier_in_trap" to MatterExperiment(
            20.0, MatterImaging.IN_TRAP,
            barriers = listOf(-10.0, 10.0).map { PaintedBarrier(listOf(0.0, 20.0), listOf(it, it), listOf(0.0, 20.0), listOf(1.0, 1.0)) },
        ),
        "bec_tof" to MatterExperiment(10.0, MatterImaging.TIME_OF_FLIGHT, 12.0),
    )

    /** Runs both cases against the peer results in `args[0]` and prints the table. */
    @JvmStatic
    public fun main(args: Array<String>) {
        val peerDir = File(args.getOrNull(0) ?: error("usage: MatterVsOqtant PEER_DIR"))
        println("| case | Oqtant 3.3.4 (s) | ours, cold JVM (s) | ours, warm (s) | ratio (cold) | image correlation | μ peer / ours (units) | R_TF peer / ours (µm) |")
        println("|---|---|---|---|---|---|---|---|")
        for ((name, experiment) in cases) {
            val peer = Json.parseToJsonElement(File(peerDir, "$name.json").readText()).jsonObject
            val (cold, result) = timed(experiment)
            val (warm, _) = timed(experiment)
            val image = peer["image"]!!.jsonObject
            val peerImage = MatterImage(
                image["pixels"]!!.jsonArray.map { it.jsonPrimitive.double }.toDoubleArray(),
                image["rows"]!!.jsonPrimitive.int, image["columns"]!!.jsonPrimitive.int, image["pixcal"]!!.jsonPrimitive.double,
            )
            val seconds = peer["seconds"]!!.jsonPrimitive.double
            val mu = peer["mu_sim"]!!.jsonPrimitive.double
            val radius = peer["tf_radius_x_um"]!!.jsonPrimitive.double
            val ours = result.groundState
            println(
                "| $name | %.1f | %.2f | %.2f | %.0f× | %.4f | %.3f / %.3f (%+.2f %%) | %.3f / %.3f (%+.2f %%) |".format(
                    seconds, cold, warm, seconds / cold, MatterImage.correlation(peerImage, result.image),
                    mu, ours.chemicalPotential, 100 * (ours.chemicalPotential - mu) / mu,
                    radius, ours.thomasFermiRadiusUm, 100 * (ours.thomasFermiRadiusUm - radius) / radius,
                ),
            )
            check(abs(result.finalNorm - 1) < 1e-8) { "norm drifted: ${result.finalNorm}" }
        }
    }

    private fun timed(experiment: MatterExperiment): Pair<Double, MatterResult> {
        val start = System.nanoTime()
        val result = runBlocking { MatterSimulator().run(experiment) }
        return (System.nanoTime() - start) / 1e9 to result
    }
}
