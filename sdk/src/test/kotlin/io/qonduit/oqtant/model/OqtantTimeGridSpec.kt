package io.qonduit.oqtant.model

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.errors.ValidationException
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** Times travel as exact one-decimal values: noise is snapped, anything else is refused before sending. */
class OqtantTimeGridSpec : FunSpec({
    val rf = RfEvaporation(listOf(17.0, 8.0, 4.0, 1.2, 0.1), listOf(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR)

    /** Barrier times built the way a loop builds them: 0.0, then `+= 0.1`. */
    val summed = generateSequence(0.0) { it + 0.1 }.take(11).toList()

    fun job(endTimeMs: Double, tof: Double = 8.0, times: List<Double> = summed) = OqtantJob.of("grid", InputValues(
        endTimeMs, ImageType.IN_TRAP, tof, rf,
        opticalBarriers = listOf(Barrier(times, List(times.size) { 0.0 }, List(times.size) { 10.0 }, List(times.size) { 1.0 })),
    ))

    fun values(json: String) = OqtantJson.format.parseToJsonElement(json).jsonObject["inputs"]!!.jsonArray[0].jsonObject["values"]!!.jsonObject

    test("floating-point noise is sent as the exact tenth") {
        summed[3] shouldBe 0.30000000000000004
        val job = job(endTimeMs = 20.000000000000004, tof = 0.1 * 30 + 5)
        job.validate()
        val body = OqtantJson.encodeSubmission(job)
        body shouldNotContain "0000000"
        val v = values(body)
        v["end_time_ms"]!!.jsonPrimitive.content shouldBe "20.0"
        v["time_of_flight_ms"]!!.jsonPrimitive.content shouldBe "8.0"
        v["optical_barriers"]!!.jsonArray[0].jsonObject["times_ms"]!!.jsonArray.map { it.jsonPrimitive.content } shouldBe
            listOf("0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0")
    }

    test("a time near the grid but farther than the noise is refused, naming the field and the grid") {
        val e = shouldThrow<ValidationException> { job(endTimeMs = 199.9999).validate() }
        val v = e.violations.single()
        v.field shouldBe "inputs[0].values.end_time_ms"
        v.limit shouldContain "0.1 ms grid"
        shouldThrow<ValidationException> { job(20.0, times = summed.dropLast(1) + 0.95).validate() }
            .violations.single().field shouldBe "inputs[0].values.optical_barriers[0].times_ms[10]"
    }

    test("times equal once snapped are duplicates") {
        val e = shouldThrow<ValidationException> { job(20.0, times = listOf(0.0, 0.3, 0.1 + 0.2)).validate() }
        e.violations.single().field shouldBe "inputs[0].values.optical_barriers[0].times_ms"
    }

    test("a time read from the service is kept verbatim") {
        val json = OqtantJson.encodeJob(job(20.0)).replace("\"end_time_ms\":20.0", "\"end_time_ms\":19.95")
        OqtantJson.decodeJob(json).inputs[0].values.endTimeMs shouldBe 19.95
    }
})
