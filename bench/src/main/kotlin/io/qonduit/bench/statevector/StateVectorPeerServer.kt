package io.qonduit.bench.statevector

import io.qonduit.circuit.OpenQasm
import io.qonduit.simulator.StateVectorSimulator
import java.io.File

/**
 * The JVM side of `bench/statevector/run`: a long-lived process, so the JIT stays warm across the
 * alternating rounds that `compare.py` drives. One engine per process (`qonduit` or `strange`), so a
 * Strange run that does not finish can be ended by killing its process without losing ours.
 *
 * Reads one command a line on stdin and answers one line on stdout:
 * `run FILE SHOTS` evolves the circuit in FILE (OpenQASM 2 for qonduit, the bench's op list for Strange)
 * and answers the seconds taken, final probabilities (SHOTS = 0) or SHOTS samples included, parsing not;
 * `pass QUBITS QUBIT PASSES` (qonduit only) answers the fastest of PASSES single passes of H on QUBIT over a
 * state of QUBITS qubits, timed inside the engine ([GatePass]).
 */
public fun main(args: Array<String>) {
    val engine = args.singleOrNull() ?: error("usage: StateVectorPeerServer qonduit|strange")
    val run: (File, Int) -> Double = when (engine) {
        "qonduit" -> ::runQonduit
        "strange" -> StrangePeer::run
        else -> error("unknown engine '$engine': expected qonduit or strange")
    }
    println("ready $engine")
    while (true) {
        val line = readlnOrNull() ?: return
        val words = line.trim().split(' ')
        if (words[0] == "quit") return
        val isRun = words.size == 3 && words[0] == "run"
        val isPass = words.size == 4 && words[0] == "pass" && engine == "qonduit"
        require(isRun || isPass) { "expected 'run FILE SHOTS' or (qonduit) 'pass QUBITS QUBIT PASSES', got '$line'" }
        // Each run starts on a collected heap, so it does not pay for collecting what earlier runs left (a
        // 26-qubit run leaves 1.5 GiB): what the Python peers get from reference counting.
        System.gc()
        val seconds = if (isRun) {
            run(File(words[1]), words[2].toInt())
        } else {
            GatePass.fastestSeconds(words[1].toInt(), words[2].toInt(), words[3].toInt())
        }
        println("%.9f".format(seconds))
    }
}

private val simulator = StateVectorSimulator(14L)

/** Sink for results so the JIT cannot drop the work that produced them. */
@Volatile
private var blackhole: Any? = null

private fun runQonduit(file: File, shots: Int): Double {
    val circuit = OpenQasm.parse(file.readText())
    val start = System.nanoTime()
    blackhole = if (shots == 0) simulator.probabilities(circuit) else simulator.run(circuit, shots)
    val seconds = (System.nanoTime() - start) / 1e9
    blackhole = null
    return seconds
}
