package io.qonduit.qpi

import io.qonduit.errors.Validator
import io.qonduit.job.JobInput
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QasmException

/** The checks QPI's server makes on a submission, made before anything is sent. */
internal object QpiValidation {
    fun check(input: JobInput, qpuQubits: Int?) {
        val v = Validator()
        input.checkBindings(v)
        QpiJobs.options(input.options) // refuses another provider's options
        input.items.forEachIndexed { i, item ->
            val qasm = QpiJobs.qasm(item.program, i)
            v.check(qasm.isNotBlank(), "programs[$i]", "", "must be an OpenQASM program")
            if (qpuQubits != null && qasm.isNotBlank()) {
                val qubits = try {
                    (item.program as? io.qonduit.circuit.Circuit ?: OpenQasm.parse(qasm)).numQubits
                } catch (e: QasmException) {
                    null // the server reports programs it cannot read as a failed job
                }
                if (qubits != null) v.check(qubits <= qpuQubits, "programs[$i]", "$qubits qubits", "QPU ${input.device} has $qpuQubits qubits")
            }
        }
        v.throwIfAny()
    }
}
