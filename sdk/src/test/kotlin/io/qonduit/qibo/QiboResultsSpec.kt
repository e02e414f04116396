package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long

class QiboResultsSpec : FunSpec({
    fun load(name: String): QiboResult = QiboResults.decode(NpyReader.read(QiboNpyFixtures.bytes(name)).item())

    test("a CircuitResult dumped by qibo: state, probabilities, samples and qibo's frequencies") {
        val want = QiboNpyFixtures.expected("qibo_circuit_result")
        val result = load("qibo_circuit_result")
        result.type shouldBe "CircuitResult"
        result.qiboVersion shouldBe "0.3.6"
        result.nshots shouldBe 20
        result.measuredQubits shouldBe want["measured_qubits"]!!.jsonArray.map { it.jsonPrimitive.int }
        result.frequencies shouldBe want["frequencies"]!!.jsonObject.mapValues { it.value.jsonPrimitive.long }
        result.state!!.zip(want["state"]!!.jsonArray).forEach { (z, w) ->
            z.re shouldBe ((w as JsonArray)[0].jsonPrimitive.double plusOrMinus 1e-15)
            z.im shouldBe (w[1].jsonPrimitive.double plusOrMinus 1e-15)
        }
        result.probabilityValues()!!.toList() shouldBe want["probabilities"]!!.jsonArray.map { it.jsonPrimitive.double }
    }

    test("MeasurementOutcomes has no state; QuantumState has no measurements") {
        val outcomes = load("qibo_measurement_outcomes")
        outcomes.type shouldBe "MeasurementOutcomes"
        outcomes.state shouldBe null
        outcomes.frequencies shouldBe QiboNpyFixtures.expected("qibo_measurement_outcomes")["frequencies"]!!.jsonObject.mapValues { it.value.jsonPrimitive.long }
        val state = load("qibo_quantum_state")
        state.type shouldBe "QuantumState"
        state.measuredQubits shouldBe emptyList()
        state.frequencies shouldBe emptyMap()
        state.state!!.sumOf { it.abs2 } shouldBe (1.0 plusOrMinus 1e-12)
    }

    test("payloads that are not qibo results are refused naming the problem") {
        shouldThrow<NpyFormatException> { QiboResults.decode(listOf(1)) }.problem shouldContain "does not hold a dict"
        shouldThrow<NpyFormatException> { QiboResults.decode(mapOf("state" to 1)) }.problem shouldContain "no 'dtype'"
        shouldThrow<NpyFormatException> { QiboResults.decode(mapOf("dtype" to "Frequencies")) }.problem shouldContain "unknown result class 'Frequencies'"
        shouldThrow<NpyFormatException> { QiboResults.decode(mapOf("dtype" to "QuantumState")) }.problem shouldContain "no 'state'"
        shouldThrow<NpyFormatException> { QiboResults.decode(mapOf("dtype" to "MeasurementOutcomes", "measurements" to listOf(3))) }.problem shouldContain "JSON string"
        shouldThrow<NpyFormatException> { NpyReader.read(QiboNpyFixtures.bytes("float64_2d_c")).let { QiboResults.decode(it) } }
    }
})
