package io.qonduit.matter

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.runBlocking
import kotlin.math.abs
import kotlin.math.sqrt

/** Physics of the Gross–Pitaevskii engine, on the service's grid and short times. */
class MatterPhysicsSpec : FunSpec({
    val engine = GrossPitaevskii(MatterSettings.DEFAULT)
    val ground by lazy { runBlocking { engine.groundState { } } }

    test("ground state: chemical potential and Thomas–Fermi radius against the analytic values") {
        val muTf = MatterUnits.thomasFermiChemicalPotential()
        muTf shouldBe (32.0 plusOrMinus 0.05)
        val mu = engine.chemicalPotential(ground)
        // Thomas–Fermi neglects the kinetic energy of the surface: for 10⁴ atoms μ lies a few percent above it.
        mu / muTf shouldBeGreaterThan 1.0
        mu / muTf shouldBeLessThan 1.06
        // Axial radius √(7⟨x²⟩) against R = √(2μ_TF)/ω_x (soft surface: slightly inside).
        val radius = sqrt(7 * ground.axialVariance())
        val analytic = sqrt(2 * muTf)
        radius / analytic shouldBe (0.97 plusOrMinus 0.02)
        // Radial: ⟨r²⟩ = (2/7)R_r² for a 3-D Thomas–Fermi cloud, R_r = R/8. The tight radial direction
        // (R_r = 1 unit, 10 grid cells) carries the zero-point spread: a few percent outside.
        val radial = sqrt(3.5 * ground.radialSecondMoment())
        radial / (analytic / MatterUnits.RADIAL_OMEGA) shouldBe (1.04 plusOrMinus 0.04)
        ground.norm() shouldBe (1.0 plusOrMinus 1e-12)
    }

    test("norm is conserved through time-dependent barriers") {
        val experiment = MatterExperiment(3.0, MatterImaging.IN_TRAP, barriers = listOf(PaintedBarrier(listOf(0.0, 3.0), listOf(-4.0, 4.0), listOf(0.0, 30.0), listOf(1.0, 2.0))))
        val psi = runBlocking { engine.evolveInTrap(ground.copy(), ProjectedPotential(experiment), experiment.lifetimeMs) { } }
        abs(psi.norm() - 1) shouldBeLessThan 1e-10
    }

    test("energy is conserved without time-dependent potentials") {
        // A static barrier switched on at t = 0 sets the ground state in motion; its energy must stay put.
        val experiment = MatterExperiment(3.0, MatterImaging.IN_TRAP, barriers = listOf(PaintedBarrier(listOf(0.0, 3.0), listOf(3.0, 3.0), listOf(2.0, 2.0), listOf(2.0, 2.0))))
        val potential = ProjectedPotential(experiment)
        val before = engine.energy(ground, 0.0, potential)
        val psi = runBlocking { engine.evolveInTrap(ground.copy(), potential, experiment.lifetimeMs) { } }
        val after = engine.energy(psi, 0.0, potential)
        val kinetic = before - engine.energy(ground, 0.0, ProjectedPotential(MatterExperiment(0.0, MatterImaging.IN_TRAP)))
        println("energy before $before after $after rel ${abs(after - before) / before} (barrier adds $kinetic)")
        abs(after - before) / before shouldBeLessThan 1e-4
    }

    test("a barrier raised in the middle splits the cloud in two") {
        val experiment = MatterExperiment(
            6.0, MatterImaging.IN_TRAP,
            barriers = listOf(PaintedBarrier(listOf(0.0, 4.0, 6.0), listOf(0.0, 0.0, 0.0), listOf(0.0, 10.0, 10.0), listOf(1.5, 1.5, 1.5))),
        )
        val image = runBlocking { MatterSimulator().run(experiment) }.image
        val profile = DoubleArray(image.columns) { c -> (0 until image.rows).sumOf { image[it, c] } }
        val centre = (0 until image.columns).minBy { abs(columnX(it)) }
        val peak = profile.max()
        println("split: centre ${profile[centre]} peak $peak")
        profile[centre] / peak shouldBeLessThan 0.05
        val left = (0 until centre).sumOf { profile[it] }
        val right = (centre + 1 until image.columns).sumOf { profile[it] }
        left / (left + right) shouldBe (0.5 plusOrMinus 0.01)
    }

    test("time of flight follows the Castin–Dum scaling solution of the harmonic trap") {
        val flightMs = 8.0
        val (phi, lambda) = runBlocking { engine.flight(ground, flightMs) { } }
        val (lr, lx) = castinDum(MatterUnits.msToUnits(flightMs))
        val radial = lambda * sqrt(phi.radialSecondMoment() / ground.radialSecondMoment())
        val axial = sqrt(phi.axialVariance() / ground.axialVariance())
        println("flight: radial $radial vs $lr, axial $axial vs $lx")
        radial / lr shouldBe (1.0 plusOrMinus 0.01)
        axial / lx shouldBe (1.0 plusOrMinus 0.02)
        phi.norm() shouldBe (1.0 plusOrMinus 1e-10)
    }

    test("a barrier switched on suddenly kicks atoms to high momenta: the axial grid refines, the norm stays") {
        val sudden = MatterExperiment(0.5, MatterImaging.IN_TRAP, barriers = listOf(PaintedBarrier(listOf(0.0, 0.5), listOf(0.0, 0.0), listOf(40.0, 40.0), listOf(2.0, 2.0))))
        val psi = runBlocking { engine.evolveInTrap(ground.copy(), ProjectedPotential(sudden), sudden.lifetimeMs) { } }
        println("sudden barrier: refined to ${psi.grid.nx} axial points")
        (psi.grid.nx > 256) shouldBe true
        abs(psi.norm() - 1) shouldBeLessThan 1e-10
        val slow = MatterExperiment(2.0, MatterImaging.IN_TRAP, barriers = listOf(PaintedBarrier(listOf(0.0, 2.0), listOf(0.0, 0.0), listOf(0.0, 2.0), listOf(2.0, 2.0))))
        runBlocking { engine.evolveInTrap(ground.copy(), ProjectedPotential(slow), slow.lifetimeMs) { } }.grid.nx shouldBe 256
    }

    test("spectral refinement is exact interpolation: the same state, twice the points") {
        val trap = engine.resolution(256)
        val fine = trap.step.refineAxially(ground, engine.resolution(512).grid)
        for (i in 0 until ground.grid.nr) for (j in 0 until ground.grid.nx) {
            fine.re[i * 512 + 2 * j] shouldBe (ground.re[i * 256 + j] plusOrMinus 1e-12)
        }
        engine.chemicalPotential(fine) shouldBe (engine.chemicalPotential(ground) plusOrMinus 1e-6)
    }

    test("same input, same image") {
        val experiment = MatterExperiment(2.0, MatterImaging.TIME_OF_FLIGHT, 4.0, listOf(PaintedBarrier(listOf(0.0, 2.0), listOf(-3.0, 3.0), listOf(5.0, 15.0), listOf(1.0, 1.0), KeyframeInterpolation.CUBIC)))
        val a = runBlocking { MatterSimulator().run(experiment) }
        val b = runBlocking { MatterSimulator().run(experiment) }
        a.image shouldBe b.image
        a.image.sum() shouldBeGreaterThan 10.0
    }
})

/** Axial position (µm) of an in-trap image column, as [Imaging.inTrap] lays them out. */
private fun columnX(column: Int): Double {
    val half = GrossPitaevskii.TRAP_LENGTH / 2 * MatterUnits.LENGTH_UNIT_UM
    val data = kotlin.math.ceil(2 * half / Imaging.IN_TRAP_PIXCAL - 1e-9).toInt()
    val pad = kotlin.math.ceil((Imaging.IN_TRAP_COLUMNS - data) / 2.0).toInt()
    return -half + (column - pad) * Imaging.IN_TRAP_PIXCAL
}

/**
 * The Castin–Dum scaling factors (radial, axial) of a Thomas–Fermi cloud released from the
 * 50 Hz × 400 Hz trap after [t] units: λ̈_r = ω_r²/(λ_r³λ_x), λ̈_x = ω_x²/(λ_r²λ_x²), by RK4.
 */
private fun castinDum(t: Double): Pair<Double, Double> {
    val wr2 = MatterUnits.RADIAL_OMEGA * MatterUnits.RADIAL_OMEGA
    var y = doubleArrayOf(1.0, 0.0, 1.0, 0.0) // λr, λr', λx, λx'
    fun f(s: DoubleArray) = doubleArrayOf(s[1], wr2 / (s[0] * s[0] * s[0] * s[2]), s[3], 1 / (s[0] * s[0] * s[2] * s[2]))
    val n = 200_000
    val h = t / n
    repeat(n) {
        val k1 = f(y)
        val k2 = f(DoubleArray(4) { y[it] + h / 2 * k1[it] })
        val k3 = f(DoubleArray(4) { y[it] + h / 2 * k2[it] })
        val k4 = f(DoubleArray(4) { y[it] + h * k3[it] })
        y = DoubleArray(4) { y[it] + h / 6 * (k1[it] + 2 * k2[it] + 2 * k3[it] + k4[it]) }
    }
    return y[0] to y[2]
}
