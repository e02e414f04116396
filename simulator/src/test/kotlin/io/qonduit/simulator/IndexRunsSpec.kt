package io.qonduit.simulator

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * [IndexRuns.forRuns] and [IndexRuns.sumRuns] hand out exactly the indices whose bits at the positions
 * match the mask, each once: for short runs walked several per deposit (positions at 0, 1 or 2, next to each
 * other or not), for
 * long runs cut into segments, serial and split over the cores.
 */
class IndexRunsSpec : FunSpec({
    val cases = listOf(
        16 to intArrayOf(0), 16 to intArrayOf(0, 1), 16 to intArrayOf(0, 15), 16 to intArrayOf(1, 3, 9),
        16 to intArrayOf(2, 14), 17 to intArrayOf(0, 2, 16), 18 to intArrayOf(13, 17), 10 to intArrayOf(0, 9),
        18 to intArrayOf(17), 12 to intArrayOf(3, 4, 5), 16 to intArrayOf(1, 2), 16 to intArrayOf(1, 2, 3, 7),
        20 to intArrayOf(7, 8), 14 to intArrayOf(0, 1, 13), 6 to intArrayOf(4, 5),
    )

    for ((n, positions) in cases) {
        val mask = 1 shl positions.last() // the top position set, as a control would be; the others clear
        test("$n qubits, positions ${positions.toList()}: every matching index once, no other") {
            val visits = IntArray(1 shl n)
            IndexRuns.forRuns(n, positions, mask) { s, e -> for (k in s until e) synchronized(visits) { visits[k]++ } }
            val fixed = positions.fold(0) { acc, p -> acc or (1 shl p) }
            val wrong = visits.indices.count { k -> visits[k] != (if (k and fixed == mask) 1 else 0) }
            wrong shouldBe 0

            val sum = IndexRuns.sumRuns(n, positions, mask) { s, e -> (s until e).sumOf { it.toDouble() } }
            sum shouldBe visits.indices.filter { it and fixed == mask }.sumOf { it.toDouble() }
        }
    }
})
