package io.qonduit.dsl.oqtant

import io.qonduit.errors.Violation
import io.qonduit.oqtant.model.RfEvaporation
import io.qonduit.oqtant.model.RfInterpolationType
import kotlin.math.roundToInt

/**
 * Builds the RF evaporation ramp that makes the condensate, one point at a time, with plain numbers in
 * the service units (ms, MHz, mW). Kotlin code uses `evaporation { point(...) }` in [quantumMatter] instead.
 *
 * As in the Python client's `create_rf_evap`, times are shifted so that the latest point is at 0 ms, the
 * end of evaporation: `point(0, ...)`, `point(400, ...)` and `point(-400, ...)`, `point(0, ...)` make the
 * same ramp. RF times are whole milliseconds; a fractional time is reported as a violation.
 *
 * ```java
 * new EvaporationBuilder().point(-1600, 17.0, 500.0).point(0, 0.045, 220.0)
 * ```
 */
public class EvaporationBuilder {
    internal var interpolation: RfInterpolationType = RfInterpolationType.LINEAR
    private val points = mutableListOf<RfPoint>()

    /** How frequency and power change between points (default `LINEAR`). */
    public fun interpolation(interpolation: RfInterpolationType): EvaporationBuilder = apply {
        this.interpolation = interpolation
    }

    /** Adds a point: at [timeMs] the RF is at [frequencyMhz] with [powerMw]. Points must be added in time order. */
    public fun point(timeMs: Double, frequencyMhz: Double, powerMw: Double): EvaporationBuilder = apply {
        points += RfPoint(timeMs, frequencyMhz, powerMw)
    }

    internal fun draft(): Drafted<RfEvaporation> {
        val problems = mutableListOf<Violation>()
        val end = points.maxOfOrNull { it.timeMs } ?: 0.0
        val times = points.mapIndexed { i, p ->
            val shifted = p.timeMs - end
            // NaN and infinities are not whole numbers either; an Int holds every time the service accepts.
            val whole = shifted == Math.rint(shifted) && shifted >= Int.MIN_VALUE
            if (!whole) {
                problems += Violation("times_ms[$i]", p.timeMs, "must be a whole number of milliseconds (RF times are integers)")
            }
            // The nearest time keeps the ramp's other rules meaningful; NaN has none (refused above).
            if (shifted.isNaN()) 0 else shifted.roundToInt()
        }
        val rf = RfEvaporation(times, points.map { it.frequencyMhz }, points.map { it.powerMw }, interpolation)
        return Drafted(rf, problems)
    }

    private class RfPoint(val timeMs: Double, val frequencyMhz: Double, val powerMw: Double)
}
