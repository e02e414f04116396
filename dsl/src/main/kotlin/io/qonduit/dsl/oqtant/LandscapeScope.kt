package io.qonduit.dsl.oqtant

import io.qonduit.dsl.units.Kilohertz
import io.qonduit.dsl.units.Micrometers
import io.qonduit.dsl.units.Milliseconds
import io.qonduit.oqtant.model.InterpolationType

/**
 * The `landscape { }` block of [quantumMatter]: a painted potential given as 2..5 snapshots in time.
 *
 * ```
 * landscape {
 *     snapshot(0.ms) { point((-10).um, 0.kHz); point(10.um, 0.kHz) }
 *     snapshot(2.ms) { point((-10).um, 5.kHz); point(10.um, 20.kHz) }
 * }
 * ```
 */
@OqtantDsl
public class LandscapeScope internal constructor(private val builder: LandscapeBuilder) {
    /** How the potential changes between snapshots (default `LINEAR`). */
    public var interpolation: InterpolationType
        get() = builder.interpolation
        set(value) {
            builder.interpolation = value
        }

    /** Adds the snapshot at [time]; add its points in [block], in ascending position. */
    public fun snapshot(
        time: Milliseconds,
        spatialInterpolation: InterpolationType = InterpolationType.LINEAR,
        block: SnapshotScope.() -> Unit,
    ) {
        val s = SnapshotScope().apply(block)
        builder.snapshot(time.value, s.positions, s.potentials, spatialInterpolation)
    }

    /** Adds the snapshot at [time] with one potential per position. */
    public fun snapshot(
        time: Milliseconds,
        positions: List<Micrometers>,
        potentials: List<Kilohertz>,
        spatialInterpolation: InterpolationType = InterpolationType.LINEAR,
    ) {
        builder.snapshot(time.value, positions.map { it.value }, potentials.map { it.value }, spatialInterpolation)
    }
}

/** The points of one landscape snapshot. */
@OqtantDsl
public class SnapshotScope internal constructor() {
    internal val positions = mutableListOf<Double>()
    internal val potentials = mutableListOf<Double>()

    /** The potential is [potential] at [position]. Repeat a position to make a step. */
    public fun point(position: Micrometers, potential: Kilohertz) {
        positions += position.value
        potentials += potential.value
    }
}
