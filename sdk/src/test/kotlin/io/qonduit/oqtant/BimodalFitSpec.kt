package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.ValidationException
import io.qonduit.fixtures.ReferenceFixtures
import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.double
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.util.Random
import kotlin.math.PI
import kotlin.math.exp
import kotlin.math.max
import kotlin.math.pow

class BimodalFitSpec : FunSpec({
    val pixcal = 4.4
    val tofMs = 12.0

    /** Truth: G, σx, σy, T, rx, ry (pixels), centre column and row, offset; written independently of the fitter. */
    fun image(g: Double, sx: Double, sy: Double, t: Double, rx: Double, ry: Double, xc: Double, yc: Double, offset: Double, noise: Double, seed: Long): Image {
        val random = Random(seed)
        val pixels = DoubleArray(100 * 100) { i ->
            val x = (i % 100).toDouble()
            val y = (i / 100).toDouble()
            val gauss = g * exp(-((x - xc) / sx).pow(2) / 2 - ((y - yc) / sy).pow(2) / 2)
            val tf = t * max(0.0, 1 - ((x - xc) / rx).pow(2) - ((y - yc) / ry).pow(2)).pow(1.5)
            gauss + tf + offset + noise * random.nextGaussian()
        }
        return Image(pixels, 100, 100, pixcal)
    }
    fun atoms(odIntegralPx2: Double) = odIntegralPx2 * pixcal * pixcal / BimodalFit.ABSORPTION_CROSS_SECTION_UM2
    fun kelvinNk(sxPx: Double, syPx: Double) =
        BimodalFit.RB87_MASS_KG * (sxPx * pixcal * 1e-6) * (syPx * pixcal * 1e-6) / (BimodalFit.BOLTZMANN_J_PER_K * (tofMs * 1e-3).pow(2)) * 1e9

    test("a noisy bimodal cloud: parameters, atom numbers and temperature recovered") {
        val fit = BimodalFit.fit(image(0.4, 11.0, 9.0, 1.2, 6.0, 5.0, 52.0, 47.0, 0.02, noise = 0.01, seed = 1), tofMs)
        fit.model shouldBe BimodalFit.Model.BIMODAL
        fit.centreXPx shouldBe (52.0 plusOrMinus 0.05)
        fit.centreYPx shouldBe (47.0 plusOrMinus 0.05)
        fit.thermalPeakOd shouldBe (0.4 plusOrMinus 0.01)
        fit.thermalSigmaXUm shouldBe (11.0 * pixcal plusOrMinus 0.02 * 11.0 * pixcal)
        fit.thermalSigmaYUm shouldBe (9.0 * pixcal plusOrMinus 0.02 * 9.0 * pixcal)
        fit.condensedPeakOd shouldBe (1.2 plusOrMinus 0.03)
        fit.condensedRadiusXUm shouldBe (6.0 * pixcal plusOrMinus 0.03 * 6.0 * pixcal)
        fit.condensedRadiusYUm shouldBe (5.0 * pixcal plusOrMinus 0.03 * 5.0 * pixcal)
        fit.offsetOd shouldBe (0.02 plusOrMinus 0.002)
        val thermal = atoms(2 * PI * 0.4 * 11 * 9)
        val condensed = atoms(2 * PI / 5 * 1.2 * 6 * 5)
        fit.thermalAtoms shouldBe (thermal plusOrMinus 0.03 * thermal)
        fit.condensedAtoms shouldBe (condensed plusOrMinus 0.05 * condensed)
        fit.totalAtoms shouldBe (fit.thermalAtoms + fit.condensedAtoms plusOrMinus 1e-9)
        fit.condensedFraction shouldBe (condensed / (thermal + condensed) plusOrMinus 0.02)
        fit.temperatureNk!! shouldBe (kelvinNk(11.0, 9.0) plusOrMinus 0.04 * kelvinNk(11.0, 9.0))
        fit.residualRmsOd shouldBe (0.01 plusOrMinus 0.001)
    }

    test("a pure thermal cloud: no condensate, fraction 0, the temperature of its widths") {
        val fit = BimodalFit.fit(image(0.6, 10.0, 12.0, 0.0, 1.0, 1.0, 48.5, 50.5, 0.005, noise = 0.01, seed = 2), tofMs)
        fit.model shouldBe BimodalFit.Model.THERMAL
        fit.condensedFraction shouldBe 0.0
        fit.condensedAtoms shouldBe 0.0
        fit.thermalAtoms shouldBe (atoms(2 * PI * 0.6 * 10 * 12) plusOrMinus 0.02 * atoms(2 * PI * 0.6 * 10 * 12))
        fit.temperatureNk!! shouldBe (kelvinNk(10.0, 12.0) plusOrMinus 0.03 * kelvinNk(10.0, 12.0))
    }

    test("a pure condensate: no thermal cloud, fraction 1, no temperature") {
        val fit = BimodalFit.fit(image(0.0, 1.0, 1.0, 1.5, 7.0, 9.0, 50.0, 51.0, 0.0, noise = 0.01, seed = 3), tofMs)
        fit.model shouldBe BimodalFit.Model.CONDENSATE
        fit.condensedFraction shouldBe 1.0
        fit.thermalAtoms shouldBe 0.0
        fit.temperatureNk.shouldBeNull()
        val n = atoms(2 * PI / 5 * 1.5 * 7 * 9)
        fit.condensedAtoms shouldBe (n plusOrMinus 0.02 * n)
        fit.condensedRadiusXUm shouldBe (7.0 * pixcal plusOrMinus 0.02 * 7.0 * pixcal)
    }

    test("an image of noise only: no atoms, no temperature") {
        val fit = BimodalFit.fit(image(0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 50.0, 50.0, 0.03, noise = 0.01, seed = 4), tofMs)
        fit.model shouldBe BimodalFit.Model.EMPTY
        fit.totalAtoms shouldBe 0.0
        fit.condensedFraction shouldBe 0.0
        fit.temperatureNk.shouldBeNull()
        fit.offsetOd shouldBe (0.03 plusOrMinus 0.001)
    }

    context("agrees with the Python client's own fit (fit_bimodal_data2D) on the same pixels") {
        val cases = Json.parseToJsonElement(ReferenceFixtures.text("oqtant/python", "fits.python.json")).jsonObject
        for (name in listOf("bimodal", "thermal", "condensate")) {
            test(name) {
                val case = cases[name]!!.jsonObject
                val pixels = case["pixels"]!!.jsonArray.map { it.jsonPrimitive.double }.toDoubleArray()
                val py = case["python_fit"]!!.jsonArray.map { it.jsonPrimitive.double } // GpOD, sigx, sigy, TFpOD, rx, ry, xc, yc, os
                val fit = BimodalFit.fit(Image(pixels, 100, 100, pixcal), tofMs)
                // Python's coordinates are centred (x = column − 50) and its offset counts twice
                fit.centreXPx - 50 shouldBe (py[6] plusOrMinus 0.05)
                fit.centreYPx - 50 shouldBe (py[7] plusOrMinus 0.05)
                fit.offsetOd shouldBe (2 * py[8] plusOrMinus 0.002)
                if (name != "condensate") {
                    fit.thermalPeakOd shouldBe (py[0] plusOrMinus 0.01)
                    fit.thermalSigmaXUm / pixcal shouldBe (py[1] plusOrMinus 0.01 * py[1])
                    fit.thermalSigmaYUm / pixcal shouldBe (py[2] plusOrMinus 0.01 * py[2])
                }
                if (name != "thermal") {
                    fit.condensedPeakOd shouldBe (py[3] plusOrMinus 0.02)
                    fit.condensedRadiusXUm / pixcal shouldBe (py[4] plusOrMinus 0.01 * py[4])
                    fit.condensedRadiusYUm / pixcal shouldBe (py[5] plusOrMinus 0.01 * py[5])
                }
            }
        }
    }

    test("the simulator's time-of-flight result (10 000 atoms at T = 0): about 10 000 atoms, mostly condensed, a closer fit than Python's bounded one") {
        val result = OqtantResult(OqtantJson.decodeJob(ReferenceFixtures.text("oqtant", "result_sim_paint1d_tof.full.json")))
        val fit = result.timeOfFlightFit()
        println("simulator TOF fit: $fit")
        fit.timeOfFlightMs shouldBe 12.0
        fit.totalAtoms shouldBe (10_000.0 plusOrMinus 500.0) // the simulator's number_of_atoms; the OD sum gives 10 114
        (fit.condensedFraction in 0.5..1.0) shouldBe true
        // the mean-field profile after 90 ms of painted dynamics is not exactly Thomas-Fermi, so part of
        // it goes to the Gaussian (see BimodalFit's limits); Python's fit hits its bounds (σ >= 7 px, TF OD <= 2)
        val python = Json.parseToJsonElement(ReferenceFixtures.text("oqtant/python", "fits.python.json")).jsonObject["simulator"]!!.jsonObject
        (fit.rSquared > python["r_squared"]!!.jsonPrimitive.double) shouldBe true
        fit.centreXPx - 50 shouldBe (python["python_fit"]!!.jsonArray[6].jsonPrimitive.double plusOrMinus 0.3)
        fit.centreYPx - 50 shouldBe (python["python_fit"]!!.jsonArray[7].jsonPrimitive.double plusOrMinus 0.3)
    }

    test("an in-trap result has no time-of-flight fit; bad images and times name the field") {
        val inTrap = OqtantResult(OqtantJson.decodeJob(ReferenceFixtures.text("oqtant", "result_hw_barrier_in_trap.full.json")))
        shouldThrow<ValidationException> { inTrap.timeOfFlightFit() }.message!! shouldContain "run"
        shouldThrow<ValidationException> { inTrap.timeOfFlightFit(2) }.message!! shouldContain "must be one of the job's runs [1]"
        val good = image(0.4, 11.0, 9.0, 1.2, 6.0, 5.0, 52.0, 47.0, 0.02, noise = 0.01, seed = 1)
        shouldThrow<ValidationException> { BimodalFit.fit(Image(good.pixels, 2, 2, pixcal), tofMs) }.violations.map { it.field } shouldBe listOf("image", "image")
        shouldThrow<ValidationException> { BimodalFit.fit(Image(good.pixels, 100, 100, null), tofMs) }.violations.map { it.field } shouldBe listOf("image.pixcal")
        shouldThrow<ValidationException> { BimodalFit.fit(good, 0.0) }.violations.map { it.field } shouldBe listOf("timeOfFlightMs")
        val nan = good.pixels.copyOf().also { it[7] = Double.NaN }
        shouldThrow<ValidationException> { BimodalFit.fit(Image(nan, 100, 100, pixcal), tofMs) }.violations.map { it.field } shouldBe listOf("image.pixels")
    }
})
