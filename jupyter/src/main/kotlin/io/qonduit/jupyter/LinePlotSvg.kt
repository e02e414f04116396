package io.qonduit.jupyter

import io.qonduit.oqtant.model.LineChart

/** Line plots as SVG, for Oqtant's time-of-flight slices. */
public object LinePlotSvg {
    private const val WIDTH = 480
    private const val HEIGHT = 300
    private const val LEFT = 56
    private const val RIGHT = 16
    private const val TOP = 28
    private const val BOTTOM = 44

    /**
     * A slice: optical density against the point's position in the slice (points are placed by their
     * order, as `OqtantPlots.slice` does, since the service's `x` is not always a coordinate).
     */
    @JvmStatic
    public fun slice(chart: LineChart, title: String): String {
        val ys = chart.yValues()
        return render(DoubleArray(ys.size) { it.toDouble() }, ys, title, xLabel = "pixel", yLabel = "OD")
    }

    /** A polyline through `(xs[i], ys[i])` with labelled axes and the data range at their ends. */
    @JvmStatic
    public fun render(xs: DoubleArray, ys: DoubleArray, title: String, xLabel: String, yLabel: String): String {
        require(xs.size == ys.size) { "xs has ${xs.size} values, ys ${ys.size}" }
        require(xs.isNotEmpty()) { "a line plot needs at least one point" }
        val (x0, x1) = range(xs)
        val (y0, y1) = range(ys)
        val plotW = WIDTH - LEFT - RIGHT
        val plotH = HEIGHT - TOP - BOTTOM
        val points = xs.indices.joinToString(" ") { i ->
            val px = LEFT + (xs[i] - x0) / (x1 - x0) * plotW
            val py = TOP + plotH - (ys[i] - y0) / (y1 - y0) * plotH
            "%.2f,%.2f".format(java.util.Locale.ROOT, px, py)
        }
        val bottom = TOP + plotH
        return """<svg xmlns="http://www.w3.org/2000/svg" width="$WIDTH" height="$HEIGHT">""" +
            """<text x="$LEFT" y="18" font-size="13">${escape(title)}</text>""" +
            """<rect x="$LEFT" y="$TOP" width="$plotW" height="$plotH" fill="none" stroke="black"/>""" +
            """<polyline class="line" fill="none" stroke="#31688e" stroke-width="1.5" points="$points"/>""" +
            """<text x="$LEFT" y="${bottom + 14}" font-size="11">${label(x0)}</text>""" +
            """<text x="${LEFT + plotW}" y="${bottom + 14}" font-size="11" text-anchor="end">${label(x1)}</text>""" +
            """<text x="${LEFT + plotW / 2}" y="${bottom + 34}" font-size="12" text-anchor="middle">${escape(xLabel)}</text>""" +
            """<text x="${LEFT - 4}" y="$bottom" font-size="11" text-anchor="end">${label(y0)}</text>""" +
            """<text x="${LEFT - 4}" y="${TOP + 10}" font-size="11" text-anchor="end">${label(y1)}</text>""" +
            """<text x="14" y="${TOP + plotH / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${TOP + plotH / 2})">${escape(yLabel)}</text>""" +
            "</svg>"
    }

    /** The finite range of the values, widened to a unit interval when they are all equal. */
    private fun range(values: DoubleArray): Pair<Double, Double> {
        val finite = values.filter { it.isFinite() }
        val low = finite.minOrNull() ?: 0.0
        val high = finite.maxOrNull() ?: 1.0
        return if (high > low) low to high else (low - 0.5) to (low + 0.5)
    }
}
