package io.qonduit.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.fixtures.ReferenceFixtures
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.Landscape
import io.qonduit.oqtant.model.OpticalLandscape
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** `job_type` follows the inputs (bert_schemas' computed field), never a decoded or stale value. */
class OqtantJobTypeSpec : FunSpec({
    fun python(name: String) = ReferenceFixtures.text("oqtant/python", "$name.oqtant-3.3.4.txt")
    fun jobTypeOf(json: String) = Json.parseToJsonElement(json).jsonObject["job_type"]!!.jsonPrimitive.content

    test("a decoded BEC file given a barrier becomes BARRIER in the job, its file and its submitted body") {
        val bec = OqtantJson.decodeJob(python("template_bec"))
        bec.jobType shouldBe JobType.BEC
        val values = bec.input!!.copy(endTimeMs = 10.0, opticalBarriers = listOf(
            Barrier(listOf(0.0, 10.0), listOf(0.0, 5.0), listOf(0.0, 10.0), listOf(1.0, 1.0)),
        ))
        val edited = bec.copy(name = "edited: a barrier was added", inputs = listOf(bec.inputs[0].copy(values = values)))

        edited.jobType shouldBe JobType.BARRIER
        jobTypeOf(OqtantJobFiles.encode(edited)) shouldBe "BARRIER"
        jobTypeOf(OqtantJson.encodeSubmission(edited)) shouldBe "BARRIER"
        // and the file is what Python writes when it loads the same edit with a stale "job_type": "BEC"
        OqtantJobFiles.encode(edited) shouldBe python("document_stale_job_type")
    }

    test("a stale job_type key in a document is ignored, as the Python model ignores it") {
        val source = ReferenceFixtures.text("oqtant/python", "document_stale_job_type.source.json")
        jobTypeOf(source) shouldBe "BEC"
        OqtantJson.decodeJob(source).jobType shouldBe JobType.BARRIER
    }

    test("each rule of bert_schemas: landscape -> PAINT_1D, barriers or IN_TRAP -> BARRIER, else BEC; an empty barrier list is none") {
        val bec = OqtantJson.decodeJob(python("template_bec"))
        fun typeWith(edit: (io.qonduit.oqtant.model.InputValues) -> io.qonduit.oqtant.model.InputValues) =
            bec.copy(inputs = listOf(bec.inputs[0].copy(values = edit(bec.input!!)))).let { it.jobType to jobTypeOf(OqtantJobFiles.encode(it)) }
        typeWith { it } shouldBe (JobType.BEC to "BEC")
        typeWith { it.copy(imageType = ImageType.IN_TRAP) } shouldBe (JobType.BARRIER to "BARRIER")
        typeWith { it.copy(opticalBarriers = emptyList()) } shouldBe (JobType.BEC to "BEC")
        typeWith { it.copy(opticalLandscape = OpticalLandscape(listOf(Landscape(0.0), Landscape(1.0))), imageType = ImageType.IN_TRAP) } shouldBe
            (JobType.PAINT_1D to "PAINT_1D")
    }
})
