package io.qonduit.qibo

import io.qonduit.job.ResultExtras
import java.nio.file.Path

/**
 * A Qibo result as `qibo.result.load_result` rebuilds it from `results.npy`, typed: the dict's
 * `"dtype"` names the class ([type]); a `QuantumState` has [state], a `MeasurementOutcomes` has
 * [measurements], [probabilities], [samples] and [nshots], a `CircuitResult` has both.
 *
 * [frequencies] are computed as qibo computes them from the samples: keys are binary strings over
 * the measured qubits in measurement order (the first measured qubit leftmost). They are empty
 * when the result has no samples (qibo would draw them from the probabilities; read those then).
 * As the job's result extras, it also carries the job's [pid], the [resultsFolder] the archive was
 * extracted into and the [files] found there.
 */
public class QiboResult internal constructor(
    /** `QuantumState`, `MeasurementOutcomes` or `CircuitResult`. */
    public val type: String,
    /** The qibo version that wrote the result (`"qibo"` key), when present. */
    public val qiboVersion: String?,
    /** The state as stored: a vector, or a density matrix when 2-D; null for measurement outcomes. */
    public val stateArray: NpyArray?,
    /** The measurement gates' JSON (qibo's `M.to_json()`), in order. */
    public val measurements: List<String>,
    /** The measured qubits in measurement order: the measurement gates' target qubits, concatenated. */
    public val measuredQubits: List<Int>,
    /** The probabilities as stored, or null. */
    public val probabilities: NpyArray?,
    /** The samples (one row per shot, one 0/1 column per measured qubit), or null. */
    public val samples: NpyArray?,
    /** The shots, when recorded. */
    public val nshots: Int?,
    /** The job's pid (empty when decoded outside a job). */
    public val pid: String = "",
    /** Where the job's archive was extracted, or null outside a job. */
    public val resultsFolder: Path? = null,
    /** The files extracted from the archive, relative to [resultsFolder]. */
    public val files: List<String> = emptyList(),
) : ResultExtras {
    /** The state vector's amplitudes, or null when there is no state or it is a density matrix. */
    public val state: List<Complex>? get() = stateArray?.takeIf { it.ndim == 1 }?.complexes()

    /** The probabilities as doubles, or null. */
    public fun probabilityValues(): DoubleArray? = probabilities?.doubles()

    /** Counts per outcome over [measuredQubits], computed from [samples] as qibo's `frequencies(binary=True)`. */
    public val frequencies: Map<String, Long> by lazy {
        val s = samples ?: return@lazy emptyMap()
        if (s.ndim != 2) return@lazy emptyMap()
        val bits = s.longs()
        val width = s.shape[1]
        val out = LinkedHashMap<String, Long>()
        for (row in 0 until s.shape[0]) {
            val key = buildString { for (c in 0 until width) append(if (bits[row * width + c] != 0L) '1' else '0') }
            out[key] = (out[key] ?: 0L) + 1
        }
        out.entries.sortedBy { it.key }.associate { it.key to it.value }
    }

    /** This result as the extras of job [pid], with the folder it was extracted into. */
    internal fun located(pid: String, folder: Path, files: List<String>): QiboResult =
        QiboResult(type, qiboVersion, stateArray, measurements, measuredQubits, probabilities, samples, nshots, pid, folder, files)

    override fun toString(): String = "QiboResult($type, qubits=$measuredQubits, nshots=$nshots" + (if (samples != null) ", frequencies=$frequencies" else "") + ")"
}
