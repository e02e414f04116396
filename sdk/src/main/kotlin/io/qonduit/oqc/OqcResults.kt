package io.qonduit.oqc

import io.qonduit.backend.ProgramTexts
import io.qonduit.backend.ResultData
import io.qonduit.errors.ReplySource
import io.qonduit.job.JobInput
import io.qonduit.job.ResultItem
import io.qonduit.oqc.wire.countsOf
import io.qonduit.program.Program
import kotlinx.serialization.json.JsonObject

/** The results of a COMPLETED OQC task as the job model's [ResultData], checked against the task's program. */
internal object OqcResults {
    /**
     * The one item of task [taskId], run from [input]: counts when every register holds BinaryCount
     * counts; otherwise no counts and the results as received in [OqcExtras].
     *
     * @throws io.qonduit.errors.ResponseDecodeException naming the task and the field when the
     *   results are missing, a count is not a whole number >= 0, or a bitstring does not match the
     *   width of its register in the program
     */
    fun decode(results: JsonObject?, taskId: String, input: JobInput): ResultData {
        val source = ReplySource(OqcBackend.PROVIDER, taskId)
        if (results == null) source.fail("results", "is missing: a COMPLETED task carries its results")
        val run = input.plan().single()
        val item = if (results.isNotEmpty() && results.values.all { it is JsonObject }) {
            val counts = countsOf(results, "results") { field, value, limit -> source.fail(field, "$limit, was $value") }
            checkWidths(counts, run.program, source)
            ResultItem(run, OqcJobConfig.taskConfig(input).compilerConfig.shots, counts.mapValues { it.value.toSortedMap() })
        } else {
            ResultItem(run, extras = OqcExtras(results.toString()))
        }
        return ResultData(listOf(item))
    }

    /** Every bitstring as wide as its register, when the program's registers can be read here. */
    private fun checkWidths(counts: Map<String, Map<String, Long>>, program: Program, source: ReplySource) {
        val registers = ProgramTexts.circuitOrNull(program)?.classicalRegisters?.associate { it.name to it.size } ?: return
        for ((creg, bitstrings) in counts) {
            val width = registers[creg] ?: source.fail("results.$creg", "is not a classical register of the program (${registers.keys})")
            bitstrings.keys.firstOrNull { it.length != width }?.let {
                source.fail("results.$creg.$it", "must be exactly $width bits wide, the size of register $creg")
            }
        }
    }
}
