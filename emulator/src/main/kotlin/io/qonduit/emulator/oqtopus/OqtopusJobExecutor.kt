package io.qonduit.emulator.oqtopus

import io.qonduit.circuit.Barrier
import io.qonduit.circuit.Circuit
import io.qonduit.circuit.Conditional
import io.qonduit.circuit.GateApplication
import io.qonduit.circuit.Instruction
import io.qonduit.circuit.Measurement
import io.qonduit.circuit.OpenQasm
import io.qonduit.circuit.QubitOperand
import io.qonduit.circuit.Reset
import io.qonduit.simulator.StateVectorSimulator
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.put
import java.security.MessageDigest
import kotlin.math.sqrt

/** What one run of a job produced: the contents of its output files, or why it failed. */
internal class ExecutionOutcome(
    val succeeded: Boolean,
    /** `result.json` (`jobs.S3JobResult`). */
    val result: JsonObject? = null,
    /** `transpile_result.json` (`jobs.S3TranspileResult`). */
    val transpileResult: JsonObject? = null,
    /** `combined_program.json`: the combined OpenQASM 3 program, as a JSON string. */
    val combinedProgram: String? = null,
    /** `sse_log.log`. */
    val sseLog: String? = null,
    /** `job_info.message`. */
    val message: String? = null,
)

/** The job fields the engine reads. */
internal class ExecutionRequest(
    val jobId: String,
    val jobType: String,
    val shots: Int,
    val input: SubmitJobInfo,
    val transpilerInfo: JsonObject?,
    val deviceQubits: Int,
    val deviceId: String,
    val simulatorInfo: JsonObject? = null,
)

/**
 * Runs a job on the state-vector simulator as the OQTOPUS engine would report it (oqtopus.md §7):
 * `sampling` counts (Qiskit order: the rightmost character is classical bit 0), `multi_manual`
 * counts of the combined program plus `divided_counts` per program, `estimation` the exact
 * expectation value Σ coeff·⟨P⟩ of the operator on the final state with the shot-noise standard
 * deviation `stds` = sqrt(Σ coeff²·(1 − ⟨P⟩²) / shots), and `sse` a log.
 */
internal class OqtopusJobExecutor(seed: Long?, private val cancelled: java.util.function.BooleanSupplier = java.util.function.BooleanSupplier { false }) {
    private val simulator = StateVectorSimulator(seed)

    fun execute(request: ExecutionRequest): ExecutionOutcome = try {
        when (request.jobType) {
            JobType.SAMPLING -> sampling(request)
            JobType.MULTI_MANUAL -> multiManual(request)
            JobType.ESTIMATION -> estimation(request)
            JobType.SSE -> sse(request)
            else -> ExecutionOutcome(false, message = "unsupported job_type '${request.jobType}'")
        }
    } catch (e: java.util.concurrent.CancellationException) {
        throw e // the job was cancelled or the emulator closed: no outcome
    } catch (e: ProgramException) {
        ExecutionOutcome(false, message = e.message)
    } catch (e: IllegalArgumentException) {
        ExecutionOutcome(false, message = e.message)
    } catch (e: IllegalStateException) {
        ExecutionOutcome(false, message = e.message)
    }

    private fun parse(source: String, label: String): Circuit = try {
        OpenQasm.parse(source)
    } catch (e: Exception) {
        throw ProgramException("$label: ${e.message}")
    }

    private fun checkWidth(circuit: Circuit, request: ExecutionRequest) {
        if (circuit.numQubits > request.deviceQubits) {
            throw ProgramException("the program uses ${circuit.numQubits} qubits but device ${request.deviceId} has ${request.deviceQubits}")
        }
        if (circuit.parameterNames.isNotEmpty()) throw ProgramException("the program has unbound parameters ${circuit.parameterNames}")
    }

    private fun sampling(request: ExecutionRequest): ExecutionOutcome {
        val circuit = parse(request.input.program!!.single(), "program[0]")
        checkWidth(circuit, request)
        val result = simulator.run(circuit, request.shots, emptyMap(), cancelled)
        val counts = qiskitCounts(result.clbitCounts)
        return ExecutionOutcome(
            true,
            result = buildJsonObject {
                put("sampling", buildJsonObject {
                    put("counts", counts)
                    put("divided_counts", JsonNull)
                })
            },
            transpileResult = transpile(circuit, request),
        )
    }

    private fun multiManual(request: ExecutionRequest): ExecutionOutcome {
        val combined = MultiProgram.combine(request.input.program!!)
        checkWidth(combined.circuit, request)
        val result = simulator.run(combined.circuit, request.shots, emptyMap(), cancelled)
        val divided = buildJsonObject {
            for (p in combined.clbitOffsets.indices) {
                val from = combined.clbitOffsets[p]
                val to = from + combined.clbitCounts[p]
                val marginal = HashMap<String, Int>()
                for ((bits, count) in result.clbitCounts) marginal.merge(bits.substring(from, to), count, Int::plus)
                put(p.toString(), qiskitCounts(marginal))
            }
        }
        return ExecutionOutcome(
            true,
            result = buildJsonObject {
                put("sampling", buildJsonObject {
                    put("counts", qiskitCounts(result.clbitCounts))
                    put("divided_counts", divided)
                })
            },
            transpileResult = transpile(combined.circuit, request),
            combinedProgram = combined.text,
        )
    }

    private fun estimation(request: ExecutionRequest): ExecutionOutcome {
        val circuit = parse(request.input.program!!.single(), "program[0]")
        checkWidth(circuit, request)
        val operators = request.input.operator!!
        val terms = operators.mapIndexed { i, item ->
            val pauli = try {
                PauliString.parse(item.pauli)
            } catch (e: IllegalArgumentException) {
                throw ProgramException("operator[$i]: ${e.message}")
            }
            if (pauli.maxQubit >= circuit.numQubits) {
                throw ProgramException("operator[$i] '${item.pauli}' acts on qubit ${pauli.maxQubit} but the program has ${circuit.numQubits} qubits")
            }
            item.coeff to pauli
        }
        val amplitudes = try {
            simulator.amplitudes(circuit)
        } catch (e: IllegalArgumentException) {
            throw ProgramException("estimation needs a program without reset or classical conditions: ${e.message}")
        }
        var value = 0.0
        var variance = 0.0
        for ((coeff, pauli) in terms) {
            val expectation = clean(pauli.expectation(amplitudes)).coerceIn(-1.0, 1.0)
            value += coeff * expectation
            variance += coeff * coeff * (1.0 - expectation * expectation) / request.shots
        }
        return ExecutionOutcome(
            true,
            result = buildJsonObject {
                put("estimation", buildJsonObject {
                    put("exp_value", clean(value))
                    put("stds", clean(sqrt(variance.coerceAtLeast(0.0))))
                })
            },
            transpileResult = transpile(circuit, request),
        )
    }

    private fun sse(request: ExecutionRequest): ExecutionOutcome {
        val program = request.input.sseProgram!!
        val bytes = program.toByteArray(Charsets.UTF_8)
        val digest = MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }
        val log = buildString {
            appendLine("[qonduit-emulator] SSE job ${request.jobId} on device ${request.deviceId}")
            appendLine("[qonduit-emulator] received sse_program: ${bytes.size} bytes, ${program.lines().size} lines, sha256 $digest")
            appendLine("[qonduit-emulator] the emulator does not execute SSE programs; the job ends as succeeded without running it")
        }
        return ExecutionOutcome(true, sseLog = log)
    }

    /**
     * `transpile_result.json` as the engine's transpiler (tranqu) reports it: the program it ran,
     * `stats` before and after, and `virtual_physical_mapping` with `qubit_mapping` and
     * `bit_mapping` (objects, as the spec and oqtopus-client 1.3 read them). The emulator does not
     * rewrite circuits, so before and after agree; `transpiler_info.qubit_allocation` sets the mapping.
     * `skip_transpilation: true` or `transpiler_lib: null` give no transpile result.
     */
    private fun transpile(circuit: Circuit, request: ExecutionRequest): JsonObject? {
        val info = request.transpilerInfo
        if (info != null) {
            if (info["skip_transpilation"]?.let { it as? JsonPrimitive }?.booleanOrNull == true) return null
            if (info.containsKey("transpiler_lib") && info["transpiler_lib"] is JsonNull) return null
        }
        val allocation = (info?.get("qubit_allocation") as? JsonObject)
        val stats = stats(circuit)
        return buildJsonObject {
            put("transpiled_program", circuit.toQasm3())
            put("stats", buildJsonObject {
                put("before", stats)
                put("after", stats)
            })
            put("virtual_physical_mapping", buildJsonObject {
                put("qubit_mapping", buildJsonObject {
                    for (q in 0 until circuit.numQubits) {
                        val physical = allocation?.get(q.toString())?.let { (it as? JsonPrimitive)?.intOrNull } ?: q
                        put(q.toString(), physical)
                    }
                })
                put("bit_mapping", buildJsonObject { for (c in 0 until circuit.numClbits) put(c.toString(), c) })
            })
        }
    }

    private fun stats(circuit: Circuit): JsonObject {
        val qubitIndex = HashMap<Any, Int>()
        var next = 0
        for (r in circuit.quantumRegisters) for (i in 0 until r.size) qubitIndex[r.name to i] = next++
        val depth = IntArray(circuit.numQubits)
        var gates = 0
        var oneQubit = 0
        var twoQubit = 0
        fun qubits(operand: QubitOperand): List<Int> = operand.qubits.map { qubitIndex.getValue(it.register.name to it.index) }
        fun layer(qs: List<Int>) {
            if (qs.isEmpty()) return
            val level = qs.maxOf { depth[it] } + 1
            qs.forEach { depth[it] = level }
        }
        fun visit(instruction: Instruction) {
            when (instruction) {
                is GateApplication -> {
                    // A register operand broadcasts: one application per position.
                    val lists = instruction.operands.map(::qubits)
                    val width = lists.maxOf { it.size }
                    for (k in 0 until width) {
                        val qs = lists.map { if (it.size == 1) it[0] else it[k] }
                        gates++
                        if (qs.size == 1) oneQubit++ else if (qs.size == 2) twoQubit++
                        layer(qs)
                    }
                }
                is Measurement -> qubits(instruction.source).forEach { gates++; oneQubit++; layer(listOf(it)) }
                is Reset -> qubits(instruction.target).forEach { gates++; oneQubit++; layer(listOf(it)) }
                is Conditional -> instruction.body.forEach(::visit)
                is Barrier -> Unit
            }
        }
        circuit.instructions.forEach(::visit)
        return buildJsonObject {
            put("n_qubits", circuit.numQubits)
            put("n_gates", gates)
            put("n_gates_1q", oneQubit)
            put("n_gates_2q", twoQubit)
            put("depth", depth.maxOrNull() ?: 0)
        }
    }

    companion object {
        /** The simulator writes clbit 0 leftmost; OQTOPUS (Qiskit) writes it rightmost. Keys sorted. */
        fun qiskitCounts(clbitCounts: Map<String, Int>): JsonObject = buildJsonObject {
            clbitCounts.entries.map { (k, v) -> k.reversed() to v }.sortedBy { it.first }.forEach { (k, v) -> put(k, v) }
        }

        /** Rounds away floating-point dust (1.0000000000000002 -> 1.0, 1e-17 -> 0.0). */
        fun clean(value: Double): Double {
            val rounded = Math.round(value * 1e12) / 1e12
            return if (rounded == 0.0) 0.0 else rounded
        }
    }
}
