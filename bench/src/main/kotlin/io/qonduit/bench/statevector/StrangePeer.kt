package io.qonduit.bench.statevector

import org.redfx.strange.Complex
import org.redfx.strange.Gate
import org.redfx.strange.Program
import org.redfx.strange.Step
import org.redfx.strange.gate.Cnot
import org.redfx.strange.gate.Cr
import org.redfx.strange.gate.Hadamard
import org.redfx.strange.gate.RotationZ
import org.redfx.strange.gate.SingleQubitMatrixGate
import org.redfx.strange.gate.Swap
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment
import java.io.File
import kotlin.math.cos
import kotlin.math.sin

/**
 * Runs the bench's op list (one gate a line: `NAME QUBITS... PARAMS...`, written by circuits.py) on
 * Strange 0.1.3's local simulator, one gate per step.
 */
internal object StrangePeer {
    @Volatile
    private var blackhole: Any? = null

    fun run(file: File, shots: Int): Double {
        val lines = file.readLines().filter { it.isNotBlank() }
        val n = lines.first().removePrefix("qubits ").trim().toInt()
        val program = Program(n)
        for (line in lines.drop(1)) program.addStep(Step(gate(line.trim().split(' '))))
        val start = System.nanoTime()
        val result = SimpleQuantumExecutionEnvironment().runProgram(program)
        blackhole = if (shots == 0) result.probability else IntArray(shots) { result.measuredProbability }
        val seconds = (System.nanoTime() - start) / 1e9
        blackhole = null
        return seconds
    }

    private fun gate(w: List<String>): Gate = when (w[0]) {
        "h" -> Hadamard(w[1].toInt())
        "rz" -> RotationZ(w[2].toDouble(), w[1].toInt())
        "cx" -> Cnot(w[1].toInt(), w[2].toInt())
        "cu1" -> Cr(w[1].toInt(), w[2].toInt(), w[3].toDouble())
        "swap" -> Swap(w[1].toInt(), w[2].toInt())
        "u3" -> SingleQubitMatrixGate(w[1].toInt(), u3(w[2].toDouble(), w[3].toDouble(), w[4].toDouble()))
        else -> error("Strange peer: no mapping for gate '${w[0]}'")
    }

    private fun u3(theta: Double, phi: Double, lambda: Double): Array<Array<Complex>> {
        val c = cos(theta / 2)
        val s = sin(theta / 2)
        return arrayOf(
            arrayOf(Complex(c, 0.0), Complex(-s * cos(lambda), -s * sin(lambda))),
            arrayOf(Complex(s * cos(phi), s * sin(phi)), Complex(c * cos(phi + lambda), c * sin(phi + lambda))),
        )
    }
}
