package io.qonduit.dsl.oqtant

import io.qonduit.errors.Violation
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.ShapeType

/**
 * Builds one painted barrier from keyframes, with plain numbers in the service units (ms, µm, kHz).
 * Kotlin code uses `barrier { at(...) { }; evolve(...) }` in [quantumMatter] instead.
 *
 * A value left `null` repeats the previous keyframe's; the first keyframe defaults to position 0 µm,
 * height 0 kHz and width 1 µm (0.5 µm for a `NATIVE` barrier, the only width it accepts).
 *
 * ```java
 * new BarrierBuilder().at(0, 0.0, 0.0, 1.0).evolve(5, 10.0, 20.0)
 * ```
 */
public class BarrierBuilder {
    internal var shape: ShapeType = ShapeType.GAUSSIAN
    internal var interpolation: InterpolationType = InterpolationType.LINEAR
    private val keyframes = mutableListOf<Keyframe>()
    private val problems = mutableListOf<Violation>()

    /** The barrier profile (default `GAUSSIAN`). */
    public fun shape(shape: ShapeType): BarrierBuilder = apply { this.shape = shape }

    /** How the barrier moves between keyframes (default `LINEAR`). */
    public fun interpolation(interpolation: InterpolationType): BarrierBuilder = apply { this.interpolation = interpolation }

    /**
     * Adds a keyframe at [timeMs] (0..200 ms in 0.1 ms steps, after the previous keyframe). Null values
     * repeat the previous keyframe's.
     */
    @JvmOverloads
    public fun at(
        timeMs: Double,
        positionUm: Double? = null,
        heightKhz: Double? = null,
        widthUm: Double? = null,
    ): BarrierBuilder = apply {
        keyframes += Keyframe(onTimeGrid(timeMs), positionUm, heightKhz, widthUm)
    }

    /**
     * Adds a keyframe [durationMs] after the last one (Python `Barrier.evolve`): the barrier moves to the
     * given values over that time. Null values repeat the previous keyframe's. Needs a keyframe set with
     * [at] first; the duration must be at least 0.1 ms.
     */
    @JvmOverloads
    public fun evolve(
        durationMs: Double,
        positionUm: Double? = null,
        heightKhz: Double? = null,
        widthUm: Double? = null,
    ): BarrierBuilder = apply {
        val index = keyframes.size
        val last = keyframes.lastOrNull()
        if (last == null) {
            problems += Violation("keyframes[0]", durationMs, "evolve needs a starting keyframe: call at(...) first")
            return@apply
        }
        if (!(durationMs >= MIN_EVOLVE_MS)) {
            problems += Violation("keyframes[$index].duration", durationMs, "must be at least $MIN_EVOLVE_MS ms")
        }
        keyframes += Keyframe(onTimeGrid(last.timeMs + durationMs), positionUm, heightKhz, widthUm)
    }

    internal val lastTimeMs: Double? get() = keyframes.maxOfOrNull { it.timeMs }

    internal fun draft(): Drafted<Barrier> {
        var position = 0.0
        var height = 0.0
        var width = if (shape == ShapeType.NATIVE) Barrier.NATIVE_WIDTH_UM else DEFAULT_WIDTH_UM
        val positions = mutableListOf<Double>()
        val heights = mutableListOf<Double>()
        val widths = mutableListOf<Double>()
        for (k in keyframes) {
            position = k.positionUm ?: position
            height = k.heightKhz ?: height
            width = k.widthUm ?: width
            positions += position
            heights += height
            widths += width
        }
        val barrier = Barrier(keyframes.map { it.timeMs }, positions, heights, widths, interpolation, shape)
        return Drafted(barrier, problems.toList())
    }

    private class Keyframe(val timeMs: Double, val positionUm: Double?, val heightKhz: Double?, val widthUm: Double?)

    private companion object {
        const val MIN_EVOLVE_MS = 0.1
        const val DEFAULT_WIDTH_UM = 1.0
    }
}
