package io.qonduit.qpi

import io.qonduit.simulator.ClassicalRegister
import io.qonduit.simulator.OpenQasm
import io.qonduit.simulator.QasmException
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.intOrNull
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
    public fun toHex(counts: Map<String, Int>): Map<String, Int> {
        val hex = linkedMapOf<String, Int>()
        for ((key, count) in counts) {
            val k = when {
                key.startsWith("0x") -> key
                key.all { it == '0' || it == '1' } && key.isNotEmpty() -> "0x" + key.toBigInteger(2).toString(16)
                else -> "0x" + key.toBigInteger().toString(16)
            }
            hex.merge(k, count, Int::plus)
        }
        return hex
    }

    /**
     * Driver keys (little-endian binary, or hex) → big-endian bitstrings per register, for a circuit
     * with classical [registers] in declaration order.
     */
    @JvmStatic
    public fun toRegisters(counts: Map<String, Int>, registers: List<ClassicalRegister>): Map<String, Map<String, Int>> {
        val width = registers.sumOf { it.size }
        val out = registers.associate { it.name to linkedMapOf<String, Int>() }
        for ((key, count) in counts) {
            val littleEndian = if (key.startsWith("0x")) key.removePrefix("0x").toBigInteger(16).toString(2).padStart(width, '0') else key
            val global = littleEndian.padStart(width, '0').reversed() // clbit 0 first
            var offset = 0
            for (register in registers) {
                val bits = global.substring(offset, offset + register.size)
                out.getValue(register.name).merge(bits, count, Int::plus)
                offset += register.size
            }
        }
        return out
    }

    /**
     * The classical registers of [qasm], or one register `c` as wide as the keys when the program
     * cannot be read here (for example a placeholder bound only on the server).
     */
    internal fun registersOf(qasm: String, parameterNames: List<String>, firstBinding: List<Double>?, keyWidth: Int): List<ClassicalRegister> {
        val bound = if (firstBinding != null && firstBinding.size == parameterNames.size) parameterNames.zip(firstBinding).toMap() else parameterNames.associateWith { 0.0 }
        return try {
            OpenQasm.parse(qasm, bound).classicalRegisters.filter { it.size > 0 }.ifEmpty { listOf(ClassicalRegister("c", keyWidth)) }
        } catch (e: QasmException) {
            listOf(ClassicalRegister("c", keyWidth))
        }
    }

    internal fun countsOf(element: JsonElement?): Map<String, Int> =
        (element as? JsonObject)?.mapNotNull { (k, v) -> (v as? JsonPrimitive)?.intOrNull?.let { k to it } }?.toMap().orEmpty()

    internal fun width(counts: Map<String, Int>): Int =
        counts.keys.maxOfOrNull { if (it.startsWith("0x")) it.removePrefix("0x").toBigInteger(16).bitLength() else it.length } ?: 0

    internal fun intOf(element: JsonElement?): Int? = (element as? JsonPrimitive)?.intOrNull
}
