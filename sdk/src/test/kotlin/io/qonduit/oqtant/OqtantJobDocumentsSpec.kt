package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.errors.ValidationException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** A one-run BEC document with [rf] and [envelope] spliced in as raw JSON. */
private fun document(rf: String = "", envelope: String = "", pulse: String = "") = """
{$envelope"name":"documents","inputs":[{"values":{"end_time_ms":10.0,"image_type":"TIME_OF_FLIGHT","time_of_flight_ms":8.0,
 "rf_evaporation":{$rf"times_ms":[-1600,-1200,-800,-400,0],"frequencies_mhz":[17.0,8.0,4.0,1.2,0.045],"powers_mw":[500.0,500.0,475.0,360.0,220.0],"interpolation":"LINEAR"},
 "lasers":[{"type":"TERMINATOR","position_um":30.0,"pulses":[{$pulse"times_ms":[1.0,2.0]}]}]}}]}
""".trimIndent()

/**
 * Job documents the service refuses are refused by generateOqtantJob before anything is sent, and the
 * emulated service, sent the same document, answers 422 at the same place (found by the conformance
 * suite's differential check against bert_schemas).
 */
class OqtantJobDocumentsSpec : FunSpec({
    val env = OqtantTestEnv()
    afterSpec { env.close() }
    val client = env.client
    val http = HttpClient.newHttpClient()

    fun post(body: String): Int = http.send(
        HttpRequest.newBuilder(URI.create(env.emulator.url("oqtant") + "/users/${OqtantEmulatorState.DEMO_USER_ID}/jobs"))
            .header("Authorization", "Bearer ${OqtantEmulatorState.DEMO_TOKEN}").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(),
    ).statusCode()

    fun refused(json: String): List<String> = shouldThrow<ValidationException> { client.generateOqtantJob(json) }.violations.map { it.field }

    test("the document is accepted as it is") {
        client.generateOqtantJob(document()).name shouldBe "documents"
        post(document()) shouldBe 200
    }

    test("an unknown key in rf_evaporation or a pulse is refused (bert_schemas forbids extra keys there): a misspelt key would leave the default") {
        refused(document(rf = "\"time_ms\":[0],")) shouldBe listOf("inputs[0].values.rf_evaporation.time_ms")
        refused(document(pulse = "\"intensity\":1.0,")) shouldBe listOf("inputs[0].values.lasers[0].pulses[0].intensity")
        post(document(rf = "\"time_ms\":[0],")) shouldBe 422
        post(document(pulse = "\"intensity\":1.0,")) shouldBe 422
        client.generateOqtantJob(document(envelope = "\"unknown\":1,")).name shouldBe "documents" // ignored elsewhere, as by the service
    }

    test("RF times spelt as integral floats (-1600.0) are the integers they stand for, as pydantic reads an int; 0.5 is refused") {
        val floats = document().replace("[-1600,-1200,-800,-400,0]", "[-1600.0,-1200.0,-800.0,-400.0,0.0]")
        client.generateOqtantJob(floats).inputs[0].values.rfEvaporation.timesMs shouldBe listOf(-1600, -1200, -800, -400, 0)
        post(floats) shouldBe 200
        refused(document().replace("-400,0]", "-400,0.5]")) shouldBe listOf("job")
    }

    test("time_start and time_complete must be dates and times, as pydantic's datetime fields require") {
        refused(document(envelope = "\"time_start\":\"yesterday\",")) shouldBe listOf("time_start")
        refused(document(envelope = "\"time_complete\":\"soon\",")) shouldBe listOf("time_complete")
        post(document(envelope = "\"time_start\":\"yesterday\",")) shouldBe 422
        client.generateOqtantJob(document(envelope = "\"time_start\":\"2024-08-07T10:00:00.123456Z\",\"time_complete\":\"2024-08-07T10:00:16\",")).name shouldBe "documents"
    }
})
