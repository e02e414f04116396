package io.qonduit.oqtopus

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.errors.ValidationException
import io.qonduit.fixtures.ReferenceFixtures
import io.qonduit.transport.HttpTransport
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.int

/** The wire models decoded from the reference fixtures (test-fixtures, `fixtures/oqtopus/`). */
class OqtopusWireSpec : FunSpec({
    fun text(name: String) = ReferenceFixtures.text("oqtopus", name)
    fun obj(name: String) = HttpTransport.json.parseToJsonElement(text(name)) as JsonObject

    test("devices: device_info is JSON in a string, kept raw and parsed") {
        val devices = HttpTransport.json.decodeFromString(ListSerializer(OqtopusDevice.serializer()), text("GET_devices.response.spec-example.json"))
        val sim = devices.first()
        sim.deviceId shouldBe "SVSim"
        sim.deviceType shouldBe "simulator"
        sim.nQubits shouldBe 39
        sim.basisGates.contains("cx") shouldBe true
        sim.deviceInfo!!["n_nodes"]!!.jsonPrimitive.int shouldBe 512
        sim.deviceInfoStr!! shouldContain "calibration_data"
    }

    test("job records: the spec example, a registered job and the status") {
        val job = HttpTransport.json.decodeFromString(OqtopusJob.serializer(), text("GET_jobs_id.response.spec-example.json"))
        job.jobId shouldBe "7af020f6-2e38-4d70-8cf0-4349650ea08c"
        job.jobType shouldBe "estimation"
        job.downloadUrl("input")!! shouldContain "input.zip"
        job.inlineJobInfo shouldBe false
        job.transpilerInfo!!["seed_transpilation"]!!.jsonPrimitive.int shouldBe 873
        job.toString() shouldNotContain "Signature"
        val registered = HttpTransport.json.decodeFromString(OqtopusJob.serializer(), text("GET_jobs_id.response.registered.shape.json"))
        registered.status shouldBe "registered"
        OqtopusTarget.stateOf(registered.status!!) shouldBe io.qonduit.job.JobState.CREATED
        HttpTransport.json.decodeFromString(OqtopusJobStatus.serializer(), text("GET_jobs_id_status.response.json")).status shouldBe "running"
        val reg = HttpTransport.json.decodeFromString(OqtopusRegisteredJob.serializer(), text("POST_jobs.register.response.spec-derived.json"))
        reg.presignedUrl.fields["key"] shouldBe "7af020f6-2e38-4d70-8cf0-4349650ea08c/input.zip"
        reg.toString() shouldNotContain "signature"
    }

    test("results: counts, divided counts with integer keys, estimation") {
        val s = OqtopusResult.decode(obj("result.json.sampling.spec-example.json"))
        s.counts shouldBe mapOf("10" to 454L, "11" to 387L, "00" to 84L, "01" to 75L)
        s.countsWithIntegerKeys() shouldBe mapOf(2L to 454L, 3L to 387L, 0L to 84L, 1L to 75L)
        s.dividedCounts!!.keys shouldBe setOf(0, 1)
        s.dividedCountsWithIntegerKeys()[1]!![2L] shouldBe 454L
        val e = OqtopusResult.decode(obj("result.json.estimation.shape.json"))
        e.expValue shouldBe 1.5
        e.stds shouldBe 0.01
        OqtopusResult.decode(HttpTransport.json.parseToJsonElement("""{"sampling":{"counts":{"0b01":3,"01":2}}}""").jsonObject).counts shouldBe mapOf("01" to 5L)
        shouldThrow<io.qonduit.errors.QonduitException> { OqtopusResult.decode(HttpTransport.json.parseToJsonElement("""{"sampling":{"counts":{"0x3":1}}}""").jsonObject) }
    }

    test("transpile results with string-encoded and object-encoded stats and mapping") {
        val fromText = OqtopusTranspileResult.decode(obj("transpile_result.json.quri-parts-test.json"))
        fromText.virtualPhysicalMapping shouldBe mapOf(0 to 0, 1 to 1)
        fromText.stats!!["after"]!!.jsonObject["n_qubits"]!!.jsonPrimitive.int shouldBe 6
        fromText.transpiledProgram!! shouldContain "OPENQASM 3"
        val fromObjects = OqtopusTranspileResult.decode(
            HttpTransport.json.parseToJsonElement("""{"transpiled_program":null,"stats":{"before":{"depth":2}},"virtual_physical_mapping":{"0":3,"1":5}}""").jsonObject,
        )
        fromObjects.virtualPhysicalMapping shouldBe mapOf(0 to 3, 1 to 5)
        fromObjects.stats!!["before"]!!.jsonObject["depth"]!!.jsonPrimitive.int shouldBe 2
        fromObjects.transpiledProgram shouldBe null
        val split = OqtopusTranspileResult.decode(
            HttpTransport.json.parseToJsonElement("""{"transpiled_program":"x","stats":"{}","virtual_physical_mapping":{"qubit_mapping":{"0":12,"1":16},"bit_mapping":{"0":0,"1":1}}}""").jsonObject,
        )
        split.virtualPhysicalMapping shouldBe mapOf(0 to 12, 1 to 16)
        split.bitMapping shouldBe mapOf(0 to 0, 1 to 1)
        split.virtualPhysicalMappingJson!! shouldContain "qubit_mapping"
    }

    test("input.json as the test-suite writes it") {
        val est = OqtopusJobSpec.estimation("SVSim", "OPENQASM 3;", listOf(OqtopusOperator("X 0 X 1", 1.5), OqtopusOperator("Y 0 Z 1", 1.2)))
        val mine = HttpTransport.json.encodeToJsonElement(InputJson.serializer(), est.inputJson()).jsonObject
        val theirs = obj("testsuite-input.estimation.json")
        mine["operator"] shouldBe theirs["operator"]
        val mp = HttpTransport.json.decodeFromString(InputJson.serializer(), text("testsuite-input.mp.json"))
        mp.program!! shouldHaveSize 2
        HttpTransport.json.decodeFromString(InputJson.serializer(), text("testsuite-input.sse.json")).sseProgram!! shouldContain "quri_parts"
        val submit = HttpTransport.json.encodeToJsonElement(SubmitRequest.serializer(), OqtopusJobSpec.sampling("Kawasaki", "OPENQASM 3;").submitRequest(false)).jsonObject
        submit.keys shouldBe setOf("device_id", "job_type", "shots")
        submit["job_type"]!!.jsonPrimitive.content shouldBe "sampling"
    }

    test("error bodies: message, else error, else the text (oqtopus-client's fallbacks)") {
        OqtopusApiException.messageOf(text("error.response.spec-example.json")) shouldBe "job not found"
        OqtopusApiException.messageOf("""{"error":"bad thing"}""") shouldBe "bad thing"
        OqtopusApiException.messageOf("""{"error":{"message":"nested"}}""") shouldBe "nested"
        OqtopusApiException.messageOf("plain failure\n") shouldBe "plain failure"
        OqtopusApiException.messageOf("""{"other":1}""") shouldBe null
        OqtopusApiException.messageOf("") shouldBe null
    }

    test("specs refuse bad input with the field and the limit") {
        shouldThrow<ValidationException> { OqtopusJobSpec.sampling("SVSim", "OPENQASM 3;", shots = 0) }.violations.single().field shouldBe "shots"
        shouldThrow<ValidationException> { OqtopusJobSpec.estimation("SVSim", "OPENQASM 3;", listOf(OqtopusOperator("Q 0"))) }
            .violations.single().field shouldBe "operators[0].pauli"
        shouldThrow<ValidationException> { OqtopusJobSpec.multiManual("SVSim", emptyList()) }.violations.single().field shouldBe "programs"
        shouldThrow<ValidationException> { OqtopusJobQuery(size = 70_000) }.violations.single().limit shouldBe "must be in 1..65535"
        shouldThrow<ValidationException> { OqtopusPolling(backoff = 0.5) }.violations.single().field shouldBe "backoff"
    }

    test("SSE files: .py, UTF-8, smaller than the limit") {
        val dir = java.nio.file.Files.createTempDirectory("sse")
        val script = java.nio.file.Files.writeString(dir.resolve("job.py"), "print('hi')\n")
        OqtopusJobSpec.sseFile("SVSim", script).sseProgram shouldBe "print('hi')\n"
        val big = shouldThrow<ValidationException> { OqtopusJobSpec.sseFile("SVSim", script, maxFileBytes = 5) }.violations.single()
        big.field shouldBe "file"
        big.limit shouldBe "must be smaller than 5 bytes"
        val txt = java.nio.file.Files.writeString(dir.resolve("job.txt"), "x")
        shouldThrow<ValidationException> { OqtopusJobSpec.sseFile("SVSim", txt) }.violations.single().limit shouldContain ".py"
        val latin = java.nio.file.Files.write(dir.resolve("latin.py"), byteArrayOf(0xE9.toByte()))
        shouldThrow<ValidationException> { OqtopusJobSpec.sseFile("SVSim", latin) }.violations.single().limit shouldBe "must be UTF-8 text"
    }

    test("polling knobs become a cadence: geometric, capped, last repeating") {
        val p = OqtopusPolling(java.time.Duration.ofMillis(100), 2.0, java.time.Duration.ofMillis(500))
        p.cadence().delays().map { it.inWholeMilliseconds } shouldBe listOf(100L, 200L, 400L, 500L)
        OqtopusPolling().cadence().delays().map { it.inWholeMilliseconds } shouldBe listOf(1000L)
    }
})
