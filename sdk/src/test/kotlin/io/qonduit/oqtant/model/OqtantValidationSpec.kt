package io.qonduit.oqtant.model

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.ValidationException
import io.qonduit.errors.Violation

/** One test per service limit: each breaks exactly one rule of an otherwise valid job and expects that rule's path and limit. */
class OqtantValidationSpec : FunSpec({
    val v0 = "inputs[0].values"

    val barrierA = Barrier(listOf(0.0, 5.0, 10.0), listOf(-10.0, -10.0, -10.0), listOf(0.0, 10.0, 20.0), listOf(1.0, 1.0, 1.0))
    val barrierB = Barrier(listOf(0.0, 0.3, 1.3), listOf(10.0, 11.0, 12.0), listOf(0.0, 40.0, 100.0), listOf(0.5, 2.0, 20.0),
        InterpolationType.OFF, ShapeType.SQUARE)
    val valid = InputValues(
        endTimeMs = 20.0,
        imageType = ImageType.IN_TRAP,
        timeOfFlightMs = 8.0,
        rfEvaporation = RfEvaporation(
            frequenciesMhz = listOf(17.0, 8.0, 4.0, 1.2, 0.1),
            powersMw = listOf(500.0, 500.0, 475.0, 360.0, 220.0),
            interpolation = RfInterpolationType.LINEAR,
        ),
        opticalBarriers = listOf(barrierA, barrierB),
        opticalLandscape = OpticalLandscape(listOf(
            Landscape(0.0, listOf(0.0, 5.0, 5.0, 0.0), listOf(-60.0, 0.0, 0.0, 60.0)),
            Landscape(10.0, listOf(0.0, 100.0), listOf(-10.0, 10.0)),
        )),
        lasers = listOf(Laser.terminator(1.0, 3.0)),
    )
    val validJob = OqtantJob.of("valid job", valid)

    fun job(change: (InputValues) -> InputValues) = OqtantJob.of("valid job", change(valid))
    fun rf(change: (RfEvaporation) -> RfEvaporation) = job { it.copy(rfEvaporation = change(it.rfEvaporation)) }
    fun barrier(change: (Barrier) -> Barrier) = job { it.copy(opticalBarriers = listOf(barrierA, change(barrierB))) }
    fun landscapes(change: (List<Landscape>) -> List<Landscape>) =
        job { it.copy(opticalLandscape = OpticalLandscape(change(it.opticalLandscape!!.landscapes))) }
    fun snapshot(change: (Landscape) -> Landscape) = landscapes { listOf(it[0], change(it[1])) }
    fun laser(change: (Laser) -> Laser) = job { it.copy(lasers = listOf(change(it.lasers!![0]))) }
    fun pulse(change: (Pulse) -> Pulse) = laser { it.copy(pulses = listOf(change(it.pulses[0]))) }

    fun violations(job: OqtantJob): List<Violation> = shouldThrow<ValidationException> { job.validate() }.violations

    /** Exactly the given (path, limit-fragment) pairs, in order. */
    fun OqtantJob.breaks(vararg expected: Pair<String, String>) {
        val found = violations(this)
        found.map { it.field } shouldContainExactly expected.map { it.first }
        found.zip(expected).forEach { (v, e) -> v.limit shouldContain e.second }
    }

    test("a job using every block within its limits is valid") {
        OqtantValidation.violations(validJob).shouldBeEmpty()
        validJob.validate()
        validJob.jobType shouldBe JobType.PAINT_1D
    }

    test("the service templates are valid") {
        OqtantValidation.violations(OqtantJson.decodeJob(OqtantFixtures.text("fixture_bec_job.oqtant-3.3.4.json"))).shouldBeEmpty()
        OqtantValidation.violations(OqtantJson.decodeJob(OqtantFixtures.text("fixture_barrier_job.oqtant-3.3.4.json"))).shouldBeEmpty()
    }

    context("envelope") {
        test("name has 1..50 characters") {
            validJob.copy(name = "").breaks("name" to "must have 1..50 characters")
            validJob.copy(name = "x".repeat(51)).breaks("name" to "must have 1..50 characters")
            validJob.copy(name = "x".repeat(50)).validate()
        }
        test("1..30 runs") {
            validJob.copy(inputs = emptyList()).breaks("inputs" to "must have 1..30 runs")
            OqtantJob.of("many", List(31) { valid }).breaks("inputs" to "must have 1..30 runs")
            OqtantJob.of("max", List(30) { valid }).validate()
        }
        test("every run maps to the job type of inputs[0]") {
            val bec = valid.copy(imageType = ImageType.TIME_OF_FLIGHT, opticalBarriers = null, opticalLandscape = null)
            OqtantJob.of("mixed", valid, valid, bec).breaks("inputs[2].values" to "must map to the same job type as inputs[0] (PAINT_1D)")
        }
        test("notes have at most 500 characters") {
            validJob.copy(inputs = listOf(Input(valid, notes = "n".repeat(501))))
                .breaks("inputs[0].notes" to "must have at most 500 characters")
            validJob.copy(inputs = listOf(Input(valid, notes = "n".repeat(500)))).validate()
        }
    }

    context("timing") {
        test("end_time_ms is in 0.0..200.0") {
            // Raising it past 200 keeps every other time legal.
            job { it.copy(endTimeMs = 200.1) }.breaks("$v0.end_time_ms" to "must be in 0.0..200.0 ms")
            job { it.copy(endTimeMs = 200.0) }.validate()
        }
        test("end_time_ms is a multiple of 0.1 ms") {
            job { it.copy(endTimeMs = 20.05) }.breaks("$v0.end_time_ms" to "must be a multiple of 0.1 ms")
        }
        test("time_of_flight_ms is in 2.0..20.0 at 0.1 ms") {
            job { it.copy(timeOfFlightMs = 1.9) }.breaks("$v0.time_of_flight_ms" to "must be in 2.0..20.0 ms")
            job { it.copy(timeOfFlightMs = 20.5) }.breaks("$v0.time_of_flight_ms" to "must be in 2.0..20.0 ms")
            job { it.copy(timeOfFlightMs = 7.25) }.breaks("$v0.time_of_flight_ms" to "must be a multiple of 0.1 ms")
            job { it.copy(timeOfFlightMs = 2.0) }.validate()
        }
        test("0.1 ms grid tolerates floating-point noise but not finer steps") {
            OqtantValidation.isOnTimeGrid(0.1 + 0.2) shouldBe true
            OqtantValidation.isOnTimeGrid(1.3) shouldBe true
            OqtantValidation.isOnTimeGrid(199.9) shouldBe true
            OqtantValidation.isOnTimeGrid(0.05) shouldBe false
            OqtantValidation.isOnTimeGrid(199.9999) shouldBe false
            OqtantValidation.isOnTimeGrid(0.3 + 2e-9) shouldBe false
            OqtantValidation.isOnTimeGrid(Double.NaN) shouldBe false
        }
    }

    context("rf_evaporation") {
        val p = "$v0.rf_evaporation"
        test("times in -2000..200") {
            rf { it.copy(timesMs = listOf(-2001, -1200, -800, -400, 0)) }.breaks("$p.times_ms[0]" to "must be in -2000..200 ms")
        }
        test("1..20 points in every list") {
            rf { it.copy(timesMs = (-20..0).toList(), frequenciesMhz = List(21) { 1.0 }, powersMw = List(21) { 1.0 }) }.breaks(
                "$p.times_ms" to "must have 1..20 items",
                "$p.frequencies_mhz" to "must have 1..20 items",
                "$p.powers_mw" to "must have 1..20 items",
            )
        }
        test("times are unique") {
            rf { it.copy(timesMs = listOf(-1600, -1200, -1200, -400, 0)) }.breaks("$p.times_ms" to "must not contain duplicates (repeated: -1200)")
        }
        test("times are ascending") {
            rf { it.copy(timesMs = listOf(-1200, -1600, -800, -400, 0)) }.breaks("$p.times_ms" to "must be in ascending order")
        }
        test("at least two times ≤ 0") {
            rf { it.copy(timesMs = listOf(-100, 5, 10, 15, 20)) }.breaks("$p.times_ms" to "at least two values ≤ 0")
        }
        test("times do not exceed end_time_ms (an RF shield point ends with the experiment)") {
            rf { it.copy(timesMs = listOf(-1600, -1200, -800, 0, 25)) }.breaks("$p.times_ms[4]" to "must not exceed end_time_ms (20.0)")
            rf { it.copy(timesMs = listOf(-1600, -1200, -800, 0, 20)) }.validate()
        }
        test("frequencies in 0.0..25.0 MHz") {
            rf { it.copy(frequenciesMhz = listOf(25.5, 8.0, 4.0, 1.2, -0.1)) }.breaks(
                "$p.frequencies_mhz[0]" to "must be in 0.0..25.0 MHz",
                "$p.frequencies_mhz[4]" to "must be in 0.0..25.0 MHz",
            )
        }
        test("powers in 0.0..1000.0 mW") {
            rf { it.copy(powersMw = listOf(500.0, 1000.5, 475.0, 360.0, 220.0)) }.breaks("$p.powers_mw[1]" to "must be in 0.0..1000.0 mW")
        }
        test("the three lists have equal length") {
            rf { it.copy(powersMw = listOf(500.0, 500.0, 475.0, 360.0)) }.breaks("$p.powers_mw" to "must have the same length as times_ms (5)")
        }
    }

    context("optical_barriers") {
        val p = "$v0.optical_barriers"
        val b = "$p[1]"
        test("1..10 barriers") {
            job { it.copy(opticalBarriers = emptyList()) }.breaks(p to "must have 1..10 items")
            job { it.copy(opticalBarriers = List(11) { barrierA }) }.breaks(p to "must have 1..10 items")
            job { it.copy(opticalBarriers = List(10) { barrierA }) }.validate()
        }
        test("2..20 keyframes in every list") {
            barrier { Barrier(listOf(0.0), listOf(0.0), listOf(0.0), listOf(1.0)) }.breaks(
                "$b.times_ms" to "must have 2..20 items",
                "$b.positions_um" to "must have 2..20 items",
                "$b.heights_khz" to "must have 2..20 items",
                "$b.widths_um" to "must have 2..20 items",
            )
            val t = List(21) { it * 0.5 }
            barrier { Barrier(t, List(21) { 0.0 }, List(21) { 0.0 }, List(21) { 1.0 }) }.breaks(
                "$b.times_ms" to "must have 2..20 items",
                "$b.positions_um" to "must have 2..20 items",
                "$b.heights_khz" to "must have 2..20 items",
                "$b.widths_um" to "must have 2..20 items",
            )
        }
        test("times in 0.0..200.0 ms") {
            barrier { it.copy(timesMs = listOf(-0.5, 0.3, 1.3)) }.breaks("$b.times_ms[0]" to "must be in 0.0..200.0 ms")
        }
        test("times at 0.1 ms resolution") {
            barrier { it.copy(timesMs = listOf(0.0, 0.35, 1.3)) }.breaks("$b.times_ms[1]" to "must be a multiple of 0.1 ms")
        }
        test("times unique") {
            barrier { it.copy(timesMs = listOf(0.0, 1.3, 1.3)) }.breaks("$b.times_ms" to "must not contain duplicates")
        }
        test("times ascending") {
            barrier { it.copy(timesMs = listOf(0.3, 0.0, 1.3)) }.breaks("$b.times_ms" to "must be in ascending order")
        }
        test("times do not exceed end_time_ms") {
            barrier { it.copy(timesMs = listOf(0.0, 0.3, 25.0)) }.breaks("$b.times_ms[2]" to "must not exceed end_time_ms (20.0)")
        }
        test("positions in -60.0..60.0 µm") {
            barrier { it.copy(positionsUm = listOf(-60.5, 0.0, 60.5)) }.breaks(
                "$b.positions_um[0]" to "must be in -60.0..60.0 µm",
                "$b.positions_um[2]" to "must be in -60.0..60.0 µm",
            )
        }
        test("heights in 0.0..100.0 kHz, e.g. inputs[0].values.optical_barriers[1].heights_khz[2]") {
            barrier { it.copy(heightsKhz = listOf(0.0, 40.0, 100.5)) }
                .breaks("inputs[0].values.optical_barriers[1].heights_khz[2]" to "must be in 0.0..100.0 kHz")
            barrier { it.copy(heightsKhz = listOf(-1.0, 40.0, 100.0)) }.breaks("$b.heights_khz[0]" to "must be in 0.0..100.0 kHz")
        }
        test("widths in 0.5..20.0 µm (not the 50 µm of Settings, quirk Q1)") {
            barrier { it.copy(widthsUm = listOf(0.4, 2.0, 20.5)) }.breaks(
                "$b.widths_um[0]" to "must be in 0.5..20.0 µm",
                "$b.widths_um[2]" to "must be in 0.5..20.0 µm",
            )
        }
        test("the four lists have equal length") {
            barrier { it.copy(heightsKhz = listOf(0.0, 40.0), widthsUm = listOf(1.0, 1.0, 1.0, 1.0)) }.breaks(
                "$b.heights_khz" to "must have the same length as times_ms (3)",
                "$b.widths_um" to "must have the same length as times_ms (3)",
            )
        }
        test("NATIVE barriers have every width 0.5 µm") {
            barrier { it.copy(shape = ShapeType.NATIVE, widthsUm = listOf(0.5, 1.0, 0.5)) }
                .breaks("$b.widths_um[1]" to "must be 0.5 µm for a NATIVE barrier")
            barrier { Barrier.precision(it.timesMs, it.positionsUm, it.heightsKhz) }.validate()
        }
    }

    context("optical_landscape") {
        val p = "$v0.optical_landscape"
        test("2..5 snapshots") {
            landscapes { it.take(1) }.breaks("$p.landscapes" to "must have 2..5 items")
            landscapes { List(6) { i -> it[0].copy(timeMs = i.toDouble()) } }.breaks("$p.landscapes" to "must have 2..5 items")
            landscapes { List(5) { i -> it[0].copy(timeMs = i.toDouble()) } }.validate()
        }
        test("snapshots ascending in time") {
            landscapes { it.reversed() }.breaks("$p.landscapes" to "must be in ascending order of time_ms")
        }
        test("snapshot times distinct at 0.1 ms") {
            landscapes { listOf(it[0], it[1].copy(timeMs = 0.0)) }.breaks("$p.landscapes" to "distinct at 0.1 ms resolution")
        }
        test("snapshot time on the 0.1 ms grid, within 0..200 and not after end_time_ms") {
            snapshot { it.copy(timeMs = 10.05) }.breaks("$p.landscapes[1].time_ms" to "must be a multiple of 0.1 ms")
            snapshot { it.copy(timeMs = 20.5) }.breaks("$p.landscapes[1].time_ms" to "must not exceed end_time_ms (20.0)")
            landscapes { listOf(it[0].copy(timeMs = -1.0), it[1]) }.breaks("$p.landscapes[0].time_ms" to "must be in 0.0..200.0 ms")
        }
        test("2..121 points") {
            snapshot { it.copy(potentialsKhz = listOf(1.0), positionsUm = listOf(0.0)) }.breaks(
                "$p.landscapes[1].potentials_khz" to "must have 2..121 items",
                "$p.landscapes[1].positions_um" to "must have 2..121 items",
            )
            val xs = List(122) { -60.0 + it * (120.0 / 121) }
            snapshot { it.copy(potentialsKhz = List(122) { 0.0 }, positionsUm = xs) }.breaks(
                "$p.landscapes[1].potentials_khz" to "must have 2..121 items",
                "$p.landscapes[1].positions_um" to "must have 2..121 items",
            )
            snapshot { it.copy(potentialsKhz = List(121) { 0.0 }, positionsUm = xs.take(121)) }.validate()
        }
        test("potentials in 0.0..100.0 kHz") {
            snapshot { it.copy(potentialsKhz = listOf(0.0, 100.1)) }.breaks("$p.landscapes[1].potentials_khz[1]" to "must be in 0.0..100.0 kHz")
        }
        test("positions in -60.0..60.0 µm") {
            snapshot { it.copy(positionsUm = listOf(-61.0, 10.0)) }.breaks("$p.landscapes[1].positions_um[0]" to "must be in -60.0..60.0 µm")
        }
        test("positions ascending (repeats allowed)") {
            snapshot { it.copy(positionsUm = listOf(10.0, -10.0)) }.breaks("$p.landscapes[1].positions_um" to "must be in ascending order")
        }
        test("lists have equal length") {
            snapshot { it.copy(potentialsKhz = listOf(0.0, 1.0, 2.0)) }
                .breaks("$p.landscapes[1].potentials_khz" to "must have the same length as positions_um (2)")
        }
    }

    context("lasers") {
        val p = "$v0.lasers"
        test("exactly one laser") {
            job { it.copy(lasers = it.lasers!! + it.lasers!!) }.breaks(p to "must have exactly 1 item (multiple lasers are not supported)")
            job { it.copy(lasers = emptyList()) }.breaks(p to "must have exactly 1 item")
        }
        test("type TERMINATOR") {
            laser { it.copy(type = LaserType.BRAGG) }.breaks("$p[0].type" to "must be TERMINATOR")
        }
        test("position 30.0 µm") {
            laser { it.copy(positionUm = 25.0) }.breaks("$p[0].position_um" to "must be 30.0 µm")
        }
        test("exactly one pulse") {
            laser { it.copy(pulses = it.pulses + it.pulses) }.breaks("$p[0].pulses" to "must have exactly 1 item")
        }
        test("pulse has exactly two ascending, unique times") {
            pulse { it.copy(timesMs = listOf(1.0, 2.0, 3.0)) }.breaks("$p[0].pulses[0].times_ms" to "must have exactly 2 items")
            pulse { it.copy(timesMs = listOf(3.0, 1.0)) }.breaks("$p[0].pulses[0].times_ms" to "must be in ascending order")
            pulse { it.copy(timesMs = listOf(3.0, 3.0)) }.breaks("$p[0].pulses[0].times_ms" to "must not contain duplicates")
        }
        test("pulse times at 0.1 ms and not after end_time_ms") {
            pulse { it.copy(timesMs = listOf(1.0, 2.05)) }.breaks("$p[0].pulses[0].times_ms[1]" to "must be a multiple of 0.1 ms")
            pulse { it.copy(timesMs = listOf(1.0, 21.0)) }.breaks("$p[0].pulses[0].times_ms[1]" to "must not exceed end_time_ms (20.0)")
        }
        test("intensities are exactly [1.0, 1.0]") {
            pulse { it.copy(intensitiesMwPerCm2 = listOf(1.0, 0.5)) }
                .breaks("$p[0].pulses[0].intensities_mw_per_cm2[1]" to "must be 1.0 (intensity control is not supported)")
            pulse { it.copy(intensitiesMwPerCm2 = listOf(1.0)) }.breaks("$p[0].pulses[0].intensities_mw_per_cm2" to "must have exactly 2 items")
        }
        test("no detuning") {
            pulse { it.copy(detuningMhz = 1.0) }.breaks("$p[0].pulses[0].detuning_mhz" to "must be 0.0 MHz")
        }
        test("interpolation OFF") {
            pulse { it.copy(interpolation = InterpolationType.LINEAR) }.breaks("$p[0].pulses[0].interpolation" to "must be OFF")
        }
    }

    test("several broken rules are all listed in one exception, in every run") {
        val bad = job {
            it.copy(
                endTimeMs = 20.05,
                opticalBarriers = listOf(barrierA, barrierB.copy(heightsKhz = listOf(0.0, 40.0, 101.0))),
                lasers = listOf(Laser.terminator(1.0, 3.0).copy(positionUm = 29.0)),
            )
        }
        val twoRuns = bad.copy(name = "", inputs = bad.inputs + bad.inputs[0].copy(run = 2))
        val e = shouldThrow<ValidationException> { twoRuns.validate() }
        e.violations.map { it.field } shouldContainExactly listOf(
            "name",
            "inputs[0].values.end_time_ms",
            "inputs[0].values.optical_barriers[1].heights_khz[2]",
            "inputs[0].values.lasers[0].position_um",
            "inputs[1].values.end_time_ms",
            "inputs[1].values.optical_barriers[1].heights_khz[2]",
            "inputs[1].values.lasers[0].position_um",
        )
        e.violations[2].value shouldBe 101.0
        e.message!! shouldContain "7 problems"
        e.message!! shouldContain "inputs[0].values.optical_barriers[1].heights_khz[2] = 101.0: must be in 0.0..100.0 kHz"
    }
})
