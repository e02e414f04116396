package io.qonduit.emulator.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.OqtantMatter
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.oqtant.OqtantEmulatorState.Companion.DEMO_TOKEN
import io.qonduit.emulator.oqtant.OqtantEmulatorState.Companion.DEMO_USER_ID
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import java.time.Duration
import kotlin.math.abs

/** The Oqtant router on the Gross–Pitaevskii simulator ([OqtantMatter.GROSS_PITAEVSKII]). */
class OqtantGpeSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 3, queuedDelay = Duration.ofMillis(10), runningDelay = Duration.ofMillis(10), oqtantMatter = OqtantMatter.GROSS_PITAEVSKII))
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqtant"))
    val auth = TestHttp.bearer(DEMO_TOKEN)
    val user = "/users/$DEMO_USER_ID"

    fun run(body: String): JsonObject {
        val r = http.post("$user/jobs", body, auth)
        r.status shouldBe 200
        val id = r.str("job_id")
        repeat(3000) {
            val job = http.get("$user/jobs/$id", auth)
            if (job.str("status") == "COMPLETE") return job.obj["inputs"]!!.jsonArray[0].jsonObject["output"]!!.jsonObject["values"]!!.jsonObject
            Thread.sleep(10)
        }
        error("job $id never completed")
    }

    val rf = """"rf_evaporation":{"times_ms":[-1600,-1200,-800,-400,0],"frequencies_mhz":[17.0,8.0,4.0,1.2,0.0335],"powers_mw":[500.0,500.0,475.0,360.0,220.0],"interpolation":"LINEAR"}"""

    test("BEC time of flight: bimodal image, temperature from the RF end point, ideal-gas populations, hardware slices") {
        val values = run("""{"name":"bec","job_type":"BEC","input_count":1,"inputs":[{"values":{"end_time_ms":0.0,"image_type":"TIME_OF_FLIGHT","time_of_flight_ms":12.0,$rf}}]}""")
        values["temperature_nk"]!!.jsonPrimitive.long shouldBe 100L
        values["condensed_atom_number"]!!.jsonPrimitive.long shouldBe 10_000L
        // ζ(3)(T/(ħω̄/k))³ with ħω̄/k = 9.60 nK.
        values["thermal_atom_number"]!!.jsonPrimitive.long.toDouble() shouldBe (1358.0 plusOrMinusRel 0.01)
        val tof = values["tof_image"]!!.jsonObject
        tof["rows"]!!.jsonPrimitive.int shouldBe 100
        tof["pixcal"]!!.jsonPrimitive.double shouldBe 4.4
        val seen = values["tof_atom_number"]!!.jsonPrimitive.long.toDouble()
        abs(seen - 11_358) / 11_358 shouldBeLessThan 0.02
        val slice = values["tof_x_slice"]!!.jsonObject["points"]!!.jsonArray
        slice[50].jsonObject["x"]!!.jsonPrimitive.double shouldBe 50.0
        slice[50].jsonObject["y"]!!.jsonPrimitive.double shouldBe (tof["pixels"]!!.jsonArray[50 * 100 + 50].jsonPrimitive.double)
        val fit = values["tof_fit"]!!.jsonObject
        fit["tf_y"]!!.jsonPrimitive.double shouldBeGreaterThan fit["tf_x"]!!.jsonPrimitive.double // radial expansion overtakes the axis
        fit["gaussian_od"]!!.jsonPrimitive.double shouldBeGreaterThan 0.0
        values["mot_fluorescence_image"]!!.jsonObject["columns"]!!.jsonPrimitive.int shouldBe 217
    }

    test("in-trap barrier job: the simulator's 148 x 512 image, emptied under a barrier ramped to 40 kHz") {
        val values = run("""{"name":"b","job_type":"BARRIER","input_count":1,"inputs":[{"values":{"end_time_ms":5.0,"image_type":"IN_TRAP","time_of_flight_ms":7.0,$rf,
            "optical_barriers":[{"times_ms":[0.0,5.0],"positions_um":[0.0,0.0],"heights_khz":[0.0,40.0],"widths_um":[2.0,2.0],"interpolation":"LINEAR","shape":"GAUSSIAN"}]}}]}""")
        val plot = values["it_plot"]!!.jsonObject
        plot["rows"]!!.jsonPrimitive.int shouldBe 148
        plot["columns"]!!.jsonPrimitive.int shouldBe 512
        val px = plot["pixels"]!!.jsonArray.map { it.jsonPrimitive.double }
        fun column(c: Int) = (72..75).sumOf { px[it * 512 + c] } / 4
        column(256) shouldBeLessThan 0.05 * column(256 + 23)
        column(256 + 23) shouldBeGreaterThan 0.5
    }
})

private infix fun Double.plusOrMinusRel(fraction: Double) = this plusOrMinus this * fraction
