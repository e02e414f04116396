package io.qonduit.simulator

import io.qonduit.simulator.ops.ConditionalOp
import io.qonduit.simulator.ops.GateOp
import io.qonduit.simulator.ops.MeasureOp
import io.qonduit.simulator.ops.Op
import io.qonduit.simulator.ops.ResetOp
import io.qonduit.simulator.ops.UnitaryOp
import io.qonduit.circuit.Circuit
import java.util.SplittableRandom
import java.util.concurrent.CancellationException
import java.util.function.BooleanSupplier

/**
 * Ideal (noise-free) state-vector simulator for [Circuit]s of up to [MAX_QUBITS] qubits.
 * With a [seed], repeated runs of the same circuit give identical counts. Instances are not thread-safe.
 */
public class StateVectorSimulator @JvmOverloads constructor(seed: Long? = null) {
    private val random: SplittableRandom = if (seed == null) SplittableRandom() else SplittableRandom(seed)

    /**
     * Samples [shots] shots of [circuit] with its parameters taken from [binding] (by name). Circuits whose
     * measurements are all terminal are evolved once and sampled from the final distribution; circuits with
     * mid-circuit measurement, reset or conditions are simulated shot by shot.
     *
     * [cancelled] is asked between operations, between shots of a shot-by-shot run and every
     * [CANCEL_CHECK_SHOTS] draws of the sampling; once it answers true the run stops and throws, so a
     * caller (another thread, a coroutine's `isActive`) can stop a long simulation within one operation.
     *
     * @throws IllegalArgumentException when shots < 1, the circuit is too wide, or [binding] leaves a
     *   parameter unbound (the message names it)
     * @throws java.util.concurrent.CancellationException once [cancelled] answers true
     */
    @JvmOverloads
    public fun run(
        circuit: Circuit,
        shots: Int,
        binding: Map<String, Double> = emptyMap(),
        cancelled: BooleanSupplier = NEVER_CANCELLED,
    ): SimulationResult {
        require(shots >= 1) { "shots must be >= 1, was $shots" }
        val compiled = compile(circuit, binding)
        val histogram =
            if (compiled.hasMidCircuitMeasurement) runPerShot(compiled, shots, cancelled) else sampleFinalState(compiled, shots, cancelled)
        return toResult(compiled, shots, histogram)
    }

    /**
     * Final-state probabilities of [circuit] (parameters from [binding]) with measurements ignored; index
     * bit q is qubit q (little-endian). Throws [IllegalArgumentException] for circuits using reset or
     * classical conditions, whose final state is random, and for unbound parameters.
     */
    @JvmOverloads
    public fun probabilities(circuit: Circuit, binding: Map<String, Double> = emptyMap()): DoubleArray {
        val state = evolveUnitary(compile(circuit, binding), "probabilities")
        val out = DoubleArray(state.dim)
        state.probabilitiesInto(out)
        return out
    }

    /**
     * Final-state amplitudes of [circuit] with measurements ignored, interleaved as
     * `[re0, im0, re1, im1, ...]`; index bit q is qubit q (little-endian). Same restrictions as [probabilities].
     */
    @JvmOverloads
    public fun amplitudes(circuit: Circuit, binding: Map<String, Double> = emptyMap()): DoubleArray {
        val state = evolveUnitary(compile(circuit, binding), "amplitudes")
        val out = DoubleArray(2 * state.dim)
        for (i in 0 until state.dim) {
            out[2 * i] = state.re[i]
            out[2 * i + 1] = state.im[i]
        }
        return out
    }

    /** Checks the width before compiling, so a too-wide circuit is refused before any work. */
    private fun compile(circuit: Circuit, binding: Map<String, Double>): CompiledCircuit {
        require(circuit.numQubits <= MAX_QUBITS) {
            "numQubits ${circuit.numQubits} exceeds the state-vector simulator limit of $MAX_QUBITS qubits"
        }
        return CircuitCompiler.compile(circuit, binding)
    }

    private fun evolveUnitary(circuit: CompiledCircuit, what: String): StateVector {
        val state = StateVector(circuit.numQubits)
        for (op in circuit.ops) {
            when (op) {
                is GateOp -> state.apply(op)
                is MeasureOp -> Unit
                is ResetOp, is ConditionalOp ->
                    throw IllegalArgumentException("$what needs a circuit without reset or classical conditions; use run()")
            }
        }
        return state
    }

    /** Terminal measurements only: evolve once, then draw every shot from the cumulative distribution. */
    private fun sampleFinalState(circuit: CompiledCircuit, shots: Int, cancelled: BooleanSupplier): Map<String, Int> {
        val state = StateVector(circuit.numQubits)
        for (op in circuit.ops) {
            stopIf(cancelled)
            when (op) {
                is GateOp -> state.apply(op)
                else -> Unit
            }
        }
        // Reuse the real-part array for the cumulative distribution: the state is not needed any more.
        val cumulative = state.re
        state.probabilitiesInto(cumulative)
        var total = 0.0
        for (i in cumulative.indices) {
            total += cumulative[i]
            cumulative[i] = total
        }
        // Basis states drawn, as (index, count) runs: within a sorted batch equal draws are neighbours.
        var runIndex = IntArray(64)
        var runCount = IntArray(64)
        var runs = 0
        val draws = DoubleArray(minOf(shots, CANCEL_CHECK_SHOTS))
        var drawn = 0
        while (drawn < shots) {
            stopIf(cancelled)
            val batch = minOf(draws.size, shots - drawn)
            for (k in 0 until batch) draws[k] = random.nextDouble() * total
            // Sorted, a batch walks the distribution forwards from where the last draw landed, reading it in
            // order instead of a cache miss per halving per shot; the counts are the same in any order.
            draws.sort(0, batch)
            var from = 0
            var last = -1
            for (k in 0 until batch) {
                from = searchFrom(cumulative, draws[k], from)
                if (from == last) {
                    runCount[runs - 1]++
                    continue
                }
                if (runs == runIndex.size) {
                    runIndex = runIndex.copyOf(2 * runs)
                    runCount = runCount.copyOf(2 * runs)
                }
                runIndex[runs] = from
                runCount[runs] = 1
                runs++
                last = from
            }
            drawn += batch
        }
        return histogramOf(circuit.finalMeasurementMap(), runIndex, runCount, runs)
    }

    /**
     * The clbit strings of the drawn basis states (runs of [runIndex] with [runCount] draws each), in ascending
     * order of their strings. Each state gets a key: the bits of the measured qubits, in the order their clbits
     * first appear, most significant first. Keys order as the strings do, and equal keys mean equal strings, so
     * the runs are sorted as (key, run) longs and each string is built once, with no hash map and no string
     * comparison.
     */
    private fun histogramOf(measuredBy: IntArray, runIndex: IntArray, runCount: IntArray, runs: Int): Map<String, Int> {
        val keyQubits = measuredBy.filter { it >= 0 }.distinct()
        val keyed = LongArray(runs) { r ->
            var key = 0L
            for (q in keyQubits) key = (key shl 1) or ((runIndex[r] ushr q) and 1).toLong()
            (key shl 32) or r.toLong()
        }
        keyed.sort()
        val histogram = LinkedHashMap<String, Int>()
        val bits = CharArray(measuredBy.size)
        var k = 0
        while (k < runs) {
            val key = keyed[k] ushr 32
            val first = keyed[k].toInt()
            var count = 0
            while (k < runs && keyed[k] ushr 32 == key) count += runCount[keyed[k++].toInt()]
            for (c in bits.indices) {
                val q = measuredBy[c]
                bits[c] = if (q >= 0 && (runIndex[first] ushr q) and 1 == 1) '1' else '0'
            }
            histogram[String(bits)] = count
        }
        return histogram
    }

    /**
     * First index whose cumulative probability exceeds [r] (the last index if none does), knowing it is not
     * below [from]; skips zero-probability states. Gallops forwards from [from], then halves.
     */
    private fun searchFrom(cumulative: DoubleArray, r: Double, from: Int): Int {
        val last = cumulative.size - 1
        var lo = from
        var step = 1
        var hi = minOf(last, from)
        while (hi < last && cumulative[hi] <= r) {
            lo = hi + 1
            hi = minOf(last, hi + step)
            step = step shl 1
        }
        while (lo < hi) {
            val mid = (lo + hi) ushr 1
            if (cumulative[mid] > r) hi = mid else lo = mid + 1
        }
        return lo
    }

    /** Mid-circuit measurement, reset or conditions: one trajectory per shot, from a shared unitary prefix. */
    private fun runPerShot(circuit: CompiledCircuit, shots: Int, cancelled: BooleanSupplier): Map<String, Int> {
        val ops = circuit.ops
        var prefixEnd = 0
        val prefix = StateVector(circuit.numQubits)
        while (prefixEnd < ops.size) {
            stopIf(cancelled)
            when (val op = ops[prefixEnd]) {
                is GateOp -> prefix.apply(op)
                else -> break
            }
            prefixEnd++
        }
        // Trailing measurements commute with each other: draw one basis state for all of them instead of
        // collapsing qubit by qubit (one pass over the state instead of two per measured qubit).
        var tailStart = ops.size
        while (tailStart > prefixEnd && ops[tailStart - 1] is MeasureOp) tailStart--
        val state = StateVector(circuit.numQubits)
        val clbits = BooleanArray(circuit.numClbits)
        val histogram = HashMap<String, Int>()
        val chars = CharArray(circuit.numClbits)
        repeat(shots) {
            stopIf(cancelled)
            state.copyFrom(prefix)
            clbits.fill(false)
            for (i in prefixEnd until tailStart) execute(ops[i], state, clbits)
            if (tailStart < ops.size) {
                val index = state.sampleIndex(random.nextDouble())
                for (i in tailStart until ops.size) {
                    val m = ops[i] as MeasureOp
                    if (m.clbit >= 0) clbits[m.clbit] = (index ushr m.qubit) and 1 == 1
                }
            }
            for (c in chars.indices) chars[c] = if (clbits[c]) '1' else '0'
            histogram.merge(String(chars), 1, Int::plus)
        }
        return sortedByBits(histogram)
    }

    private fun execute(op: Op, state: StateVector, clbits: BooleanArray) {
        when (op) {
            is GateOp -> state.apply(op)
            is MeasureOp -> {
                val outcome = measure(state, op.qubit)
                if (op.clbit >= 0) clbits[op.clbit] = outcome
            }
            is ResetOp -> if (measure(state, op.qubit)) state.apply(FLIP[op.qubit])
            is ConditionalOp -> if (op.holds(clbits)) execute(op.op, state, clbits)
        }
    }

    private fun stopIf(cancelled: BooleanSupplier) {
        if (cancelled.asBoolean) throw CancellationException("simulation cancelled")
    }

    private fun measure(state: StateVector, qubit: Int): Boolean {
        val p1 = state.probabilityOfOne(qubit).coerceIn(0.0, 1.0)
        val outcome = random.nextDouble() < p1
        state.collapse(qubit, outcome, if (outcome) p1 else 1.0 - p1)
        return outcome
    }

    /** [clbitCounts]: in ascending order of the strings, as [sampleFinalState] and [runPerShot] give them. */
    private fun toResult(circuit: CompiledCircuit, shots: Int, clbitCounts: Map<String, Int>): SimulationResult {
        val counts = LinkedHashMap<String, Map<String, Int>>()
        var offset = 0
        for (reg in circuit.classicalRegisters) {
            counts[reg.name] = if (offset == 0 && reg.size == circuit.numClbits) {
                LinkedHashMap(clbitCounts)
            } else {
                val perRegister = HashMap<String, Int>()
                for ((bits, count) in clbitCounts) perRegister.merge(bits.substring(offset, offset + reg.size), count, Int::plus)
                sortedByBits(perRegister)
            }
            offset += reg.size
        }
        return SimulationResult(shots, counts, clbitCounts, circuit.primitiveCount)
    }

    /** [histogram] in ascending order of its bitstrings: sorted once, then kept in a map that iterates in that order. */
    private fun sortedByBits(histogram: Map<String, Int>): Map<String, Int> {
        val keys = histogram.keys.toTypedArray()
        keys.sort()
        val sorted = LinkedHashMap<String, Int>(keys.size * 4 / 3 + 1)
        for (k in keys) sorted[k] = histogram.getValue(k)
        return sorted
    }

    /** Constants of the simulator. */
    public companion object {
        /** Widest circuit accepted: 2^28 amplitudes already take 4 GiB of heap. */
        public const val MAX_QUBITS: Int = 28

        /** Shots drawn from a final distribution between two questions to the `cancelled` callback of [run]. */
        public const val CANCEL_CHECK_SHOTS: Int = 4096

        private val NEVER_CANCELLED = BooleanSupplier { false }

        private val FLIP = Array(MAX_QUBITS) { q ->
            UnitaryOp(q, IntArray(0), doubleArrayOf(0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0))
        }
    }
}
