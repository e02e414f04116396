package io.qonduit.qpi

import io.qonduit.job.JobInput
import io.qonduit.job.JobResult
import io.qonduit.simulator.OpenQasm
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * One circuit result of a QPI job, in the driver's notation and in Qonduit's.
 *
 * @property driverCounts keys as the driver wrote them (little-endian binary, `c[0]` rightmost)
 * @property hexCounts keys as QPI's Python client shows them (`"0x3"`)
 * @property counts big-endian bitstrings per classical register (`c[0]` leftmost)
 * @property memory per-shot data when the job asked for it (`meas_level` 1), else null
 */
public class QpiCircuitResult(
    public val circuit: String,
    public val parameterValues: List<Double>?,
    public val shots: Int?,
    public val driverCounts: Map<String, Int>,
    public val hexCounts: Map<String, Int>,
    public val counts: Map<String, Map<String, Int>>,
    public val memory: JsonElement?,
) {
    override fun toString(): String = "QpiCircuitResult(parameters=$parameterValues, counts=$counts)"
}

/** Decoding of QPI result payloads into [QpiCircuitResult]s. */
public object QpiResults {
    /** The circuit results of a completed QPI job. */
    @JvmStatic
    public fun of(result: JobResult): List<QpiCircuitResult> = decode(result.data, result.input)

    internal fun decode(results: JsonObject, input: JobInput): List<QpiCircuitResult> {
        val perCircuit: List<JsonObject> = (results["circuit_results"] as? JsonArray)?.mapNotNull { it as? JsonObject }
            ?: listOf(results)
        val plan = QpiJobs.circuitsOf(input).flatMap { c ->
            val bindings = c.parameterValues?.takeIf { it.isNotEmpty() } ?: listOf(null)
            bindings.map { c to it }
        }
        return perCircuit.mapIndexed { i, item ->
            val (circuit, binding) = plan.getOrNull(i) ?: (plan.lastOrNull() ?: (QpiCircuit("") to null))
            val driver = QpiCounts.countsOf(item["counts"] ?: item["hex_counts"])
            val registers = QpiCounts.registersOf(circuit.circuit, OpenQasm.parameterNames(circuit.circuit), binding, QpiCounts.width(driver))
            QpiCircuitResult(
                circuit = circuit.circuit,
                parameterValues = binding,
                shots = QpiCounts.intOf(item["shots"]),
                driverCounts = driver,
                hexCounts = QpiCounts.toHex(driver),
                counts = QpiCounts.toRegisters(driver, registers),
                memory = item["memory"],
            )
        }
    }
}
