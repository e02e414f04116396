package io.qonduit.qpi

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.job.JobInput
import io.qonduit.program.OpenQasmProgram
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject

/** The two record shapes DecoderFuzzSpec's qpi-job-record target found untyped failures in. */
class QpiRecordDecodingSpec : FunSpec({
    test("a payload whose circuits are not circuits is refused naming the job and payload.circuits") {
        for (circuits in listOf("""[{"circ": "x"}]""", """[{"circuit": "x", "parameter_values": [["a"]]}]""", "7")) {
            val e = shouldThrow<ResponseDecodeException> {
                QpiJobs.fromPayload(Json.parseToJsonElement("""{"circuits": $circuits}""").jsonObject, "mock", "job-1")
            }
            e.jobId shouldBe "job-1"
            e.field shouldBe "payload.circuits"
        }
    }

    test("IQ memory without counts for a program that cannot be read decodes to no counts, not a crash") {
        val input = JobInput(OpenQasmProgram("OPENQASM 2.0;\nqreg q[1]]\n"), "mock")
        val results = Json.parseToJsonElement("""{"shots": 2, "memory": [[[0.1, -0.2]], [[0.3, 0.4]]]}""")
        val item = QpiResults.decode(results, input, "job-2").single()
        item.counts shouldBe emptyMap()
        item.memory.shouldBeNull()
        (item.extras as QpiExtras).rawMemoryJson shouldBe "[[[0.1,-0.2]],[[0.3,0.4]]]"
    }
})
