package io.qonduit.fuzz

import io.kotest.property.Arb
import io.kotest.property.arbitrary.arbitrary
import kotlin.random.Random

/**
 * Inputs made from real ones (fixtures): each a seed with 1 to 4 edits — bytes flipped or set,
 * runs inserted (including deep bracket nests and long digit runs), ranges deleted or duplicated,
 * a cut — the damage real transfers and hostile peers produce, mostly still close to valid.
 */
fun mutationsOf(seeds: List<ByteArray>): Arb<ByteArray> {
    require(seeds.isNotEmpty()) { "mutations need at least one seed" }
    return arbitrary { rs -> mutate(seeds[rs.random.nextInt(seeds.size)], rs.random) }
}

private fun mutate(seed: ByteArray, random: Random): ByteArray {
    var bytes = seed
    repeat(1 + random.nextInt(MAX_EDITS)) { bytes = edit(bytes, random) }
    return bytes
}

private fun edit(bytes: ByteArray, random: Random): ByteArray {
    if (bytes.isEmpty()) return byteArrayOf(random.nextInt(256).toByte())
    val at = random.nextInt(bytes.size)
    return when (random.nextInt(7)) {
        0 -> bytes.copyOf().also { it[at] = (it[at].toInt() xor (1 shl random.nextInt(8))).toByte() }
        1 -> bytes.copyOf().also { it[at] = INTERESTING[random.nextInt(INTERESTING.size)] }
        2 -> insert(bytes, at, ByteArray(1 + random.nextInt(8)) { random.nextInt(256).toByte() })
        3 -> insert(bytes, at, nest(random))
        4 -> bytes.copyOfRange(0, at) + bytes.copyOfRange(minOf(bytes.size, at + 1 + random.nextInt(16)), bytes.size)
        5 -> insert(bytes, at, bytes.copyOfRange(at, minOf(bytes.size, at + 1 + random.nextInt(64))))
        else -> bytes.copyOf(at)
    }
}

/** Deep nesting and huge numbers, the inputs recursive decoders and overflow checks meet. */
private fun nest(random: Random): ByteArray = when (random.nextInt(4)) {
    0 -> "[".repeat(1 + random.nextInt(5_000))
    1 -> "{\"a\":".repeat(1 + random.nextInt(2_000))
    2 -> "(".repeat(1 + random.nextInt(5_000))
    else -> "9".repeat(1 + random.nextInt(40))
}.toByteArray()

private fun insert(bytes: ByteArray, at: Int, run: ByteArray): ByteArray = bytes.copyOfRange(0, at) + run + bytes.copyOfRange(at, bytes.size)

private val INTERESTING = byteArrayOf(0, -1, 0x7f, -128, '"'.code.toByte(), '-'.code.toByte(), '9'.code.toByte(), '{'.code.toByte(), ']'.code.toByte(), '\n'.code.toByte())
private const val MAX_EDITS = 4
