package io.qonduit.emulator.oqc

import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException
import io.qonduit.simulator.StateVectorSimulator
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.put

/**
 * What the emulator reads from a task's compiler-config **string**: shots (`$data.repeats`), whether
 * results are binary counts (`ResultsFormatting.BinaryCount` in `results_format.transforms`) and the
 * requested metrics flags. Parsed from the JSON directly: the emulator does not depend on the SDK.
 */
internal class OqcRunSettings(val shots: Int, val binaryCount: Boolean, val metrics: Int) {
    companion object {
        private const val BINARY_COUNT_BIT = 1

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
            val transforms = flagValue(((data["results_format"] as? JsonObject)?.get("\$data") as? JsonObject)?.get("transforms"))
            val metrics = flagValue(data["metrics"])
            return OqcRunSettings(shots, transforms and BINARY_COUNT_BIT != 0, metrics)
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
        val results = buildJsonObject {
            for ((creg, counts) in run.counts) {
                if (settings.binaryCount) {
                    put(creg, buildJsonObject { counts.toSortedMap().forEach { (bits, n) -> put(bits, n) } })
                } else {
                    // Without BinaryCount OQC returns one entry per shot.
                    put(creg, JsonArray(counts.toSortedMap().flatMap { (bits, n) -> List(n) { JsonPrimitive(bits) } }))
                }
            }
        }
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
    }
}
