package io.qonduit.emulator.qibo

import io.qonduit.simulator.StateVectorSimulator
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.util.SplittableRandom
import java.util.function.BooleanSupplier

/**
 * What one job produced: the dict qibo's `dump` would store in `results.npy` (null for an error
 * job), the job's `frequencies`, and the worker's stdout and stderr.
 */
internal class QiboOutcome(
    val result: Map<String, Any?>?,
    val frequencies: Map<String, Int>?,
    val stdout: String,
    val stderr: String,
) {
    val succeeded: Boolean get() = result != null
}

/**
 * Runs a posted circuit on the state-vector simulator and shapes the result as qibo 0.3's
 * `to_dict()` does (qibo.md §4): without measurements a `QuantumState` (`state`, `dtype`, `qibo`);
 * with measurements on a simulator partition a `CircuitResult` (qibo's numpy backend returns one),
 * on a hardware partition a `MeasurementOutcomes` (what qibolab returns: no state).
 *
 * Measured results carry `samples` (int64, one row per shot, one column per measured qubit in
 * measurement order) and `probabilities` None, so that qibo's loader rebuilds exactly the emulated
 * shots (with both present it warns and drops the probabilities; with probabilities only it would
 * draw new shots). The state is in qibo's order (qubit 0 is the most significant bit of the index),
 * complex128, including the phase qibo's `U2`/`U3` carry; a `density_matrix` circuit gives `|ψ⟩⟨ψ|`.
 * A circuit that cannot run gives no result and, on stderr, the `Type: message` line Python
 * prints for the exception qibo would raise **(inferred: the service's worker is not public)**; so does a circuit without measurements on hardware
 * (qibolab only measures) and a `density_matrix` circuit wider than [MAX_DENSITY_MATRIX_QUBITS].
 */
internal class QiboExecutor(seed: Long?, private val cancelled: BooleanSupplier) {
    private val simulator = StateVectorSimulator(seed)
    private val shuffle = if (seed == null) SplittableRandom() else SplittableRandom(seed xor SHUFFLE_SALT)

    fun run(raw: JsonObject, nshots: Int?, hardware: Boolean): QiboOutcome = try {
        execute(QiboCircuitReader.read(raw), nshots, hardware)
    } catch (e: QiboCircuitException) {
        failed(e.message.orEmpty())
    } catch (e: IllegalArgumentException) {
        failed("ValueError: ${e.message}")
    }

    /** An error job: its stderr is the last line Python prints for the exception, `Type: message`. */
    private fun failed(line: String): QiboOutcome = QiboOutcome(null, null, "", "$line\n")

    private fun execute(program: QiboProgram, nshots: Int?, hardware: Boolean): QiboOutcome {
        if (program.densityMatrix && program.nqubits > MAX_DENSITY_MATRIX_QUBITS) {
            throw QiboCircuitException("ValueError: density_matrix circuits of ${program.nqubits} qubits exceed the emulator's " +
                "limit of $MAX_DENSITY_MATRIX_QUBITS (a 2^n x 2^n matrix)")
        }
        if (program.measuredQubits.isEmpty()) {
            if (hardware) throw QiboCircuitException("RuntimeError: a circuit without measurements cannot run on hardware")
            return QiboOutcome(quantumState(program), null, log(program, null), "")
        }
        val shots = nshots ?: DEFAULT_NSHOTS
        val counts = simulator.run(program.circuit, shots, emptyMap(), cancelled).clbitCounts
        val samples = samples(counts, shots, program.measuredQubits.size)
        val result = LinkedHashMap<String, Any?>()
        result["measurements"] = program.measurements.map(::pythonJson)
        result["probabilities"] = null
        result["samples"] = samples
        result["nshots"] = shots
        result["nqubits"] = program.nqubits
        result["dtype"] = if (hardware) "MeasurementOutcomes" else "CircuitResult"
        result["qibo"] = QIBO_VERSION
        if (!hardware) result["state"] = state(program)
        return QiboOutcome(result, counts, log(program, shots), "")
    }

    private fun quantumState(program: QiboProgram): Map<String, Any?> =
        linkedMapOf("state" to state(program), "dtype" to "QuantumState", "qibo" to QIBO_VERSION)

    /** The final state vector in qibo's qubit order (or its density matrix), times the global phase. */
    private fun state(program: QiboProgram): NdArray {
        val ours = simulator.amplitudes(program.circuit)
        val n = program.nqubits
        val dim = 1 shl n
        val cos = kotlin.math.cos(program.globalPhase)
        val sin = kotlin.math.sin(program.globalPhase)
        val vector = DoubleArray(2 * dim)
        for (index in 0 until dim) {
            val re = ours[2 * index]
            val im = ours[2 * index + 1]
            val qiboIndex = reverseBits(index, n)
            vector[2 * qiboIndex] = re * cos - im * sin
            vector[2 * qiboIndex + 1] = re * sin + im * cos
        }
        if (!program.densityMatrix) return NdArray.complex128(vector)
        val rho = DoubleArray(2 * dim * dim)
        for (i in 0 until dim) for (j in 0 until dim) {
            // ρ[i][j] = ψ_i · conj(ψ_j)
            val ar = vector[2 * i]
            val ai = vector[2 * i + 1]
            val br = vector[2 * j]
            val bi = vector[2 * j + 1]
            rho[2 * (i * dim + j)] = ar * br + ai * bi
            rho[2 * (i * dim + j) + 1] = ai * br - ar * bi
        }
        return NdArray.complex128(rho, listOf(dim, dim))
    }

    /** The histogram spread into shots in a random order, as qibo's samples come: one row per shot. */
    private fun samples(counts: Map<String, Int>, shots: Int, measured: Int): NdArray {
        val rows = ArrayList<String>(shots)
        for ((bits, count) in counts) repeat(count) { rows += bits }
        for (i in rows.size - 1 downTo 1) {
            val j = shuffle.nextInt(i + 1)
            rows[i] = rows[j].also { rows[j] = rows[i] }
        }
        val values = LongArray(shots * measured)
        rows.forEachIndexed { shot, bits -> for (m in 0 until measured) values[shot * measured + m] = (bits[m] - '0').toLong() }
        return NdArray.int64(shots, measured, values)
    }

    private fun log(program: QiboProgram, shots: Int?): String = buildString {
        append("[Qibo $QIBO_VERSION|INFO]: Using qonduit state-vector simulator (emulated numpy backend)\n")
        append("Executed a circuit of ${program.nqubits} qubits and ${program.circuit.instructions.size} operations")
        if (shots != null) append(" with $shots shots, measuring qubits ${program.measuredQubits}")
        append("\n")
    }

    companion object {
        /** The qibo version the emulated workers run, reported as `qibo` in results and as `server_qibo_version`. */
        const val QIBO_VERSION: String = "0.3.2"

        /** qibo's own default when a circuit with measurements is executed without `nshots` (`Circuit.__call__`). */
        const val DEFAULT_NSHOTS: Int = 1000

        /** The widest `density_matrix` circuit the emulator writes out: 4^10 complex numbers are 16 MiB. */
        const val MAX_DENSITY_MATRIX_QUBITS: Int = 10

        private const val SHUFFLE_SALT = 0x5DEECE66DL

        private fun reverseBits(index: Int, n: Int): Int {
            var out = 0
            for (q in 0 until n) if ((index ushr q) and 1 == 1) out = out or (1 shl (n - 1 - q))
            return out
        }

        /** JSON as Python's `json.dumps` writes it (`", "` and `": "` separators), what `M.to_json()` gives. */
        fun pythonJson(element: JsonElement): String = when (element) {
            is JsonObject -> element.entries.joinToString(", ", "{", "}") { (k, v) -> JsonPrimitive(k).toString() + ": " + pythonJson(v) }
            is JsonArray -> element.joinToString(", ", "[", "]") { pythonJson(it) }
            JsonNull -> "null"
            is JsonPrimitive -> element.toString()
        }
    }
}
