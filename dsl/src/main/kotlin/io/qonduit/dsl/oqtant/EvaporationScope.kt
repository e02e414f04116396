package io.qonduit.dsl.oqtant

import io.qonduit.dsl.units.Megahertz
import io.qonduit.dsl.units.Milliseconds
import io.qonduit.dsl.units.Milliwatts
import io.qonduit.oqtant.model.RfInterpolationType

/**
 * The `evaporation { }` block of [quantumMatter]: the RF ramp that cools the atoms into a condensate.
 *
 * ```
 * evaporation {
 *     point((-1600).ms, 17.MHz, 500.mW)
 *     point(0.ms, 0.045.MHz, 220.mW)
 * }
 * ```
 *
 * Times are shifted so the latest point is at 0 ms (the end of evaporation); they must be whole milliseconds.
 */
@OqtantDsl
public class EvaporationScope internal constructor(private val builder: EvaporationBuilder) {
    /** Adds a point: at [time] the RF is at [frequency] with [power]. Add points in time order. */
    public fun point(time: Milliseconds, frequency: Megahertz, power: Milliwatts) {
        builder.point(time.value, frequency.value, power.value)
    }

    /** How frequency and power change between points (default `LINEAR`). */
    public var interpolation: RfInterpolationType
        get() = builder.interpolation
        set(value) {
            builder.interpolation = value
        }
}
