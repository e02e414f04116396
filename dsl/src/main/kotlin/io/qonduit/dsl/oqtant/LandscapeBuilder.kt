package io.qonduit.dsl.oqtant

import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.Landscape
import io.qonduit.oqtant.model.OpticalLandscape

/**
 * Builds a painted landscape from 2..5 snapshots, with plain numbers in the service units (ms, µm, kHz).
 * Kotlin code uses `landscape { snapshot(...) { point(...) } }` in [quantumMatter] instead.
 *
 * ```java
 * new LandscapeBuilder()
 *     .snapshot(0, List.of(-10.0, 10.0), List.of(0.0, 0.0))
 *     .snapshot(2, List.of(-10.0, 10.0), List.of(5.0, 20.0))
 * ```
 */
public class LandscapeBuilder {
    internal var interpolation: InterpolationType = InterpolationType.LINEAR
    private val snapshots = mutableListOf<Landscape>()

    /** How the potential changes between snapshots (default `LINEAR`). */
    public fun interpolation(interpolation: InterpolationType): LandscapeBuilder = apply { this.interpolation = interpolation }

    /**
     * Adds the snapshot at [timeMs]: potential [potentialsKhz] (0..100 kHz) at [positionsUm] (−60..60 µm,
     * ascending; repeat a position to make a step), interpolated in space by [spatialInterpolation].
     */
    @JvmOverloads
    public fun snapshot(
        timeMs: Double,
        positionsUm: List<Double>,
        potentialsKhz: List<Double>,
        spatialInterpolation: InterpolationType = InterpolationType.LINEAR,
    ): LandscapeBuilder = apply {
        snapshots += Landscape(onTimeGrid(timeMs), potentialsKhz.toList(), positionsUm.toList(), spatialInterpolation)
    }

    internal fun draft(): Drafted<OpticalLandscape> = Drafted(OpticalLandscape(snapshots.toList(), interpolation), emptyList())
}
