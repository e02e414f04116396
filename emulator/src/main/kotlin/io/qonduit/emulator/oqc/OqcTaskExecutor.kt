package io.qonduit.emulator.oqc

import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException
import io.qonduit.simulator.StateVectorSimulator
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.put
import java.util.SplittableRandom

/**
 * What the emulator reads from a task's compiler-config **string**: shots (`$data.repeats`), the
 * results format (`results_format.format` and `.transforms` flags) and the requested metrics flags.
 * Parsed from the JSON directly: the emulator does not depend on the SDK.
 */
internal class OqcRunSettings(val shots: Int, val resultsFormat: OqcResultsFormat, val metrics: Int) {
    companion object {
        /** Reads [config], or throws 400 naming the offending field. */
        fun read(config: String): OqcRunSettings {
            val root = try {
                oqcJson.parseToJsonElement(config) as? JsonObject
            } catch (e: SerializationException) {
                null
            } ?: throw OqcHttpException.badRequest("config must be a serialised CompilerConfig JSON object.")
            val data = root["\$data"] as? JsonObject ?: throw OqcHttpException.badRequest("config.\$data is missing.")
            val repeats = data["repeats"]
            val shots = when {
                repeats == null || repeats == JsonNull -> OqcEmulatorState.DEFAULT_REPEATS
                else -> (repeats as? JsonPrimitive)?.takeIf { !it.isString }?.intOrNull
                    ?: throw OqcHttpException.badRequest("config.\$data.repeats must be an integer or null.")
            }
            if (shots < 1) throw OqcHttpException.badRequest("config.\$data.repeats must be at least 1, was $shots.")
            val resultsFormat = (data["results_format"] as? JsonObject)?.get("\$data") as? JsonObject
            val format = OqcResultsFormat(flagValue(resultsFormat?.get("format")), flagValue(resultsFormat?.get("transforms")))
            return OqcRunSettings(shots, format, flagValue(data["metrics"]))
        }

        private fun flagValue(element: kotlinx.serialization.json.JsonElement?): Int =
            ((element as? JsonObject)?.get("\$value") as? JsonPrimitive)?.intOrNull ?: 0
    }
}

/** The outcome of running one task: results and metrics, or an error code and message. */
internal class OqcRunOutcome(
    val results: JsonObject?,
    val errorCode: Int?,
    val errorMessage: String?,
    val executionMetadata: JsonObject,
)

/** Runs a task's program on the state-vector simulator and shapes the reply as OQC does (oqc.md §6). */
internal class OqcTaskExecutor(seed: Long?) {
    private val simulator = StateVectorSimulator(seed)
    // Its own stream, so that laying out the shots does not replay the sampling's random numbers.
    private val shotOrder = if (seed == null) SplittableRandom() else SplittableRandom(seed xor SHOT_ORDER_SALT)

    fun execute(program: String, config: String, qpu: OqcQpuRecord): OqcRunOutcome {
        val settings = try {
            OqcRunSettings.read(config)
        } catch (e: OqcHttpException) {
            return failure(COMPILE_ERROR, e.message ?: "invalid config")
        }
        qpu.maxShots?.let { max ->
            if (settings.shots > max) return failure(COMPILE_ERROR, "repeats ${settings.shots} exceeds Maximum Shots $max of ${qpu.id}.")
        }
        val circuit = try {
            OpenQasm.parse(program)
        } catch (e: QasmException) {
            return failure(COMPILE_ERROR, "Program could not be compiled: ${e.message}")
        }
        if (circuit.numQubits > qpu.qubits) {
            return failure(COMPILE_ERROR, "Program uses ${circuit.numQubits} qubits but ${qpu.id} has ${qpu.qubits}.")
        }
        val run = try {
            simulator.run(circuit, settings.shots)
        } catch (e: IllegalArgumentException) {
            return failure(EXECUTION_ERROR, "Execution failed: ${e.message}")
        }
        val results = settings.resultsFormat.results(run.counts, shotOrder)
        val metrics = buildJsonObject {
            if (settings.metrics and OPTIMIZED_CIRCUIT != 0) put("optimized_circuit", program)
            if (settings.metrics and OPTIMIZED_INSTRUCTION_COUNT != 0) put("optimized_instruction_count", run.operationCount)
        }
        return OqcRunOutcome(results, null, null, metrics)
    }

    private fun failure(code: Int, message: String) = OqcRunOutcome(null, code, message, JsonObject(emptyMap()))

    private companion object {
        const val COMPILE_ERROR = 400
        const val EXECUTION_ERROR = 500
        const val OPTIMIZED_CIRCUIT = 2
        const val OPTIMIZED_INSTRUCTION_COUNT = 4
        const val SHOT_ORDER_SALT = 0x5EED_0F_5E7L
    }
}
