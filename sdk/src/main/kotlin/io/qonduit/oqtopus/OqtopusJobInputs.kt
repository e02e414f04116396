package io.qonduit.oqtopus

import io.qonduit.errors.QonduitException
import io.qonduit.job.JobInput
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.NativeProgram
import io.qonduit.program.OpenQasmProgram

/** The Qonduit [JobInput] of an OQTOPUS job record and its `input.json`: what [OqtopusTarget.specOf] would send again. */
internal object OqtopusJobInputs {
    fun of(record: OqtopusJob, input: InputJson): JobInput {
        val type = OqtopusJobType.of(record.jobType) ?: throw QonduitException("job ${record.jobId} has an unknown job type '${record.jobType}'")
        val device = record.deviceId.orEmpty()
        val shots = record.shots
        if (type == OqtopusJobType.SSE) {
            val script = input.sseProgram ?: throw QonduitException("SSE job ${record.jobId} has no sse_program")
            return JobInput(listOf(RunItem(NativeProgram(OqtopusTarget.SSE_FORMAT, script), shots)), device)
        }
        val programs = input.program.orEmpty().ifEmpty { throw QonduitException("job ${record.jobId} has no program") }
        val options = OqtopusOptions(type, input.operator.orEmpty(), record.name, record.description)
            .withInfo(record.transpilerInfo, record.simulatorInfo, record.mitigationInfo)
        return JobInput(programs.map { RunItem(OpenQasmProgram(it), shots) }, device, RunOptions.builder().provider(options).build())
    }
}
