package io.qonduit.qibo

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonPrimitive
import java.nio.file.Path

/**
 * Decodes `results.npy` as `qibo.result.load_result` does: the file is a 0-d object array whose one
 * item is the dict `to_dict()` wrote; its `"dtype"` key names the class.
 */
public object QiboResults {
    /** The result types qibo's loader knows. */
    public val TYPES: Set<String> = setOf("QuantumState", "MeasurementOutcomes", "CircuitResult")

    /** Reads and decodes the `.npy` file at [path]. @throws NpyFormatException when it is not a qibo result */
    @JvmStatic
    public fun load(path: Path): QiboResult = decode(NpyReader.read(path).let { if (it.dtype.kind == NpyKind.OBJECT && it.size == 1) it.item() else null })

    /** Decodes [payload], the dict a qibo result's `to_dict()` returns. @throws NpyFormatException when it is not one */
    @JvmStatic
    public fun decode(payload: Any?): QiboResult {
        val dict = payload as? Map<*, *> ?: throw NpyFormatException("results.npy does not hold a dict (a 0-d object array holding a qibo result's to_dict())")
        val type = dict["dtype"] as? String ?: throw NpyFormatException("the result dict has no 'dtype' naming its class")
        if (type !in TYPES) throw NpyFormatException("unknown result class '$type' (known: ${TYPES.joinToString()})")
        val hasState = type != "MeasurementOutcomes"
        val hasMeasurements = type != "QuantumState"
        val state = if (hasState) dict["state"] as? NpyArray ?: throw NpyFormatException("a $type result has no 'state' array") else null
        val measurements = if (hasMeasurements) measurementsOf(dict["measurements"]) else emptyList()
        val qubits = measurements.flatMap { targetQubits(it) }
        val samples = if (hasMeasurements) dict["samples"] as? NpyArray else null
        if (samples != null && (samples.ndim != 2 || samples.shape[1] != qubits.size)) {
            throw NpyFormatException("samples of shape ${samples.shape} do not match ${qubits.size} measured qubit(s)")
        }
        // Frequencies read each sample as one bit: a 2 must not count as a 1.
        if (samples != null && (samples.dtype.kind !in BIT_KINDS || samples.longs().any { it != 0L && it != 1L })) {
            throw NpyFormatException("samples must hold only 0 and 1 (a ${samples.dtype} array was given)")
        }
        return QiboResult(
            type = type,
            qiboVersion = dict["qibo"] as? String,
            stateArray = state,
            measurements = measurements,
            measuredQubits = qubits,
            probabilities = if (hasMeasurements) dict["probabilities"] as? NpyArray else null,
            samples = samples,
            nshots = nshotsOf(dict["nshots"]),
        )
    }

    private val BIT_KINDS = setOf(NpyKind.BOOL, NpyKind.SIGNED, NpyKind.UNSIGNED)

    /** A whole number of shots that fits an Int (a pickled int arrives as Int or Long), or null when absent. */
    private fun nshotsOf(value: Any?): Int? {
        if (value == null) return null
        val n = (value as? Int)?.toLong() ?: value as? Long
        return n?.takeIf { it in 0..Int.MAX_VALUE }?.toInt()
            ?: throw NpyFormatException("nshots '$value' is not a whole number from 0 to ${Int.MAX_VALUE}")
    }

    private fun measurementsOf(value: Any?): List<String> {
        val list = value as? List<*> ?: throw NpyFormatException("the result's 'measurements' is not a list")
        return list.map { it as? String ?: throw NpyFormatException("a measurement is not a JSON string (qibo writes M.to_json())") }
    }

    private fun targetQubits(json: String): List<Int> {
        val gate = try {
            Json.parseToJsonElement(json) as JsonObject
        } catch (e: Exception) {
            throw NpyFormatException("a measurement is not a JSON object: ${e.message}")
        }
        val targets = (gate["_target_qubits"] ?: (gate["init_args"])) as? JsonArray
            ?: throw NpyFormatException("a measurement gate names no target qubits")
        return targets.map { it.jsonPrimitive.intOrNull ?: throw NpyFormatException("a measurement target '$it' is not a qubit index") }
    }
}
