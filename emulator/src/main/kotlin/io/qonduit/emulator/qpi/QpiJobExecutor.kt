package io.qonduit.emulator.qpi

import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException
import io.qonduit.simulator.StateVectorSimulator
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * Runs a job's circuits on the state-vector simulator and builds the QPI driver's result payload
 * (`build_qiskit_result`, qpi.md §5). Any problem yields `{"error": "..."}`, which marks the job failed.
 */
internal class QpiJobExecutor(seed: Long?) {
    private val simulator = StateVectorSimulator(seed)
    private val noise = if (seed == null) java.util.Random() else java.util.Random(seed)

    fun execute(payload: JobPayload, backend: String, qpuQubits: Int): JsonObject {
        if (payload.measLevel != CLASSIFIED_MEAS_LEVEL && payload.measLevel != KERNELED_MEAS_LEVEL) {
            return error("meas_level ${payload.measLevel} is not supported by the emulator; only 1 (IQ memory) and 2 (classified counts).")
        }
        val circuitResults = ArrayList<JsonObject>()
        for ((index, circuit) in payload.circuits.withIndex()) {
            try {
                runCircuit(index, circuit, payload, backend, qpuQubits, circuitResults)
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
            // The top level repeats the first circuit's counts or memory (build_qiskit_result).
            circuitResults.first()["counts"]?.let { put("counts", it) }
            circuitResults.first()["memory"]?.let { put("memory", it) }
        }
    }

    private fun runCircuit(
        index: Int,
        payload: CircuitPayload,
        job: JobPayload,
        backend: String,
        qpuQubits: Int,
        out: MutableList<JsonObject>,
    ) {
        // QPI's driver binds parameter_values with Qiskit's assign_parameters: in the circuit's
        // parameter order, which Qiskit sorts by name (qpi.md §9).
        val circuit = OpenQasm.parse(payload.circuit)
        val names = circuit.parameterNames.sorted()
        val bindings = payload.parameterValues?.takeIf { it.isNotEmpty() } ?: listOf(emptyList())
        val shots = payload.shots ?: job.shots
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
                if (job.measLevel == KERNELED_MEAS_LEVEL) {
                    put("memory", iqMemory(result.clbitCounts, job.measReturn == "avg"))
                } else {
                    put("counts", driverCounts(result.clbitCounts))
                }
                put("shots", shots)
            }
        }
    }

    /**
     * Kerneled (`meas_level` 1) memory synthesised from the simulated outcomes: each measured bit
     * becomes one IQ point `[I, Q]`, near (-1, 0) for 0 and (1, 0) for 1 with Gaussian noise of
     * standard deviation [IQ_NOISE], as Qiskit lays out level-1 data: `single` gives one list of
     * points (one per clbit, `c[0]` first) per shot; `avg` gives the per-clbit mean over the shots.
     * The shots come out in a seeded random order (a histogram keeps no order).
     */
    private fun iqMemory(clbitCounts: Map<String, Int>, average: Boolean): JsonArray {
        val outcomes = clbitCounts.flatMap { (bits, count) -> List(count) { bits } }.shuffled(noise)
        val shots = outcomes.map { bits ->
            bits.map { bit -> doubleArrayOf((if (bit == '1') 1.0 else -1.0) + IQ_NOISE * noise.nextGaussian(), IQ_NOISE * noise.nextGaussian()) }
        }
        fun point(iq: DoubleArray) = JsonArray(listOf(JsonPrimitive(iq[0]), JsonPrimitive(iq[1])))
        if (!average) return JsonArray(shots.map { shot -> JsonArray(shot.map(::point)) })
        val width = shots.firstOrNull()?.size ?: 0
        return JsonArray(
            (0 until width).map { c ->
                point(doubleArrayOf(shots.sumOf { it[c][0] } / shots.size, shots.sumOf { it[c][1] } / shots.size))
            },
        )
    }

    private fun error(message: String): JsonObject = buildJsonObject { put("error", message) }

    private class JobError(message: String) : RuntimeException(message)

    companion object {
        private const val CLASSIFIED_MEAS_LEVEL = 2
        private const val KERNELED_MEAS_LEVEL = 1
        private const val IQ_NOISE = 0.1

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
