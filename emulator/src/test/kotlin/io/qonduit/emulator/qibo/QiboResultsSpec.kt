package io.qonduit.emulator.qibo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.qonduit.emulator.TestHttp
import io.qonduit.fixtures.ReferenceFixtures
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import kotlin.math.sqrt

class QiboResultsSpec : FunSpec({
    val emulator = qiboEmulator()
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    /** Runs [circuit] to the end; the final job object and its downloaded archive. */
    fun run(circuit: JsonObject, nshots: Int? = 100): Pair<io.qonduit.emulator.TestResponse, ByteArray> {
        val pid = http.postJob(jobBody(circuit, nshots))
        val job = http.awaitJob(pid).second
        val reply = download(emulator.baseUrl, pid)
        reply.statusCode() shouldBe 200
        return job to reply.body()
    }

    test("a GHZ job's results.npy holds a CircuitResult whose samples give only 000 and 111, nshots in all, as the job's frequencies") {
        val (job, archive) = run(qiboCircuit("ghz3"), nshots = 500)
        job.str("status") shouldBe "success"
        val result = resultDict(archive)
        result.keys shouldBe setOf("measurements", "probabilities", "samples", "nshots", "nqubits", "dtype", "qibo", "state")
        result["dtype"] shouldBe "CircuitResult"
        result["nshots"] shouldBe 500
        result["nqubits"] shouldBe 3
        result["qibo"] shouldBe "0.3.2"
        result["probabilities"] shouldBe null // samples only: qibo's loader rebuilds exactly these shots
        val samples = result["samples"] as DecodedArray
        samples.descr shouldBe "i8"
        samples.shape shouldContainExactly listOf(500, 3)
        val counts = frequencies(samples)
        counts.keys.toSet().subtract(setOf("000", "111")) shouldBe emptySet()
        counts.values.sum() shouldBe 500
        (counts.getValue("000") in 200..300) shouldBe true
        job.obj.getValue("frequencies").jsonObject.mapValues { it.value.jsonPrimitive.int } shouldBe counts
        val state = (result["state"] as DecodedArray).doubles()
        state[0] shouldBe (1 / sqrt(2.0) plusOrMinus 1e-12)
        state[14] shouldBe (1 / sqrt(2.0) plusOrMinus 1e-12)
    }

    test("the archive is a gzip'd tar of regular top-level files: results.npy, stdout.log, stderr.log") {
        val (job, archive) = run(qiboCircuit("ghz3"))
        (archive[0].toInt() and 0xFF) shouldBe 0x1f
        (archive[1].toInt() and 0xFF) shouldBe 0x8b
        val entries = untar(archive)
        entries.keys.toList() shouldContainExactly listOf("results.npy", "stdout.log", "stderr.log")
        entries.values.forEach { (entry, bytes) ->
            entry.isFile shouldBe true
            entry.mode shouldBe "644".toInt(8)
            entry.size shouldBe bytes.size.toLong()
        }
        String(entries.getValue("stdout.log").second) shouldBe job.str("stdout")
        job.str("stdout") shouldContain "100 shots"
        entries.getValue("stderr.log").second.size shouldBe 0
    }

    test("results.npy is .npy 1.0 with NumPy's object header padded to 64 bytes and a protocol-3 pickle of a 0-d object array") {
        val npy = untar(run(qiboCircuit("ghz3")).second).getValue("results.npy").second
        val parts = npyParts(npy)
        (parts.major to parts.minor) shouldBe (1 to 0)
        parts.header.trimEnd() shouldBe "{'descr': '|O', 'fortran_order': False, 'shape': (), }"
        parts.header.last() shouldBe '\n'
        parts.dataOffset % 64 shouldBe 0
        val pickle = parts.data
        (pickle[0].toInt() and 0xFF) shouldBe 0x80 // PROTO
        pickle[1].toInt() shouldBe 3
        pickle.last() shouldBe '.'.code.toByte() // STOP
        String(pickle, 2, 37, Charsets.US_ASCII) shouldBe "cnumpy._core.multiarray\n_reconstruct\n" // GLOBAL
        // The dict's keys in to_dict()'s order (the test's unpickler builds an unordered map, so read the bytes).
        val text = String(pickle, Charsets.ISO_8859_1)
        val keys = listOf("measurements", "probabilities", "samples", "nshots", "nqubits", "dtype", "qibo", "state")
        keys.map { text.indexOf("X" + String(byteArrayOf(it.length.toByte(), 0, 0, 0), Charsets.ISO_8859_1) + it) }.zipWithNext()
            .forEach { (a, b) -> (a in 0 until b) shouldBe true }
        val outer = unpickleNumpy(pickle)
        outer.descr shouldBe "O8"
        outer.shape shouldBe emptyList()
        (outer.item() as Map<*, *>)["dtype"] shouldBe "CircuitResult"
    }

    test("without measurements the result is a QuantumState equal to qibo's own state for 36 gates, phases included") {
        val (job, archive) = run(qiboCircuit("all-gates"), nshots = null)
        job.str("status") shouldBe "success"
        job.obj["frequencies"] shouldBe kotlinx.serialization.json.JsonNull
        val result = resultDict(archive)
        result.keys shouldBe setOf("state", "dtype", "qibo")
        result["dtype"] shouldBe "QuantumState"
        val state = result["state"] as DecodedArray
        state.descr shouldBe "c16"
        state.shape shouldContainExactly listOf(8)
        val expected = Json.parseToJsonElement(ReferenceFixtures.text("qibo", "circuit.all-gates.state.generated.json"))
            .jsonObject.getValue("state").jsonArray.flatMap { pair -> pair.jsonArray.map { it.jsonPrimitive.content.toDouble() } }
        val actual = state.doubles()
        actual.size shouldBe expected.size
        actual.indices.forEach { actual[it] shouldBe (expected[it] plusOrMinus 1e-12) }
    }

    test("a density_matrix circuit gives the 2-D density matrix |psi><psi| of the Bell state") {
        val circuit = JsonObject(qiboCircuit("bell-state") + ("density_matrix" to JsonPrimitive(true)))
        val state = resultDict(run(circuit, nshots = null).second)["state"] as DecodedArray
        state.shape shouldContainExactly listOf(4, 4)
        val rho = state.doubles()
        for ((row, column) in listOf(0 to 0, 0 to 3, 3 to 0, 3 to 3)) rho[2 * (row * 4 + column)] shouldBe (0.5 plusOrMinus 1e-12)
        rho.sumOf { it * it } shouldBe (1.0 plusOrMinus 1e-12)
    }

    test("a density_matrix circuit wider than the emulator's limit ends in error naming the limit") {
        val wide = JsonObject(qiboCircuit("bell-state") + ("density_matrix" to JsonPrimitive(true)) +
            ("nqubits" to JsonPrimitive(QiboExecutor.MAX_DENSITY_MATRIX_QUBITS + 1)))
        val (job, _) = run(wide, nshots = null)
        job.str("status") shouldBe "error"
        job.str("stderr") shouldContain "ValueError: density_matrix circuits of 11 qubits exceed the emulator's limit of 10"
    }

    test("a circuit without measurements on the hardware partition ends in error: hardware only measures") {
        emulator.qibo.setPartitionAvailable(QiboEmulatorState.HARDWARE, true)
        try {
            val pid = http.postJob(jobBody(qiboCircuit("bell-state"), nshots = null, device = QiboEmulatorState.HARDWARE))
            val job = http.awaitJob(pid).second
            job.str("status") shouldBe "error"
            job.str("stderr") shouldContain "RuntimeError: a circuit without measurements cannot run on hardware"
        } finally {
            emulator.qibo.setPartitionAvailable(QiboEmulatorState.HARDWARE, false)
        }
    }

    test("count keys follow measurement order: X(2), M(2), M(0) always reads 10; measurements are M.to_json() of the posted gates") {
        val circuit = qiboCircuit("measure-order")
        val (job, archive) = run(circuit, nshots = 40)
        job.obj.getValue("frequencies") shouldBe buildJsonObject { put("10", 40) }
        val result = resultDict(archive)
        frequencies(result["samples"] as DecodedArray) shouldBe mapOf("10" to 40)
        @Suppress("UNCHECKED_CAST") val measurements = result["measurements"] as List<String>
        val posted = circuit.getValue("queue").jsonArray.drop(1)
        measurements.map { Json.parseToJsonElement(it) } shouldBe posted
        measurements[0] shouldStartWith """{"name": "measure", "init_args": [2], "init_kwargs": {"register_name": null, "collapse": false"""
    }

    test("measurements with registers and without nshots: qibo's default of 1000 shots, the Bell pairs only") {
        val (job, archive) = run(qiboCircuit("bell-registers"), nshots = null)
        job.str("status") shouldBe "success"
        val result = resultDict(archive)
        result["nshots"] shouldBe 1000
        frequencies(result["samples"] as DecodedArray).keys shouldBe setOf("00", "11")
    }

    test("a circuit that cannot run ends in error with the reason on stderr, and its archive holds only the logs") {
        fun gate(className: String, targets: List<Int>) = buildJsonObject {
            put("name", className.lowercase()); put("init_args", JsonArray(targets.map(::JsonPrimitive))); put("init_kwargs", buildJsonObject { })
            put("_target_qubits", JsonArray(targets.map(::JsonPrimitive))); put("_control_qubits", JsonArray(emptyList())); put("_class", className)
        }
        fun circuit(vararg gates: JsonObject) = JsonObject(qiboCircuit("bell-state") + ("queue" to JsonArray(gates.toList())))
        val cases = mapOf(
            circuit(gate("FOO", listOf(0))) to "ValueError: Unknown gate FOO",
            circuit(gate("H", listOf(5))) to "ValueError: Attempting to add gate with target qubits (5,) on a circuit of 2 qubits.",
            circuit(JsonObject(gate("X", listOf(0)) + ("_control_qubits" to JsonArray(listOf(JsonPrimitive(3)))))) to
                "ValueError: Attempting to add gate with control qubits (3,) on a circuit of 2 qubits.",
            circuit(gate("GPI2", listOf(0))) to "NotImplementedError: gate GPI2 (queue[0]) is not simulated by the emulator",
            circuit(gate("RX", listOf(0))) to "ValueError: gate RX (queue[0]) needs a numeric init_kwargs.theta",
            circuit(JsonObject(gate("RX", listOf(0)) + ("init_kwargs" to buildJsonObject { put("theta", "0.3") }))) to
                "ValueError: gate RX (queue[0]) needs a numeric init_kwargs.theta",
            circuit(gate("CNOT", listOf(1))) to "ValueError: gate CNOT (queue[0]) needs 1 control qubit(s) in _control_qubits, got 0",
            circuit(JsonObject(gate("H", listOf(0, 1)))) to "ValueError: gate H (queue[0]) acts on 2 qubits, expected 1",
            JsonObject(circuit(gate("RY", listOf(0)).let { JsonObject(it + ("_control_qubits" to JsonArray(listOf(JsonPrimitive(1), JsonPrimitive(2))))) }) +
                ("nqubits" to JsonPrimitive(3))) to
                "NotImplementedError: RY controlled by 2 qubits (queue[0]) is not simulated by the emulator",
            circuit(gate("M", listOf(0)), gate("M", listOf(0))) to "KeyError: qubit 0 is measured twice (queue[1])",
        )
        for ((body, reason) in cases) {
            val (job, archive) = run(body)
            job.str("status") shouldBe "error"
            job.str("stderr") shouldContain reason
            job.obj["frequencies"] shouldBe kotlinx.serialization.json.JsonNull
            val entries = untar(archive)
            entries.keys.toList() shouldContainExactly listOf("stdout.log", "stderr.log")
            String(entries.getValue("stderr.log").second) shouldBe job.str("stderr")
        }
    }

    test("the download of a job that has not ended is 404 naming its status") {
        val pid = http.postJob(jobBody(qiboCircuit("ghz3"), device = QiboEmulatorState.HARDWARE))
        val reply = http.get("/qibo/api/jobs/$pid/download/", QIBO_DEMO)
        reply.status shouldBe 404
        reply.str("detail") shouldStartWith "Job $pid has no results yet: its status is "
        http.delete("/qibo/api/jobs/$pid/", QIBO_DEMO).status shouldBe 200
    }
})
