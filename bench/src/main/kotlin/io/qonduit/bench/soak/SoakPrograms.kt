package io.qonduit.bench.soak

import io.qonduit.circuit.circuit
import io.qonduit.program.Program

/** A circuit with one certain outcome: X on the qubits of [mask], every qubit measured, run [shots] times. */
internal class KnownProgram(val program: Program, val expected: String, val shots: Int) {
    /** The only counts a right result can have. */
    val counts: Map<String, Long> get() = mapOf(expected to shots.toLong())
}

/**
 * [count] deterministic programs, no two with the same payload, so a provider's lookup of a lost
 * submission can never confuse two of them: for n = 1..8 qubits (OQC's Lucy has 8) every mask of n
 * bits, 510 circuits, run [BASE_SHOTS] times; beyond 510 the circuits repeat with one shot more
 * each round. The expected bitstring has qubit `i` at character `i` (how every Qonduit target
 * reports register `c`).
 */
internal fun knownPrograms(count: Int): List<KnownProgram> {
    val circuits = (1..MAX_QUBITS).flatMap { n -> (0 until (1 shl n)).map { n to it } }
    return (0 until count).map { i ->
        val (n, mask) = circuits[i % circuits.size]
        val program = circuit {
            val q = qreg("q", n)
            val c = creg("c", n)
            for (b in 0 until n) if (mask shr b and 1 == 1) x(q[b])
            measure(q, c)
        }
        KnownProgram(program, String(CharArray(n) { b -> if (mask shr b and 1 == 1) '1' else '0' }), BASE_SHOTS + i / circuits.size)
    }
}

private const val MAX_QUBITS = 8
private const val BASE_SHOTS = 16
