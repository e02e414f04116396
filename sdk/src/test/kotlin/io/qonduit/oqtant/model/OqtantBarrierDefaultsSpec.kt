package io.qonduit.oqtant.model

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

/** Defaults bert_schemas fills into a barrier read from JSON. */
class OqtantBarrierDefaultsSpec : FunSpec({
    fun barrier(json: String) = OqtantJson.format.decodeFromString(Barrier.serializer(), json)

    test("a NATIVE barrier without widths_um gets 0.5 µm per height, and is valid") {
        val b = barrier("""{"times_ms":[0.0,1.0,2.0],"positions_um":[0.0,1.0,2.0],"heights_khz":[10.0,20.0,30.0],"shape":"NATIVE"}""")
        b.widthsUm shouldBe listOf(0.5, 0.5, 0.5)
        val values = InputValues(10.0, ImageType.IN_TRAP, 8.0,
            RfEvaporation(listOf(17.0, 8.0, 4.0, 1.2, 0.1), listOf(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR),
            opticalBarriers = listOf(b))
        OqtantValidation.violations(OqtantJob.of("native", values)).shouldBeEmpty()
    }

    test("inside a job document too; other shapes keep the service default of 1.0 µm × 11") {
        val native = """{"times_ms":[0.0,1.0],"positions_um":[0.0,1.0],"heights_khz":[10.0,20.0],"shape":"NATIVE"}"""
        val json = OqtantJson.encodeJob(OqtantJob.of("doc", InputValues(10.0, ImageType.IN_TRAP, 8.0,
            RfEvaporation(listOf(17.0, 8.0, 4.0, 1.2, 0.1), listOf(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR),
            opticalBarriers = listOf(Barrier()))))
        val edited = json.replace(Regex("\"optical_barriers\":\\[\\{[^]]*][^}]*}]"), "\"optical_barriers\":[$native]")
        OqtantJson.decodeJob(edited).inputs[0].values.opticalBarriers!![0].widthsUm shouldBe listOf(0.5, 0.5)
        barrier("""{"heights_khz":[10.0,20.0],"shape":"GAUSSIAN"}""").widthsUm shouldBe List(11) { 1.0 }
        barrier("""{"shape":"NATIVE"}""").widthsUm shouldBe List(11) { 0.5 }
    }
})
