package io.qonduit.emulator.oqtopus

/**
 * One Pauli string of an estimation operator, as OQTOPUS writes it (`"X 0 X 1"`, also `"X0 Y1"`,
 * `"Z 3"`; `""` or `"I"` is the identity): each letter acts on the qubit whose index follows it.
 */
internal class PauliString private constructor(private val xMask: Long, private val zMask: Long, private val yCount: Int, val maxQubit: Int) {
    /**
     * ⟨ψ|P|ψ⟩ for the state with interleaved amplitudes [amplitudes] (`[re0, im0, re1, im1, ...]`,
     * index bit q = qubit q), exactly.
     */
    fun expectation(amplitudes: DoubleArray): Double {
        val dim = amplitudes.size / 2
        var re = 0.0
        var im = 0.0
        for (i in 0 until dim) {
            // P|i> = i^yCount * (-1)^{popcount(i & zMask)} |i ^ xMask>  (Y = i·X·Z)
            val j = (i.toLong() xor xMask).toInt()
            val sign = if (java.lang.Long.bitCount(i.toLong() and zMask) % 2 == 0) 1.0 else -1.0
            // conj(ψ_j) * ψ_i
            val ar = amplitudes[2 * j]
            val ai = -amplitudes[2 * j + 1]
            val br = amplitudes[2 * i]
            val bi = amplitudes[2 * i + 1]
            re += sign * (ar * br - ai * bi)
            im += sign * (ar * bi + ai * br)
        }
        // multiply by i^yCount
        return when (yCount % 4) {
            0 -> re
            1 -> -im
            2 -> -re
            else -> im
        }
    }

    companion object {
        private val TERM = Regex("""([IXYZixyz])\s*(\d+)""")

        /** Parses [text]; throws [IllegalArgumentException] naming the problem. */
        fun parse(text: String): PauliString {
            val trimmed = text.trim()
            if (trimmed.isEmpty() || trimmed == "I" || trimmed == "i") return PauliString(0, 0, 0, -1)
            var x = 0L
            var z = 0L
            var y = 0
            var max = -1
            val seen = HashSet<Int>()
            var position = 0
            val compact = trimmed
            while (position < compact.length) {
                if (compact[position].isWhitespace() || compact[position] == '*') {
                    position++
                    continue
                }
                val match = TERM.matchAt(compact, position)
                    ?: throw IllegalArgumentException("invalid Pauli string '$text': expected a letter I, X, Y or Z followed by a qubit index at position $position")
                val qubit = match.groupValues[2].toIntOrNull()?.takeIf { it < MAX_QUBIT }
                    ?: throw IllegalArgumentException("invalid Pauli string '$text': qubit index ${match.groupValues[2]} is out of range")
                require(seen.add(qubit)) { "invalid Pauli string '$text': qubit $qubit appears twice" }
                val bit = 1L shl qubit
                when (match.groupValues[1].uppercase()) {
                    "X" -> x = x or bit
                    "Z" -> z = z or bit
                    "Y" -> { x = x or bit; z = z or bit; y++ }
                    else -> Unit
                }
                max = maxOf(max, qubit)
                position = match.range.last + 1
            }
            return PauliString(x, z, y, max)
        }

        private const val MAX_QUBIT = 62
    }
}
