package io.qonduit.emulator.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.EmulatorMain
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.oqtant.OqtantEmulatorState.Companion.DEMO_TOKEN
import io.qonduit.emulator.oqtant.OqtantEmulatorState.Companion.DEMO_USER_ID
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.Duration

private const val VALUES = """{"end_time_ms":10.0,"image_type":"IN_TRAP","time_of_flight_ms":7.0,
 "rf_evaporation":{"times_ms":[-1600,-1200,-800,-400,0],"frequencies_mhz":[17.0,8.0,4.0,1.2,0.02],"powers_mw":[500.0,500.0,475.0,360.0,220.0],"interpolation":"LINEAR"},
 "optical_landscape":{"interpolation":"LINEAR","landscapes":[
  {"time_ms":0.0,"positions_um":[-10.0,10.0],"potentials_khz":[0.0,5.0],"spatial_interpolation":"LINEAR"},
  {"time_ms":5.0,"positions_um":[-10.0,10.0],"potentials_khz":[5.0,0.0],"spatial_interpolation":"LINEAR"}]}}"""

/** A one-run job with [envelope] and [input] spliced in as raw JSON members (each ending with a comma). */
private fun job(envelope: String = "", input: String = "", runs: Int = 1) =
    """{$envelope"name":"envelope","inputs":[${List(runs) { """{$input"run":1,"values":$VALUES}""" }.joinToString(",")}]}"""

/** The envelope and input types bert_schemas' JobCreate checks, each refused as pydantic refuses it. */
class OqtantEnvelopeSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 7, queuedDelay = Duration.ZERO, runningDelay = Duration.ZERO))
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqtant"))
    val auth = TestHttp.bearer(DEMO_TOKEN)
    val user = "/users/$DEMO_USER_ID"

    /** Status and each 422 entry as `loc type`. */
    fun submit(body: String): Pair<Int, List<String>> {
        val r = http.post("$user/jobs", body, auth)
        if (r.status != 422) return r.status to emptyList()
        return r.status to r.obj["detail"]!!.jsonArray.map { e ->
            e.jsonObject["loc"]!!.jsonArray.joinToString(".") { it.jsonPrimitive.content } + " " + e.jsonObject["type"]!!.jsonPrimitive.content
        }
    }

    test("valid envelopes pass, with pydantic's lax integers and booleans") {
        submit(job()).first shouldBe 200
        submit(job("\"origin\":\"WEB\",\"status\":\"PENDING\",\"qpu_name\":\"UNDEFINED\",\"display\":\"yes\",\"input_count\":\"1\",\"time_start\":null,")).first shouldBe 200
        submit(job(input = "\"job_id\":null,\"notes\":null,\"output\":null,")).first shouldBe 200
        submit(job(input = "\"job_id\":\"12\",")).first shouldBe 200
    }

    test("origin, status and qpu_name outside their enums are 422 of type enum at their own location") {
        submit(job("\"origin\":\"FOO\",")) shouldBe (422 to listOf("body.origin enum"))
        submit(job("\"origin\":1,")) shouldBe (422 to listOf("body.origin enum"))
        submit(job("\"status\":\"DONE\",\"qpu_name\":\"BERT\",")) shouldBe (422 to listOf("body.status enum", "body.qpu_name enum"))
        submit(job("\"status\":null,")) shouldBe (422 to listOf("body.status enum"))
    }

    test("wrong types of name, display, input_count, times, job_id, run, notes, output and values are 422") {
        submit(job().replace("\"name\":\"envelope\"", "\"name\":5")) shouldBe (422 to listOf("body.name string_type"))
        submit(job("\"display\":2,")) shouldBe (422 to listOf("body.display bool_parsing"))
        submit(job("\"input_count\":1.5,")) shouldBe (422 to listOf("body.input_count int_from_float"))
        submit(job("\"time_start\":\"yesterday\",")) shouldBe (422 to listOf("body.time_start datetime_parsing"))
        submit(job(input = "\"job_id\":\"x\",")) shouldBe (422 to listOf("body.inputs.0.job_id int_parsing"))
        submit(job(input = "\"notes\":5,")) shouldBe (422 to listOf("body.inputs.0.notes string_type"))
        submit(job(input = "\"output\":5,")) shouldBe (422 to listOf("body.inputs.0.output model_type"))
        submit(job().replace("\"run\":1,", "\"run\":1.5,")) shouldBe (422 to listOf("body.inputs.0.run int_from_float"))
        submit(job().replace("\"run\":1,", "\"run\":\"a\",")) shouldBe (422 to listOf("body.inputs.0.run int_parsing"))
        submit("""{"name":"x","inputs":{}}""") shouldBe (422 to listOf("body.inputs list_type"))
        submit("""{"name":"x","inputs":[{"values":[]}]}""") shouldBe (422 to listOf("body.inputs.0.values model_type"))
    }

    test("interpolation kinds and laser types outside their enums are 422 of type enum") {
        submit(job().replace("\"optical_landscape\":{\"interpolation\":\"LINEAR\"", "\"optical_landscape\":{\"interpolation\":\"SPLINE\"")) shouldBe
            (422 to listOf("body.inputs.0.values.optical_landscape.interpolation enum"))
        submit(job().replace("\"potentials_khz\":[5.0,0.0],\"spatial_interpolation\":\"LINEAR\"", "\"potentials_khz\":[5.0,0.0],\"spatial_interpolation\":\"linear\"")) shouldBe
            (422 to listOf("body.inputs.0.values.optical_landscape.landscapes.1.spatial_interpolation enum"))
        submit(job().replace("\"interpolation\":\"LINEAR\"}", "\"interpolation\":\"SMOOTH\"}")) shouldBe
            (422 to listOf("body.inputs.0.values.rf_evaporation.interpolation enum"))
    }

    test("extra keys are refused inside rf_evaporation and pulses (extra=\"forbid\"), ignored elsewhere") {
        submit(job().replace("\"interpolation\":\"LINEAR\"}", "\"interpolation\":\"LINEAR\",\"time_ms\":[0]}")) shouldBe
            (422 to listOf("body.inputs.0.values.rf_evaporation.time_ms extra_forbidden"))
        val pulse = ",\"lasers\":[{\"pulses\":[{\"times_ms\":[1.0,2.0],\"colour\":\"red\"}]}]}"
        submit(job().replace("\"spatial_interpolation\":\"LINEAR\"}]}}", "\"spatial_interpolation\":\"LINEAR\"}]}$pulse")) shouldBe
            (422 to listOf("body.inputs.0.values.lasers.0.pulses.0.colour extra_forbidden"))
        submit(job(input = "\"unexpected\":1,").replace("\"spatial_interpolation\":\"LINEAR\"}", "\"spatial_interpolation\":\"LINEAR\",\"x\":1}")).first shouldBe 200
    }

    test("RF times spelt as integral floats are integers (pydantic's int); a fractional one is int_from_float") {
        submit(job().replace("[-1600,-1200,-800,-400,0]", "[-1600.0,-1200.0,-800.0,-400.0,0.0]")).first shouldBe 200
        submit(job().replace("[-1600,-1200,-800,-400,0]", "[-1600,-1200,-800,-400,0.5]")) shouldBe
            (422 to listOf("body.inputs.0.values.rf_evaporation.times_ms.4 int_from_float"))
    }

    test("runs are numbered by position, so the Python client's create_job(runs=3), which sends run 1 three times, is reachable as runs 1..3") {
        val r = http.post("$user/jobs", job(runs = 3), auth)
        r.status shouldBe 200
        val id = r.str("job_id")
        (1..3).map { k -> http.get("$user/jobs/$id?run=$k", auth).obj["inputs"]!!.jsonArray.single().jsonObject["run"]!!.jsonPrimitive.int } shouldContainExactly
            listOf(1, 2, 3)
        http.get("$user/jobs/$id?run=4", auth).status shouldBe 404
    }

    test("--oqtant-running-ms keeps an Oqtant job RUNNING that long (the Python client's track_jobs must see RUNNING in a 2 s poll)") {
        val config = EmulatorMain.parseArgs(arrayOf("--port", "0", "--oqtant-running-ms", "700"))!!
        config.oqtantRunningDelay shouldBe Duration.ofMillis(700)
        Emulator.start(config.toBuilder().queuedDelay(Duration.ZERO).build()).use { paced ->
            val h = TestHttp(paced.url("oqtant"))
            val id = h.post("$user/jobs", job(), auth).str("job_id")
            Thread.sleep(300)
            h.get("$user/jobs/$id", auth).str("status") shouldBe "RUNNING"
        }
    }
})
