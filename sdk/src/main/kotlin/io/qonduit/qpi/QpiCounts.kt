package io.qonduit.qpi

import io.qonduit.backend.ProgramTexts
import io.qonduit.circuit.ClassicalRegister
import io.qonduit.program.Program
import io.qonduit.errors.ReplySource
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.longOrNull

/**
 * Count-key conversions for QPI results.
 *
 * The QPI driver writes little-endian binary keys, `num_clbits` wide, with `c[0]` the rightmost
 * character. QPI's Python client shows them as hex (`"11"` → `"0x3"`). Qonduit also gives them as
 * normal big-endian counts per classical register (`c[0]` leftmost), splitting the bits by the
 * registers the circuit declares.
 */
public object QpiCounts {
    /** For the public conversions, which decode keys outside any job. */
    private val NO_JOB = ReplySource(QpiBackend.PROVIDER, null)

    /**
     * Python-client style hex keys: integer keys → `hex(k)`, `0x` keys kept, binary keys converted.
     *
     * @throws io.qonduit.errors.ResponseDecodeException naming the key when it is none of these
     */
    @JvmStatic
    public fun toHex(counts: Map<String, Long>): Map<String, Long> {
        val hex = linkedMapOf<String, Long>()
        for ((key, count) in counts) {
            val k = when {
                key.startsWith("0x") -> key
                isBinary(key) -> "0x" + key.toBigInteger(2).toString(16)
                else -> "0x" + (key.toBigIntegerOrNull()?.takeIf { it.signum() >= 0 } ?: NO_JOB.fail("counts[\"$key\"]", KEY_RULE)).toString(16)
            }
            hex.merge(k, count, Long::plus)
        }
        return hex
    }

    /**
     * Driver keys (little-endian binary, or hex) → big-endian bitstrings per register, for a circuit
     * with classical [registers] in declaration order.
     *
     * @throws io.qonduit.errors.ResponseDecodeException naming the key when it is not a bitstring as
     *   wide as the registers together, or a hex key that fits them
     */
    @JvmStatic
    public fun toRegisters(counts: Map<String, Long>, registers: List<ClassicalRegister>): Map<String, Map<String, Long>> =
        toRegisters(counts, registers, "counts", NO_JOB)

    internal fun toRegisters(
        counts: Map<String, Long>,
        registers: List<ClassicalRegister>,
        field: String,
        source: ReplySource,
    ): Map<String, Map<String, Long>> {
        // Sorted by bitstring, as every other target returns them.
        val out = registers.associate { it.name to sortedMapOf<String, Long>() }
        for ((key, count) in counts) {
            split(key, registers, "$field[\"$key\"]", source).forEach { (name, bits) -> out.getValue(name).merge(bits, count, Long::plus) }
        }
        return out
    }

    /** One driver key (little-endian binary or hex) as big-endian bitstrings per register. */
    private fun split(key: String, registers: List<ClassicalRegister>, field: String, source: ReplySource): List<Pair<String, String>> {
        val global = littleEndianBits(key, registers.sumOf { it.size }, field, source).reversed() // clbit 0 first
        var offset = 0
        return registers.map { register ->
            (register.name to global.substring(offset, offset + register.size)).also { offset += register.size }
        }
    }

    /**
     * [key] as exactly [width] little-endian bits. A binary key must already be that wide (the driver
     * writes `num_clbits` characters; padding or cutting one would move bits between clbits); a hex
     * key must fit in [width] bits.
     */
    private fun littleEndianBits(key: String, width: Int, field: String, source: ReplySource): String {
        if (key.startsWith("0x")) {
            val value = key.removePrefix("0x").toBigIntegerOrNull(16)?.takeIf { it.signum() >= 0 } ?: source.fail(field, KEY_RULE)
            if (value.bitLength() > width) source.fail(field, "is wider than the $width classical bits of the circuit")
            return value.toString(2).padStart(width, '0')
        }
        if (!isBinary(key) && key.isNotEmpty()) source.fail(field, KEY_RULE)
        if (key.length != width) source.fail(field, "must be exactly $width bits wide, the classical bits of the circuit (it has ${key.length})")
        return key
    }

    /**
     * Per-shot memory as big-endian bitstrings per register, when [memory] is a list of keys; else
     * null (IQ data, which are lists of points).
     */
    internal fun memoryOf(memory: JsonElement?, registers: List<ClassicalRegister>, field: String, source: ReplySource): Map<String, List<String>>? {
        val shots = (memory as? JsonArray)?.map { (it as? JsonPrimitive)?.takeIf { p -> p.isString }?.content ?: return null } ?: return null
        val out = registers.associate { it.name to ArrayList<String>(shots.size) }
        shots.forEachIndexed { i, key -> split(key, registers, "$field[$i]", source).forEach { (name, bits) -> out.getValue(name).add(bits) } }
        return out
    }

    /**
     * The classical registers of [program], or one register `c` as wide as the keys when the program
     * cannot be read here (none when there are no keys to size it, e.g. IQ memory only: a register
     * has at least one bit).
     */
    internal fun registersOf(program: Program, keyWidth: Int): List<ClassicalRegister> =
        ProgramTexts.circuitOrNull(program)?.classicalRegisters?.ifEmpty { null }
            ?: if (keyWidth == 0) emptyList() else listOf(ClassicalRegister("c", keyWidth))

    /** The counts object at [field]: every value a whole number >= 0 that fits 64 bits. */
    internal fun countsOf(element: JsonElement, field: String, source: ReplySource): Map<String, Long> {
        val counts = element as? JsonObject ?: source.fail(field, "must be an object mapping bitstrings to counts")
        return counts.mapValues { (key, value) ->
            (value as? JsonPrimitive)?.takeIf { !it.isString }?.longOrNull?.takeIf { it >= 0 }
                ?: source.fail("$field[\"$key\"]", "must be a whole count from 0 to ${Long.MAX_VALUE}, was $value")
        }
    }

    /** The widest key, in bits (unreadable keys count as 0: they are refused when converted). */
    internal fun width(counts: Map<String, Long>): Int =
        counts.keys.maxOfOrNull { if (it.startsWith("0x")) it.removePrefix("0x").toBigIntegerOrNull(16)?.bitLength() ?: 0 else it.length } ?: 0

    /** A whole number of a request payload or options, leniently: null when absent or not an Int. */
    internal fun intOf(element: JsonElement?): Int? = (element as? JsonPrimitive)?.intOrNull

    /** The non-negative whole number at [field] of a reply, or null when absent. */
    internal fun intOf(element: JsonElement?, field: String, source: ReplySource): Int? {
        if (element == null || element == JsonNull) return null
        return (element as? JsonPrimitive)?.takeIf { !it.isString }?.intOrNull?.takeIf { it >= 0 }
            ?: source.fail(field, "must be a whole number from 0 to ${Int.MAX_VALUE}, was $element")
    }

    private fun isBinary(key: String): Boolean = key.isNotEmpty() && key.all { it == '0' || it == '1' }

    private const val KEY_RULE = "must be a 0/1 bitstring or a 0x hex key"
}
