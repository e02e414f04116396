package io.qonduit.job

import io.qonduit.errors.ValidationException

/**
 * Counts of one classical register across result items: one row per item (program × binding, in
 * submission order, across every result), one column per bitstring observed in any of them, zero
 * where an item did not observe it (OQC's counts DataArray). Counts are 64-bit.
 *
 * Columns are sorted by [bits], the physical big-endian integer value, whatever the [endianness] of
 * the [bitstrings] labels.
 */
public class CountsTable internal constructor(
    /** The classical register. */
    public val register: String,
    /** The convention of [bitstrings]. */
    public val endianness: Endianness,
    private val bitValues: LongArray,
    /** Column labels, written in [endianness]. */
    public val bitstrings: List<String>,
    private val cells: Array<LongArray>,
    /** How many error outputs were skipped because they carry no counts. */
    public val skippedErrors: Int,
) {
    /** Number of rows (result items). */
    public val rows: Int get() = cells.size

    /** Number of columns (distinct bitstrings). */
    public val columns: Int get() = bitstrings.size

    /** The physical big-endian integer value of each column. */
    public val bits: LongArray get() = bitValues.copyOf()

    /** The count in [row] for column [column]. */
    public operator fun get(row: Int, column: Int): Long = cells[row][column]

    /** The count in [row] for the bitstring [label] (written in [endianness]); 0 when never observed. */
    public operator fun get(row: Int, label: String): Long {
        val col = bitstrings.indexOf(label)
        return if (col < 0) 0L else cells[row][col]
    }

    /** A copy of one row. */
    public fun row(row: Int): LongArray = cells[row].copyOf()

    /** The counts of one bitstring in every row (zeros when never observed). */
    public fun column(label: String): LongArray {
        val col = bitstrings.indexOf(label)
        return LongArray(rows) { if (col < 0) 0L else cells[it][col] }
    }

    /** Sum of each row. */
    public fun totals(): LongArray = LongArray(rows) { cells[it].sum() }

    /**
     * Keeps only the columns whose label matches [pattern]: `'0'`/`'1'` match exactly, `'*'` matches
     * either. The pattern is written in this table's [endianness] and is exactly as long as the labels.
     *
     * @throws ValidationException for an empty or non-binary pattern or a length mismatch
     */
    public fun filter(pattern: String): CountsTable {
        if (bitstrings.isEmpty()) {
            if (pattern.isEmpty() || pattern.any { it != '0' && it != '1' && it != '*' }) requireBitPattern(pattern, pattern.length)
            return this
        }
        requireBitPattern(pattern, bitstrings[0].length)
        val keep = bitstrings.indices.filter { col -> matches(bitstrings[col], pattern) }
        return CountsTable(
            register, endianness,
            LongArray(keep.size) { bitValues[keep[it]] },
            keep.map { bitstrings[it] },
            Array(rows) { r -> LongArray(keep.size) { cells[r][keep[it]] } },
            skippedErrors,
        )
    }

    override fun toString(): String = buildString {
        append("CountsTable(").append(register).append(", ").append(endianness).append(")\n")
        append("item").append(bitstrings.joinToString("") { "\t$it" }).append('\n')
        cells.forEachIndexed { r, row -> append(r).append(row.joinToString("") { "\t$it" }).append('\n') }
    }

    internal companion object {
        private fun matches(label: String, pattern: String): Boolean =
            label.indices.all { pattern[it] == '*' || pattern[it] == label[it] }

        fun of(outputs: List<JobOutput>, creg: String, endianness: Endianness): CountsTable {
            val results = outputs.filterIsInstance<JobResult>()
            val skipped = outputs.size - results.size
            val items = results.flatMap { it.items }
            if (items.isEmpty()) {
                throw ValidationException("results", outputs.size, "need at least one result item to build a counts table (errors skipped: $skipped)")
            }
            if (items.none { creg in it.counts }) {
                throw UnknownRegisterException(creg, items.flatMap { it.counts.keys }.toSet())
            }
            val perRow = items.map { it.counts[creg].orEmpty() }
            val widths = perRow.flatMap { row -> row.keys.map { it.length } }.toSet()
            if (widths.size > 1) {
                throw ValidationException("counts[$creg]", widths.sorted(), "bitstrings of one register must all have the same length")
            }
            val bigLabels = perRow.flatMap { it.keys }.toSortedSet(compareBy<String> { Endianness.bits(it) })
            val columns = bigLabels.toList()
            val values = LongArray(columns.size) { Endianness.bits(columns[it]) }
            val cells = Array(perRow.size) { r -> LongArray(columns.size) { c -> perRow[r][columns[c]] ?: 0L } }
            return CountsTable(creg, endianness, values, columns.map { endianness.label(it) }, cells, skipped)
        }
    }
}
