package io.qonduit.emulator.oqc

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.util.SplittableRandom

/**
 * Shapes one classical register's shots as the compiler config's `results_format` asks, following
 * OQC's QAT post-processing (`binary`, `binary_average`, `binary_count`, `squash_binary` and the
 * list unwrapping of `numpy_array_to_list`):
 *
 * * `BinaryCount` transform (the default `binary_count()`): `{"00": n, "11": m}`, c[0] leftmost;
 * * `Raw` format (or none): one list per bit of per-shot readout values in shot order. Raw readout
 *   is the Z projection, so an ideal readout gives `1.0` for 0 and `-1.0` for 1 (QAT's `binary`
 *   maps a value > 0 to 0);
 * * `Binary` format: the shots of each bit averaged to one definitive 0/1 (ties read 1);
 * * `SquashBinaryResultArrays` (with `Binary`, as `squash_binary_result_arrays()` sets): those bits
 *   as one string `"01"`; QAT answers `null` when the values are not 0/1 integers (Raw readout).
 *
 * A list of one element is replaced by that element (a one-bit register, a single shot), as QAT's
 * list conversion does.
 *
 * @property format the `InlineResultsProcessing` flags (`Raw` = 1, `Binary` = 2), 0 when absent
 * @property transforms the `ResultsFormatting` flags (`BinaryCount` = 1, `SquashBinaryResultArrays` = 4)
 */
internal class OqcResultsFormat(private val format: Int, private val transforms: Int) {
    val binaryCount: Boolean get() = transforms and BINARY_COUNT != 0

    /**
     * The results of every register. The simulator gives counts only; the shots are laid out in a
     * seeded random order, which has the distribution of independently drawn shots (and keeps the
     * counts exact).
     */
    fun results(counts: Map<String, Map<String, Int>>, random: SplittableRandom): JsonObject = buildJsonObject {
        for ((creg, registerCounts) in counts) {
            if (binaryCount) {
                put(creg, buildJsonObject { registerCounts.toSortedMap().forEach { (bits, n) -> put(bits, n) } })
            } else {
                put(creg, register(shotOrder(registerCounts, random)))
            }
        }
    }

    private fun register(shots: List<String>): JsonElement {
        val width = shots.first().length
        if (format and BINARY != 0) {
            val bits = (0 until width).map { bit -> if (shots.count { it[bit] == '1' } * 2 >= shots.size) 1 else 0 }
            if (transforms and SQUASH != 0) return JsonPrimitive(bits.joinToString(""))
            return unwrap(bits.map { JsonPrimitive(it) })
        }
        if (transforms and SQUASH != 0) return JsonNull
        return unwrap((0 until width).map { bit -> unwrap(shots.map { JsonPrimitive(if (it[bit] == '1') -1.0 else 1.0) }) })
    }

    private fun unwrap(items: List<JsonElement>): JsonElement = items.singleOrNull() ?: JsonArray(items)

    private fun shotOrder(counts: Map<String, Int>, random: SplittableRandom): List<String> {
        val shots = counts.toSortedMap().flatMap { (bits, n) -> List(n) { bits } }.toMutableList()
        for (i in shots.size - 1 downTo 1) {
            val j = random.nextInt(i + 1)
            shots[i] = shots[j].also { shots[j] = shots[i] }
        }
        return shots
    }

    companion object {
        private const val BINARY = 2
        private const val BINARY_COUNT = 1
        private const val SQUASH = 4
    }
}
