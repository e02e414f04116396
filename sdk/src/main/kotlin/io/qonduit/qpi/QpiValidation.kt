package io.qonduit.qpi

import io.qonduit.errors.Validator
import io.qonduit.job.JobInput
import io.qonduit.simulator.OpenQasm
import io.qonduit.simulator.QasmException
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.intOrNull

/** The checks QPI's server makes on a submission, made before anything is sent. */
internal object QpiValidation {
    fun check(input: JobInput, qpuQubits: Int?) {
        val v = Validator()
        val circuits = QpiJobs.circuitsOf(input)
        v.check(circuits.isNotEmpty(), "circuits", circuits.size, "must not be empty")
        val shots = (input.config["shots"] as? JsonPrimitive)?.intOrNull ?: QpiBackend.DEFAULT_SHOTS
        v.check(shots >= 1, "shots", shots, "must be >= 1")
        val level = (input.config["meas_level"] as? JsonPrimitive)?.intOrNull ?: 2
        v.check(level == 1 || level == 2, "meas_level", level, "must be 1 (kerneled) or 2 (classified)")
        val measReturn = (input.config["meas_return"] as? JsonPrimitive)?.content ?: "single"
        v.check(measReturn == "single" || measReturn == "avg", "meas_return", measReturn, "must be \"single\" or \"avg\"")
        circuits.forEachIndexed { i, c ->
            v.check(c.circuit.isNotBlank(), "circuits[$i].circuit", "", "must be an OpenQASM program")
            c.shots?.let { v.check(it >= 1, "circuits[$i].shots", it, "must be >= 1") }
            val names = OpenQasm.parameterNames(c.circuit)
            c.parameterValues?.forEachIndexed { b, values ->
                v.check(values.size == names.size, "circuits[$i].parameter_values[$b]", values, "must have ${names.size} value(s), one per parameter $names")
            }
            if (qpuQubits != null && c.circuit.isNotBlank()) {
                val qubits = try {
                    OpenQasm.parse(c.circuit, names.associateWith { 0.0 }).numQubits
                } catch (e: QasmException) {
                    null // the server reports programs it cannot read as a failed job
                }
                if (qubits != null) v.check(qubits <= qpuQubits, "circuits[$i].circuit", "$qubits qubits", "QPU ${input.device} has $qpuQubits qubits")
            }
        }
        v.throwIfAny()
    }
}
