package io.qonduit.dsl.oqtant

import io.qonduit.dsl.units.Kilohertz
import io.qonduit.dsl.units.Micrometers
import io.qonduit.dsl.units.Milliseconds
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.ShapeType

/**
 * The `barrier { }` block of [quantumMatter]: one painted barrier moving through keyframes.
 *
 * ```
 * barrier {
 *     at(0.ms) { position = 0.um; height = 0.kHz; width = 1.um }
 *     evolve(duration = 5.ms, position = 10.um, height = 20.kHz)
 * }
 * ```
 *
 * A value not given repeats the previous keyframe's; the first keyframe defaults to 0 µm, 0 kHz and
 * 1 µm (0.5 µm for a `NATIVE` barrier).
 */
@OqtantDsl
public class BarrierScope internal constructor(private val builder: BarrierBuilder) {
    /** The barrier profile (default `GAUSSIAN`; `NATIVE` is the 0.5 µm "precision" barrier). */
    public var shape: ShapeType
        get() = builder.shape
        set(value) {
            builder.shape = value
        }

    /** How the barrier moves between keyframes (default `LINEAR`). */
    public var interpolation: InterpolationType
        get() = builder.interpolation
        set(value) {
            builder.interpolation = value
        }

    /** Adds a keyframe at [time]; set its values in [block]. */
    public fun at(time: Milliseconds, block: KeyframeScope.() -> Unit = {}) {
        val k = KeyframeScope().apply(block)
        builder.at(time.value, k.position?.value, k.height?.value, k.width?.value)
    }

    /**
     * Adds a keyframe [duration] after the last one: the barrier moves to the given values over that time.
     * Values not given stay as they were. The duration must be at least 0.1 ms.
     */
    public fun evolve(
        duration: Milliseconds,
        position: Micrometers? = null,
        height: Kilohertz? = null,
        width: Micrometers? = null,
    ) {
        builder.evolve(duration.value, position?.value, height?.value, width?.value)
    }
}

/** The values of one barrier keyframe; a value left `null` repeats the previous keyframe's. */
@OqtantDsl
public class KeyframeScope internal constructor() {
    /** Barrier centre, −60..60 µm. */
    public var position: Micrometers? = null

    /** Barrier height, 0..100 kHz. */
    public var height: Kilohertz? = null

    /** Barrier width, 0.5..20 µm (sigma for Gaussian, HWHM for Lorentzian, half width for square). */
    public var width: Micrometers? = null
}
