package io.qonduit.dsl.oqtant.plot

import kotlin.math.abs
import kotlin.math.ceil
import kotlin.math.floor
import kotlin.math.log10
import kotlin.math.max
import kotlin.math.pow

/** "Nice" axis ticks: steps of 1, 2, 2.5 or 5 × 10^k, about [target] of them between [min] and [max]. */
internal class Ticks(min: Double, max: Double, target: Int = 6) {
    val step: Double
    val values: List<Double>

    init {
        val span = max - min
        step = if (span > 0 && span.isFinite()) niceStep(span / max(1, target - 1)) else 1.0
        val first = ceil(min / step - 1e-9)
        val last = floor(max / step + 1e-9)
        values = if (span > 0 && span.isFinite()) (first.toLong()..last.toLong()).map { it * step } else listOf(min)
    }

    /** [value] with as many decimals as the step needs, never "-0". */
    fun label(value: Double): String {
        // The fewest decimals that write the step exactly (2.5 needs one, 0.25 two).
        val decimals = (0..MAX_DECIMALS).firstOrNull { d ->
            val scaled = step * 10.0.pow(d)
            abs(scaled - Math.rint(scaled)) < 1e-6 * max(1.0, scaled)
        } ?: MAX_DECIMALS
        val text = "%.${decimals}f".format(java.util.Locale.ROOT, value)
        return if (text.trimStart('-').all { it == '0' || it == '.' }) text.trimStart('-') else text
    }

    private fun niceStep(raw: Double): Double {
        val magnitude = 10.0.pow(floor(log10(raw)))
        val fraction = raw / magnitude
        // Nearest nice mantissa, so the tick count stays close to the target.
        val nice = when {
            fraction < 1.5 -> 1.0
            fraction < 2.25 -> 2.0
            fraction < 3.5 -> 2.5
            fraction < 7.5 -> 5.0
            else -> 10.0
        }
        return nice * magnitude
    }

    private companion object {
        const val MAX_DECIMALS = 10
    }
}
