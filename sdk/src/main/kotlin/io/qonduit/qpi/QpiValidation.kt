package io.qonduit.qpi

import io.qonduit.errors.Validator
import io.qonduit.job.JobInput
import io.qonduit.backend.ProgramTexts

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
                // A program that does not parse is the server's to report, as a failed job.
                val qubits = ProgramTexts.circuitOrNull(item.program)?.numQubits
                if (qubits != null) v.check(qubits <= qpuQubits, "programs[$i]", "$qubits qubits", "QPU ${input.device} has $qpuQubits qubits")
            }
        }
        v.throwIfAny()
    }
}
