package io.qonduit.jupyter

import io.qonduit.job.ResultItem

/** Histograms of measurement counts as SVG (one bar per bitstring, its count above it). */
public object CountsSvg {
    private const val BAR = 36
    private const val GAP = 8
    private const val PLOT_HEIGHT = 160
    private const val MARGIN = 40
    private const val CHART_HEIGHT = PLOT_HEIGHT + 2 * MARGIN

    /** The histogram of one register's counts, bitstrings in lexicographic order. */
    @JvmStatic
    public fun histogram(counts: Map<String, Long>, title: String): String {
        val width = chartWidth(counts.size)
        return """<svg xmlns="http://www.w3.org/2000/svg" width="$width" height="$CHART_HEIGHT">${chart(counts, title)}</svg>"""
    }

    /** Every register of a result item, one histogram under the other. */
    @JvmStatic
    public fun item(item: ResultItem): String {
        val registers = item.counts.keys.sorted()
        val width = registers.maxOfOrNull { chartWidth(item.counts.getValue(it).size) } ?: chartWidth(0)
        val charts = registers.mapIndexed { i, creg ->
            val binding = if (item.binding.isEmpty()) "" else " " + item.binding.entries.joinToString { "${it.key}=${label(it.value)}" }
            """<g transform="translate(0,${i * CHART_HEIGHT})">${chart(item.counts.getValue(creg), "$creg$binding")}</g>"""
        }
        val height = CHART_HEIGHT * maxOf(registers.size, 1)
        return """<svg xmlns="http://www.w3.org/2000/svg" width="$width" height="$height">${charts.joinToString("")}</svg>"""
    }

    private fun chartWidth(bars: Int) = 2 * MARGIN + maxOf(bars, 1) * (BAR + GAP)

    private fun chart(counts: Map<String, Long>, title: String): String {
        val max = counts.values.maxOrNull()?.takeIf { it > 0 } ?: 1L
        val baseline = MARGIN + PLOT_HEIGHT
        val bars = counts.entries.sortedBy { it.key }.mapIndexed { i, (bits, count) ->
            val x = MARGIN + i * (BAR + GAP) + GAP / 2
            val h = (count.toDouble() / max * PLOT_HEIGHT).toInt()
            """<rect class="bar" data-bits="${escape(bits)}" data-count="$count" x="$x" y="${baseline - h}" width="$BAR" height="$h" fill="#31688e"/>""" +
                """<text x="${x + BAR / 2}" y="${baseline - h - 4}" font-size="11" text-anchor="middle">$count</text>""" +
                """<text x="${x + BAR / 2}" y="${baseline + 14}" font-size="11" text-anchor="middle" font-family="monospace">${escape(bits)}</text>"""
        }
        val axis = """<line x1="$MARGIN" y1="$baseline" x2="${chartWidth(counts.size) - MARGIN}" y2="$baseline" stroke="black"/>"""
        val heading = """<text x="$MARGIN" y="${MARGIN / 2}" font-size="13">${escape(title)}</text>"""
        return heading + axis + bars.joinToString("")
    }
}
