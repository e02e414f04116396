package io.qonduit.emulator.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.oqtant.OqtantEmulatorState.Companion.DEMO_TOKEN
import io.qonduit.emulator.oqtant.OqtantEmulatorState.Companion.DEMO_USER_ID
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** A barrier job whose JSON numbers are spelled exactly as given (the texts are sent verbatim). */
private fun barrierJob(endTime: String = "20.0", barrierTimes: String = "[0.0,0.1,0.2]", pulseTimes: String = "[1.0,3.0]") = """
{"name":"rules","job_type":"BARRIER","input_count":1,"inputs":[{"run":1,"values":{"end_time_ms":$endTime,"image_type":"IN_TRAP",
 "time_of_flight_ms":7.0,
 "rf_evaporation":{"times_ms":[-1600,-1200,-800,-400,0],"frequencies_mhz":[17.0,8.0,4.0,1.2,0.02],"powers_mw":[500.0,500.0,475.0,360.0,220.0],"interpolation":"LINEAR"},
 "optical_barriers":[{"times_ms":$barrierTimes,"positions_um":[0.0,0.0,0.0],"heights_khz":[40.0,40.0,40.0],"widths_um":[2.0,2.0,2.0],"interpolation":"LINEAR","shape":"GAUSSIAN"}],
 "lasers":[{"type":"TERMINATOR","position_um":30.0,"pulses":[{"times_ms":$pulseTimes,"intensities_mw_per_cm2":[1.0,1.0],"detuning_mhz":0.0,"interpolation":"OFF"}]}]}}]}
""".trimIndent()

/** Submission rules of the service (bert_schemas) that the emulator enforces, each against a raw JSON body. */
class OqtantSubmissionRulesSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 7))
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqtant"))
    val auth = TestHttp.bearer(DEMO_TOKEN)
    val user = "/users/$DEMO_USER_ID"

    /** Status and error locations of submitting [body]. */
    fun submit(body: String): Pair<Int, List<String>> {
        val r = http.post("$user/jobs", body, auth)
        if (r.status != 422) return r.status to emptyList()
        return r.status to r.obj["detail"]!!.jsonArray.map { e -> e.jsonObject["loc"]!!.jsonArray.joinToString(".") { it.jsonPrimitive.content } }
    }

    val v = "body.inputs.0.values"

    test("the template is accepted") {
        submit(barrierJob()).first shouldBe 200
    }

    test("TimeMs accepts one decimal place only: floating-point noise and near-grid values are 422 where pydantic puts them") {
        submit(barrierJob(endTime = "199.9999")) shouldBe (422 to listOf("$v.end_time_ms"))
        submit(barrierJob(endTime = "20.000000000000004")) shouldBe (422 to listOf("$v.end_time_ms"))
        submit(barrierJob(barrierTimes = "[0.0,0.1,0.30000000000000004]")).second shouldContainExactly
            listOf("$v.optical_barriers.0.times_ms.2")
        submit(barrierJob(pulseTimes = "[1.0,2.05]")).second shouldContainExactly listOf("$v.lasers.0.pulses.0.times_ms.1")
    }

    test("a NATIVE barrier without widths_um gets 0.5 µm per height (bert_schemas' default) and is accepted") {
        val gaussian = "\"widths_um\":[2.0,2.0,2.0],\"interpolation\":\"LINEAR\",\"shape\":\"GAUSSIAN\""
        val native = barrierJob().replace(gaussian, "\"interpolation\":\"LINEAR\",\"shape\":\"NATIVE\"")
        native shouldNotBe barrierJob()
        submit(native).first shouldBe 200
        val unequal = barrierJob().replace(gaussian, "\"interpolation\":\"LINEAR\",\"shape\":\"SQUARE\"")
        submit(unequal) shouldBe (422 to listOf("$v.optical_barriers.0"))
    }

    test("name and notes lengths count code points, as pydantic counts a Python str") {
        val r = "\uD835\uDC11" // one code point, two UTF-16 units
        fun named(name: String, notes: String = "n") =
            barrierJob().replace("\"name\":\"rules\"", "\"name\":\"$name\"").replace("{\"run\":1,", "{\"run\":1,\"notes\":\"$notes\",")
        submit(named(r.repeat(50), r.repeat(500))).first shouldBe 200
        submit(named(r.repeat(51))) shouldBe (422 to listOf("body.name"))
        submit(named("ok", r.repeat(501))) shouldBe (422 to listOf("body.inputs.0.notes"))
    }

    test("unsorted pulse times are refused (the service does not re-order them); unsorted barrier times are re-ordered") {
        submit(barrierJob(pulseTimes = "[3.0,1.0]")) shouldBe (422 to listOf("$v.lasers.0.pulses.0.times_ms"))
        submit(barrierJob(barrierTimes = "[0.2,0.0,0.1]")).first shouldBe 200
    }
})
