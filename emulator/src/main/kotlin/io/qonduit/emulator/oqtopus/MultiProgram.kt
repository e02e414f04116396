package io.qonduit.emulator.oqtopus

import io.qonduit.circuit.Circuit
import io.qonduit.circuit.OpenQasm

/**
 * The multiprogramming combiner of `multi_manual` jobs: the programs side by side on disjoint
 * qubits, as one OpenQASM 3 program (`combined_program`). Program `i`'s registers are renamed
 * `p<i>_<name>` and declared in program order, so its classical bits follow those of programs
 * `0..i-1`; [clbitOffsets] says where each program's bits start (global clbit numbering).
 */
internal class MultiProgram private constructor(
    val text: String,
    val circuit: Circuit,
    val clbitOffsets: List<Int>,
    val clbitCounts: List<Int>,
) {
    companion object {
        private const val HEADER = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n"

        /** Combines [programs] (each parsed first, so a bad one is named by its index). */
        fun combine(programs: List<String>): MultiProgram {
            val definitions = LinkedHashMap<String, String>()
            val declarations = ArrayList<String>()
            val instructions = ArrayList<String>()
            val offsets = ArrayList<Int>()
            val widths = ArrayList<Int>()
            var clbits = 0
            for ((index, source) in programs.withIndex()) {
                val circuit = try {
                    OpenQasm.parse(source)
                } catch (e: Exception) {
                    throw ProgramException("program[$index]: ${e.message}")
                }
                if (circuit.parameterNames.isNotEmpty()) {
                    throw ProgramException("program[$index] has unbound parameters ${circuit.parameterNames}")
                }
                val normal = circuit.toQasm3()
                if (Regex("""\$\d""").containsMatchIn(normal)) {
                    throw ProgramException("program[$index] uses physical qubits, which multiprogramming cannot place side by side")
                }
                val names = circuit.quantumRegisters.map { it.name } + circuit.classicalRegisters.map { it.name }
                val renames = names.associateWith { "p${index}_$it" }
                val pattern = if (names.isEmpty()) null else Regex("""\b(${names.joinToString("|") { Regex.escape(it) }})\b""")
                fun rename(line: String) = pattern?.replace(line) { renames.getValue(it.value) } ?: line
                for (line in normal.removePrefix(HEADER).lines()) {
                    if (line.isBlank()) continue
                    when {
                        line.startsWith("gate ") -> {
                            val gateName = line.removePrefix("gate ").takeWhile { it != ' ' && it != '(' }
                            val previous = definitions.putIfAbsent(gateName, line)
                            if (previous != null && previous != line) {
                                throw ProgramException("program[$index] defines gate '$gateName' differently from an earlier program")
                            }
                        }
                        line.startsWith("qubit[") || line.startsWith("bit[") -> declarations += rename(line)
                        else -> instructions += rename(line)
                    }
                }
                offsets += clbits
                widths += circuit.numClbits
                clbits += circuit.numClbits
            }
            val text = HEADER + (definitions.values + declarations + instructions).joinToString("\n", postfix = "\n")
            val combined = OpenQasm.parse(text)
            return MultiProgram(text, combined, offsets, widths)
        }
    }
}

/** A program the engine cannot run: the job fails with this message in `job_info.message`. */
internal class ProgramException(message: String) : RuntimeException(message)
