package io.qonduit.qpi

import io.qonduit.backend.ProgramTexts
import io.qonduit.circuit.ClassicalRegister
import io.qonduit.program.Program
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.longOrNull
import kotlinx.serialization.json.jsonPrimitive

/**
 * Count-key conversions for QPI results.
 *
 * The QPI driver writes little-endian binary keys, `num_clbits` wide, with `c[0]` the rightmost
 * character. QPI's Python client shows them as hex (`"11"` → `"0x3"`). Qonduit also gives them as
 * normal big-endian counts per classical register (`c[0]` leftmost), splitting the bits by the
 * registers the circuit declares.
 */
public object QpiCounts {
    /** Python-client style hex keys: integer keys → `hex(k)`, `0x` keys kept, binary keys converted. */
    @JvmStatic
    public fun toHex(counts: Map<String, Long>): Map<String, Long> {
        val hex = linkedMapOf<String, Long>()
        for ((key, count) in counts) {
            val k = when {
                key.startsWith("0x") -> key
                key.all { it == '0' || it == '1' } && key.isNotEmpty() -> "0x" + key.toBigInteger(2).toString(16)
                else -> "0x" + key.toBigInteger().toString(16)
            }
            hex.merge(k, count, Long::plus)
        }
        return hex
    }

    /**
     * Driver keys (little-endian binary, or hex) → big-endian bitstrings per register, for a circuit
     * with classical [registers] in declaration order.
     */
    @JvmStatic
    public fun toRegisters(counts: Map<String, Long>, registers: List<ClassicalRegister>): Map<String, Map<String, Long>> {
        // Sorted by bitstring, as every other target returns them.
        val out = registers.associate { it.name to sortedMapOf<String, Long>() }
        for ((key, count) in counts) {
            split(key, registers).forEach { (name, bits) -> out.getValue(name).merge(bits, count, Long::plus) }
        }
        return out
    }

    /** One driver key (little-endian binary or hex) as big-endian bitstrings per register. */
    private fun split(key: String, registers: List<ClassicalRegister>): List<Pair<String, String>> {
        val width = registers.sumOf { it.size }
        val littleEndian = if (key.startsWith("0x")) key.removePrefix("0x").toBigInteger(16).toString(2).padStart(width, '0') else key
        val global = littleEndian.padStart(width, '0').reversed() // clbit 0 first
        var offset = 0
        return registers.map { register ->
            (register.name to global.substring(offset, offset + register.size)).also { offset += register.size }
        }
    }

    /** Per-shot memory as big-endian bitstrings per register, when [memory] is a list of keys; else null (IQ data). */
    internal fun memoryOf(memory: JsonElement?, registers: List<ClassicalRegister>): Map<String, List<String>>? {
        val shots = (memory as? JsonArray)?.map { (it as? JsonPrimitive)?.takeIf { p -> p.isString }?.content ?: return null } ?: return null
        if (shots.any { key -> key.isEmpty() || !(key.startsWith("0x") || key.all { it == '0' || it == '1' }) }) return null
        val out = registers.associate { it.name to ArrayList<String>(shots.size) }
        for (key in shots) split(key, registers).forEach { (name, bits) -> out.getValue(name).add(bits) }
        return out
    }

    /**
     * The classical registers of [program], or one register `c` as wide as the keys when the program
     * cannot be read here.
     */
    internal fun registersOf(program: Program, keyWidth: Int): List<ClassicalRegister> =
        ProgramTexts.circuitOrNull(program)?.classicalRegisters?.ifEmpty { null } ?: listOf(ClassicalRegister("c", keyWidth))

    internal fun countsOf(element: JsonElement?): Map<String, Long> =
        (element as? JsonObject)?.mapNotNull { (k, v) -> (v as? JsonPrimitive)?.longOrNull?.let { k to it } }?.toMap().orEmpty()

    internal fun width(counts: Map<String, Long>): Int =
        counts.keys.maxOfOrNull { if (it.startsWith("0x")) it.removePrefix("0x").toBigInteger(16).bitLength() else it.length } ?: 0

    internal fun intOf(element: JsonElement?): Int? = (element as? JsonPrimitive)?.intOrNull
}
