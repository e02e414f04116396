package io.qonduit.emulator.qpi

import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException
import io.qonduit.simulator.StateVectorSimulator
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * Runs a job's circuits on the state-vector simulator and builds the QPI driver's result payload
 * (`build_qiskit_result`, qpi.md §5). Any problem yields `{"error": "..."}`, which marks the job failed.
 */
internal class QpiJobExecutor(seed: Long?) {
    private val simulator = StateVectorSimulator(seed)

    fun execute(payload: JobPayload, backend: String, qpuQubits: Int): JsonObject {
        if (payload.measLevel != CLASSIFIED_MEAS_LEVEL) {
            return error("meas_level ${payload.measLevel} is not supported by the emulator; only 2 (classified counts).")
        }
        val circuitResults = ArrayList<JsonObject>()
        for ((index, circuit) in payload.circuits.withIndex()) {
            try {
                runCircuit(index, circuit, payload.shots, backend, qpuQubits, circuitResults)
            } catch (e: QasmException) {
                // The simulator's message already names the line and column.
                return error("Circuit $index: ${e.message}")
            } catch (e: JobError) {
                return error(e.message ?: "Job failed.")
            } catch (e: IllegalArgumentException) {
                return error("Circuit $index: ${e.message}")
            } catch (e: IllegalStateException) {
                return error("Circuit $index: ${e.message}")
            }
        }
        return buildJsonObject {
            put("shots", payload.shots)
            put("backend", backend)
            put("success", true)
            put("circuit_results", JsonArray(circuitResults))
            put("counts", circuitResults.first()["counts"]!!)
        }
    }

    private fun runCircuit(
        index: Int,
        payload: CircuitPayload,
        defaultShots: Int,
        backend: String,
        qpuQubits: Int,
        out: MutableList<JsonObject>,
    ) {
        // QPI's driver binds parameter_values with Qiskit's assign_parameters: in the circuit's
        // parameter order, which Qiskit sorts by name (qpi.md §9).
        val circuit = OpenQasm.parse(payload.circuit)
        val names = circuit.parameterNames.sorted()
        val bindings = payload.parameterValues?.takeIf { it.isNotEmpty() } ?: listOf(emptyList())
        val shots = payload.shots ?: defaultShots
        for ((bindingIndex, values) in bindings.withIndex()) {
            if (values.size != names.size) {
                throw JobError(
                    "Circuit $index, parameter_values[$bindingIndex]: got ${values.size} value(s) but the circuit " +
                        "declares ${names.size} parameter(s) ${names}.",
                )
            }
            if (circuit.numQubits > qpuQubits) {
                throw JobError("Circuit $index uses ${circuit.numQubits} qubits but QPU '$backend' has $qpuQubits.")
            }
            val result = simulator.run(circuit, shots, names.zip(values).toMap())
            out += buildJsonObject {
                put("counts", driverCounts(result.clbitCounts))
                put("shots", shots)
            }
        }
    }

    private fun error(message: String): JsonObject = buildJsonObject { put("error", message) }

    private class JobError(message: String) : RuntimeException(message)

    companion object {
        private const val CLASSIFIED_MEAS_LEVEL = 2

        /**
         * The simulator writes clbit 0 leftmost; the QPI driver writes `c[0]` rightmost
         * (little-endian, CHANGELOG 0.0.42), so each key is reversed. Keys are sorted for stable output.
         */
        fun driverCounts(clbitCounts: Map<String, Int>): JsonObject = buildJsonObject {
            clbitCounts.entries
                .map { (key, count) -> key.reversed() to count }
                .sortedBy { it.first }
                .forEach { (key, count) -> put(key, count) }
        }
    }
}
