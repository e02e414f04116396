package io.qonduit.bench.soak

import io.qonduit.circuit.circuit
import io.qonduit.program.Program

/** A circuit with one certain outcome: X on the qubits of [mask], every qubit measured. */
internal class KnownProgram(val program: Program, val expected: String)

/**
 * [count] distinct deterministic programs (at most 510): for n = 1..8 qubits every mask of n
 * bits, so no two programs of one provider share a payload. The expected bitstring has qubit `i`
 * at character `i` (how every Qonduit target reports register `c`).
 */
internal fun knownPrograms(count: Int): List<KnownProgram> {
    val all = (1..MAX_QUBITS).asSequence().flatMap { n -> (0 until (1 shl n)).asSequence().map { n to it } }
    val picked = all.take(count).toList()
    require(picked.size == count) { "at most ${picked.size} distinct programs, asked for $count" }
    return picked.map { (n, mask) ->
        val program = circuit {
            val q = qreg("q", n)
            val c = creg("c", n)
            for (i in 0 until n) if (mask shr i and 1 == 1) x(q[i])
            measure(q, c)
        }
        KnownProgram(program, String(CharArray(n) { i -> if (mask shr i and 1 == 1) '1' else '0' }))
    }
}

private const val MAX_QUBITS = 8
