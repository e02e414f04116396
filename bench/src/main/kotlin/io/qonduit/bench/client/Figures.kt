package io.qonduit.bench.client

import java.util.Locale

/**
 * Median and range of one figure over the rounds of a benchmark. The machine is shared, so every
 * comparison is a per-round ratio of ours to the peer, summarised by its median and min–max.
 */
internal data class Spread(val median: Double, val min: Double, val max: Double) {
    fun format(digits: Int = 2): String =
        if (min == max) fmt(median, digits) else "${fmt(median, digits)} (${fmt(min, digits)}–${fmt(max, digits)})"

    companion object {
        fun of(values: List<Double>): Spread {
            require(values.isNotEmpty()) { "no rounds to summarise" }
            val sorted = values.sorted()
            val mid = sorted.size / 2
            val median = if (sorted.size % 2 == 1) sorted[mid] else (sorted[mid - 1] + sorted[mid]) / 2
            return Spread(median, sorted.first(), sorted.last())
        }
    }
}

internal fun fmt(value: Double, digits: Int = 2): String = String.format(Locale.ROOT, "%,.${digits}f", value)

/**
 * The driver's mode: `--quick` (the default; CI runs it, a few minutes in all) or `--full` (the
 * figures in BENCHMARKS.md). Each benchmark picks its own rounds and sizes for the two; the other
 * arguments are what is left once the mode is taken out.
 */
internal class Mode(args: Array<String>) {
    val full: Boolean = "--full" in args
    val name: String = if (full) "full" else "quick"
    val rest: List<String> = args.filter { it != "--full" && it != "--quick" }

    init {
        rest.firstOrNull { it.startsWith("--") }?.let { throw IllegalArgumentException("unknown option $it: use --quick or --full") }
    }

    fun <T> pick(quick: T, full: T): T = if (this.full) full else quick
}

/** Prints a Markdown table, header first: the driver's output is pasted into BENCHMARKS.md as is. */
internal fun printTable(title: String, header: List<String>, rows: List<List<String>>) {
    println()
    println("### $title")
    println()
    println(header.joinToString(" | ", "| ", " |"))
    println(header.joinToString(" | ", "| ", " |") { "---" })
    rows.forEach { println(it.joinToString(" | ", "| ", " |")) }
    println()
}

/** Runs [command] and returns its standard output; its standard error goes to ours. Fails on a non-zero exit. */
internal fun runPeer(command: List<String>): String {
    val process = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start()
    val output = process.inputStream.bufferedReader().readText()
    val status = process.waitFor()
    check(status == 0) { "${command.first()} exited with $status" }
    return output
}

/** The number after [key] on its own line of [output] (`key value`), as the peer scripts print it. */
internal fun peerFigure(output: String, key: String): Double =
    output.lineSequence().map { it.trim().split(Regex("\\s+")) }.firstOrNull { it.size == 2 && it[0] == key }?.get(1)?.toDouble()
        ?: throw IllegalStateException("the peer printed no '$key' line:\n$output")
