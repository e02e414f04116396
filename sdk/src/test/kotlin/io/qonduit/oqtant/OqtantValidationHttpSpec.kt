package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.Landscape
import io.qonduit.oqtant.model.Laser
import io.qonduit.oqtant.model.LaserType
import io.qonduit.oqtant.model.OpticalLandscape
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import io.qonduit.oqtant.model.Pulse
import io.qonduit.oqtant.model.RfEvaporation
import io.qonduit.oqtant.model.RfInterpolationType
import io.qonduit.oqtant.model.ShapeType
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * Every service limit over real HTTP: the client refuses the broken job before sending anything, and
 * the emulated service, sent the same document directly, answers 422 at the same location.
 *
 * Rules the service fixes instead of refusing (unsorted barrier, RF and landscape lists, quirk Q11) and the client's own batch
 * rules (one job type for all runs, the `job_type` key) are client-only; OqtantValidationSpec covers them.
 */
class OqtantValidationHttpSpec : FunSpec({
    val env = OqtantTestEnv()
    afterSpec { env.close() }
    val client = env.client

    val barrier = Barrier(listOf(0.0, 0.3, 1.3), listOf(10.0, 11.0, 12.0), listOf(0.0, 40.0, 100.0), listOf(0.5, 2.0, 20.0))
    val valid = InputValues(
        endTimeMs = 20.0,
        imageType = ImageType.IN_TRAP,
        timeOfFlightMs = 8.0,
        rfEvaporation = RfEvaporation(listOf(17.0, 8.0, 4.0, 1.2, 0.1), listOf(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR),
        opticalBarriers = listOf(barrier),
        opticalLandscape = OpticalLandscape(listOf(
            Landscape(0.0, listOf(0.0, 5.0, 5.0, 0.0), listOf(-60.0, 0.0, 0.0, 60.0)),
            Landscape(10.0, listOf(0.0, 100.0), listOf(-10.0, 10.0)),
        )),
        lasers = listOf(Laser.terminator(1.0, 3.0)),
    )
    fun rf(f: (RfEvaporation) -> RfEvaporation) = { v: InputValues -> v.copy(rfEvaporation = f(v.rfEvaporation)) }
    fun bar(f: (Barrier) -> Barrier) = { v: InputValues -> v.copy(opticalBarriers = listOf(f(barrier))) }
    fun snap(f: (Landscape) -> Landscape) = { v: InputValues ->
        v.copy(opticalLandscape = OpticalLandscape(listOf(v.opticalLandscape!!.landscapes[0], f(v.opticalLandscape!!.landscapes[1]))))
    }
    fun pulse(f: (Pulse) -> Pulse) = { v: InputValues -> v.copy(lasers = listOf(Laser(listOf(f(v.lasers!![0].pulses[0]))))) }

    val v = "inputs[0].values"
    val w = "body.inputs.0.values"

    /** rule → (broken values, the client's field path, the service's location). */
    val rules: List<Triple<String, (InputValues) -> InputValues, Pair<String, String>>> = listOf(
        Triple("end_time_ms ≤ 200", { x: InputValues -> x.copy(endTimeMs = 200.5) }, "$v.end_time_ms" to "$w.end_time_ms"),
        Triple("end_time_ms at 0.1 ms", { x: InputValues -> x.copy(endTimeMs = 20.05) }, "$v.end_time_ms" to "$w.end_time_ms"),
        Triple("end_time_ms near but off the grid", { x: InputValues -> x.copy(endTimeMs = 199.9999) }, "$v.end_time_ms" to "$w.end_time_ms"),
        Triple("time_of_flight_ms 2..20", { x: InputValues -> x.copy(timeOfFlightMs = 1.5) }, "$v.time_of_flight_ms" to "$w.time_of_flight_ms"),
        Triple("time_of_flight_ms at 0.1 ms", { x: InputValues -> x.copy(timeOfFlightMs = 7.25) }, "$v.time_of_flight_ms" to "$w.time_of_flight_ms"),
        Triple("RF 1..20 points", rf { it.copy(timesMs = (-20..0).toList(), frequenciesMhz = List(21) { 1.0 }, powersMw = List(21) { 1.0 }) },
            "$v.rf_evaporation.times_ms" to "$w.rf_evaporation.times_ms"),
        Triple("RF times -2000..200", rf { it.copy(timesMs = listOf(-2001, -1200, -800, -400, 0)) }, "$v.rf_evaporation.times_ms[0]" to "$w.rf_evaporation.times_ms"),
        Triple("RF times unique", rf { it.copy(timesMs = listOf(-1600, -1200, -1200, -400, 0)) }, "$v.rf_evaporation.times_ms" to "$w.rf_evaporation.times_ms"),
        Triple("RF two points ≤ 0", rf { it.copy(timesMs = listOf(-100, 5, 10, 15, 20)) }, "$v.rf_evaporation.times_ms" to "$w.rf_evaporation.times_ms"),
        Triple("RF times ≤ end_time_ms", rf { it.copy(timesMs = listOf(-1600, -1200, -800, 0, 25)) }, "$v.rf_evaporation.times_ms[4]" to "$w.rf_evaporation.times_ms"),
        Triple("RF frequency 0..25 MHz", rf { it.copy(frequenciesMhz = listOf(25.5, 8.0, 4.0, 1.2, 0.1)) }, "$v.rf_evaporation.frequencies_mhz[0]" to "$w.rf_evaporation.frequencies_mhz"),
        Triple("RF power 0..1000 mW", rf { it.copy(powersMw = listOf(500.0, 1000.5, 475.0, 360.0, 220.0)) }, "$v.rf_evaporation.powers_mw[1]" to "$w.rf_evaporation.powers_mw"),
        Triple("RF lists of equal length", rf { it.copy(powersMw = listOf(500.0, 500.0, 475.0, 360.0)) }, "$v.rf_evaporation.powers_mw" to "$w.rf_evaporation"),
        Triple("1..10 barriers", { x: InputValues -> x.copy(opticalBarriers = List(11) { barrier }) }, "$v.optical_barriers" to "$w.optical_barriers"),
        Triple("2..20 keyframes", bar { Barrier(listOf(0.0), listOf(0.0), listOf(0.0), listOf(1.0)) }, "$v.optical_barriers[0].times_ms" to "$w.optical_barriers.0.times_ms"),
        Triple("barrier lists of equal length", bar { it.copy(heightsKhz = listOf(0.0, 40.0)) }, "$v.optical_barriers[0].heights_khz" to "$w.optical_barriers.0"),
        Triple("barrier times ≤ end_time_ms", bar { it.copy(timesMs = listOf(0.0, 0.3, 25.0)) }, "$v.optical_barriers[0].times_ms[2]" to "$w.optical_barriers.0.times_ms"),
        Triple("barrier times at 0.1 ms", bar { it.copy(timesMs = listOf(0.0, 0.35, 1.3)) }, "$v.optical_barriers[0].times_ms[1]" to "$w.optical_barriers.0.times_ms.1"),
        Triple("barrier times unique", bar { it.copy(timesMs = listOf(0.0, 1.3, 1.3)) }, "$v.optical_barriers[0].times_ms" to "$w.optical_barriers.0.times_ms"),
        Triple("positions -60..60 µm", bar { it.copy(positionsUm = listOf(-60.5, 0.0, 0.0)) }, "$v.optical_barriers[0].positions_um[0]" to "$w.optical_barriers.0.positions_um"),
        Triple("heights 0..100 kHz", bar { it.copy(heightsKhz = listOf(0.0, 40.0, 100.5)) }, "$v.optical_barriers[0].heights_khz[2]" to "$w.optical_barriers.0.heights_khz"),
        Triple("widths 0.5..20 µm", bar { it.copy(widthsUm = listOf(0.4, 2.0, 2.0)) }, "$v.optical_barriers[0].widths_um[0]" to "$w.optical_barriers.0.widths_um"),
        Triple("NATIVE widths 0.5 µm", bar { it.copy(shape = ShapeType.NATIVE, widthsUm = listOf(0.5, 1.0, 0.5)) }, "$v.optical_barriers[0].widths_um[1]" to "$w.optical_barriers.0.widths_um"),
        Triple("2..5 snapshots", { x: InputValues -> x.copy(opticalLandscape = OpticalLandscape(x.opticalLandscape!!.landscapes.take(1))) },
            "$v.optical_landscape.landscapes" to "$w.optical_landscape.landscapes"),
        Triple("snapshot times distinct", snap { it.copy(timeMs = 0.0) }, "$v.optical_landscape.landscapes" to "$w.optical_landscape.landscapes"),
        Triple("snapshot time ≤ end_time_ms", snap { it.copy(timeMs = 20.5) }, "$v.optical_landscape.landscapes[1].time_ms" to "$w.optical_landscape.landscapes.1.time_ms"),
        Triple("snapshot time at 0.1 ms", snap { it.copy(timeMs = 10.05) }, "$v.optical_landscape.landscapes[1].time_ms" to "$w.optical_landscape.landscapes.1.time_ms"),
        Triple("2..121 points", snap { it.copy(potentialsKhz = listOf(1.0), positionsUm = listOf(0.0)) },
            "$v.optical_landscape.landscapes[1].positions_um" to "$w.optical_landscape.landscapes.1.positions_um"),
        Triple("snapshot lists of equal length", snap { it.copy(potentialsKhz = listOf(0.0, 1.0, 2.0)) },
            "$v.optical_landscape.landscapes[1].potentials_khz" to "$w.optical_landscape.landscapes.1"),
        Triple("potentials 0..100 kHz", snap { it.copy(potentialsKhz = listOf(0.0, 100.1)) },
            "$v.optical_landscape.landscapes[1].potentials_khz[1]" to "$w.optical_landscape.landscapes.1.potentials_khz"),
        Triple("snapshot positions -60..60 µm", snap { it.copy(positionsUm = listOf(-61.0, 10.0)) },
            "$v.optical_landscape.landscapes[1].positions_um[0]" to "$w.optical_landscape.landscapes.1.positions_um"),
        Triple("one laser", { x: InputValues -> x.copy(lasers = x.lasers!! + x.lasers!!) }, "$v.lasers" to "$w.lasers"),
        Triple("TERMINATOR only", { x: InputValues -> x.copy(lasers = listOf(x.lasers!![0].copy(type = LaserType.BRAGG))) }, "$v.lasers[0].type" to "$w.lasers"),
        Triple("terminator at 30 µm", { x: InputValues -> x.copy(lasers = listOf(x.lasers!![0].copy(positionUm = 25.0))) }, "$v.lasers[0].position_um" to "$w.lasers.0.position_um"),
        Triple("one pulse", { x: InputValues -> x.copy(lasers = listOf(x.lasers!![0].let { it.copy(pulses = it.pulses + it.pulses) })) }, "$v.lasers[0].pulses" to "$w.lasers.0.pulses"),
        Triple("pulse times ≤ end_time_ms", pulse { it.copy(timesMs = listOf(1.0, 21.0)) }, "$v.lasers[0].pulses[0].times_ms[1]" to "$w.lasers.0.pulses.0.times_ms"),
        Triple("pulse times ascending", pulse { it.copy(timesMs = listOf(3.0, 1.0)) }, "$v.lasers[0].pulses[0].times_ms" to "$w.lasers.0.pulses.0.times_ms"),
        Triple("pulse times at 0.1 ms", pulse { it.copy(timesMs = listOf(1.0, 2.05)) }, "$v.lasers[0].pulses[0].times_ms[1]" to "$w.lasers.0.pulses.0.times_ms.1"),
        Triple("pulse times unique", pulse { it.copy(timesMs = listOf(3.0, 3.0)) }, "$v.lasers[0].pulses[0].times_ms" to "$w.lasers.0.pulses.0.times_ms"),
        Triple("intensity 1.0", pulse { it.copy(intensitiesMwPerCm2 = listOf(1.0, 0.5)) }, "$v.lasers[0].pulses[0].intensities_mw_per_cm2[1]" to "$w.lasers.0.pulses.0"),
        Triple("no detuning", pulse { it.copy(detuningMhz = 1.0) }, "$v.lasers[0].pulses[0].detuning_mhz" to "$w.lasers.0.pulses.0.detuning_mhz"),
        Triple("pulse interpolation OFF", pulse { it.copy(interpolation = InterpolationType.LINEAR) }, "$v.lasers[0].pulses[0].interpolation" to "$w.lasers.0.pulses.0.interpolation"),
    )

    /** The service's answer to [job] sent as is, bypassing the client's checks: status and error locations. */
    suspend fun sendUnchecked(job: OqtantJob): Pair<Int, List<String>> {
        val body = OqtantJson.format.parseToJsonElement(OqtantJson.encodeJob(job))
        val reply = client.transport.post("/users/${client.userId}/jobs", body, ok = { true })
        if (reply.status != 422) return reply.status to emptyList()
        val detail = reply.json().jsonObject["detail"]!!.jsonArray
        return reply.status to detail.map { e -> e.jsonObject["loc"]!!.jsonArray.joinToString(".") { it.jsonPrimitive.content } }
    }

    test("the valid job passes both the client and the service") {
        val job = OqtantJob.of("valid over http", valid)
        job.validate()
        sendUnchecked(job).first shouldBe 200
    }

    test("each limit: the client refuses before sending and the service answers 422 at the same place") {
        rules.forEach { (rule, breakIt, where) ->
            withClue(rule) {
                val job = OqtantJob.of("broken", breakIt(valid))
                env.emulator.faults.clearRequests()
                shouldThrow<ValidationException> { client.submitJob(job) }.violations.map { it.field } shouldContain where.first
                env.emulator.faults.requests("/oqtant/**", "POST") shouldHaveSize 0
                val (status, locations) = sendUnchecked(job)
                status shouldBe 422
                locations shouldContain where.second
            }
        }
    }

    test("envelope limits: name 1..50, 1..30 runs, notes ≤ 500") {
        val ok = OqtantJob.of("envelope", valid)
        listOf(
            ok.copy(name = "x".repeat(51)) to ("name" to "body.name"),
            OqtantJob.of("many", List(31) { valid }) to ("inputs" to "body.inputs"),
            ok.copy(inputs = listOf(ok.inputs[0].copy(notes = "n".repeat(501)))) to ("inputs[0].notes" to "body.inputs.0.notes"),
        ).forEach { (job, where) ->
            withClue(where.first) {
                shouldThrow<ValidationException> { client.submitJob(job) }.violations.map { it.field } shouldContain where.first
                sendUnchecked(job).second shouldContain where.second
            }
        }
    }
})
