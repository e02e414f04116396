package io.qonduit.matter

import kotlin.math.exp
import kotlin.math.floor

/**
 * The painted optical potential (kHz) of an experiment, as the projector realises it.
 *
 * * **Ideal profile.** The sum of every active barrier (keyframes joined by their
 *   [KeyframeInterpolation]; a barrier exists from its first to its last keyframe and only with
 *   positive height and width) and the landscape (each snapshot joined in space, the two snapshots
 *   around `t` blended in time by the landscape's interpolation).
 * * **Time.** The projector refreshes every 100 µs: the potential at `t` is the one at `t` floored
 *   to 0.1 ms (as the service resolves times).
 * * **Projection.** 121 Gaussian spots at −60..60 µm, 1 µm apart, of 2.2 µm 1/e² diameter
 *   (σ = 0.55 µm). Each spot's weight is the ideal potential at the spot, rescaled so that within
 *   the spot's 1 µm bin the maximum of the projected profile meets the maximum of the ideal one
 *   (sampled every 0.1 µm); the sum is clipped to 0..100 kHz.
 */
public class ProjectedPotential(experiment: MatterExperiment) {
    private val barriers = experiment.barriers.map { PaintedBarrierKeyframes(it) }
    private val landscape = experiment.landscape?.let { LandscapeFrames(it) }

    /** True when no light is ever painted. */
    public val isDark: Boolean = barriers.isEmpty() && landscape == null

    /** The ideal (requested) potential at [timeMs] and [positionsUm], kHz, before projection. */
    public fun ideal(timeMs: Double, positionsUm: DoubleArray): DoubleArray {
        val t = floorToUpdate(timeMs)
        val out = DoubleArray(positionsUm.size)
        for (b in barriers) b.addTo(out, t, positionsUm)
        landscape?.addTo(out, t, positionsUm)
        return out
    }

    /** The projector's 121 spot weights at [timeMs], kHz. */
    public fun spotWeights(timeMs: Double): DoubleArray {
        val atSpots = ideal(timeMs, SPOTS)
        val fine = ideal(timeMs, FINE)
        val raw = project(atSpots, FINE_SPOT_MATRIX)
        return DoubleArray(SPOT_COUNT) { s ->
            var maxIdeal = Double.NEGATIVE_INFINITY
            var maxRaw = Double.NEGATIVE_INFINITY
            for (k in s * BIN until (s + 1) * BIN) {
                maxIdeal = maxOf(maxIdeal, fine[k])
                maxRaw = maxOf(maxRaw, raw[k])
            }
            if (maxRaw != 0.0) maxIdeal / maxRaw * atSpots[s] else 0.0
        }
    }

    /** The projected potential at [timeMs] on [positionsUm], kHz (0..100). */
    public fun actual(timeMs: Double, positionsUm: DoubleArray): DoubleArray = actual(timeMs, spotMatrix(positionsUm))

    /** As [actual], with the spot matrix of the positions computed once by [spotMatrix]. */
    internal fun actual(timeMs: Double, matrix: Array<DoubleArray>): DoubleArray {
        if (isDark) return DoubleArray(matrix.size)
        val potential = project(spotWeights(timeMs), matrix)
        for (i in potential.indices) potential[i] = potential[i].coerceIn(0.0, MAX_KHZ)
        return potential
    }

    public companion object {
        /** Number of projected spots. */
        public const val SPOT_COUNT: Int = 121

        /** Projector resolution (1/e² diameter of one spot), µm. */
        public const val RESOLUTION_UM: Double = 2.2

        /** Highest projected potential, kHz. */
        public const val MAX_KHZ: Double = 100.0

        private const val BIN = 10
        private val SIGMA = RESOLUTION_UM / 4
        private val SPOTS = DoubleArray(SPOT_COUNT) { -60.0 + it }
        private val FINE = DoubleArray(SPOT_COUNT * BIN) { -60.5 + it * 0.1 }
        private val FINE_SPOT_MATRIX = spotMatrix(FINE)

        /** Time floored to the projector's 0.1 ms update period (robust to binary rounding). */
        public fun floorToUpdate(timeMs: Double): Double = floor(timeMs * 10 + 1e-9) / 10

        /** For each position, the unit-height Gaussian of every spot there. */
        internal fun spotMatrix(positionsUm: DoubleArray): Array<DoubleArray> = Array(positionsUm.size) { i ->
            DoubleArray(SPOT_COUNT) { s -> val d = positionsUm[i] - SPOTS[s]; if (d * d > 100 * SIGMA * SIGMA) 0.0 else exp(-d * d / (2 * SIGMA * SIGMA)) }
        }

        private fun project(weights: DoubleArray, matrix: Array<DoubleArray>): DoubleArray = DoubleArray(matrix.size) { i ->
            val row = matrix[i]
            var s = 0.0
            for (k in weights.indices) s += weights[k] * row[k]
            s
        }
    }
}

/** One barrier's keyframes and profile. */
private class PaintedBarrierKeyframes(private val barrier: PaintedBarrier) {
    private val first = barrier.timesMs.first()
    private val last = barrier.timesMs.last()
    private val position = Keyframes.of(barrier.timesMs, barrier.positionsUm, barrier.interpolation)
    private val height = Keyframes.of(barrier.timesMs, barrier.heightsKhz, barrier.interpolation)
    private val width = Keyframes.of(barrier.timesMs, barrier.widthsUm, barrier.interpolation)

    fun addTo(out: DoubleArray, t: Double, xs: DoubleArray) {
        if (t < first || t > last) return
        val h = height.at(t)
        val w = if (barrier.shape == BarrierShape.NATIVE) NATIVE_SIGMA_UM else width.at(t)
        if (h <= 0 || w <= 0) return
        val x0 = position.at(t)
        for (i in xs.indices) {
            val d = xs[i] - x0
            out[i] += when (barrier.shape) {
                BarrierShape.SQUARE -> if (d < -w || d > w) 0.0 else h
                BarrierShape.LORENTZIAN -> h / (1 + (d / w) * (d / w))
                BarrierShape.GAUSSIAN, BarrierShape.NATIVE -> h * exp(-d * d / (2 * w * w))
            }
        }
    }

    private companion object {
        const val NATIVE_SIGMA_UM = 0.5
    }
}

/** A landscape's snapshots, each joined in space, blended in time. */
private class LandscapeFrames(private val landscape: PaintedLandscape) {
    private val spatial = landscape.snapshots.map { Keyframes.of(it.positionsUm, it.potentialsKhz, it.spatialInterpolation) }
    private val times = landscape.snapshots.map { it.timeMs }

    /** Each snapshot's profile on a position array, computed once per array (the projector asks for the same two). */
    private val profiles = java.util.IdentityHashMap<DoubleArray, List<DoubleArray>>()

    private fun profiles(xs: DoubleArray): List<DoubleArray> = synchronized(profiles) {
        profiles.getOrPut(xs) { spatial.map { s -> DoubleArray(xs.size) { s.at(xs[it]) } } }
    }

    fun addTo(out: DoubleArray, t: Double, xs: DoubleArray) {
        if (t < times.first() || t > times.last()) return
        val after = times.indexOfFirst { it >= t }
        val profile = profiles(xs)
        if (times[after] == t) {
            for (i in xs.indices) out[i] += profile[after][i]
            return
        }
        val before = after - 1
        // Two snapshots: splines of SciPy would need more points, so they blend as lines.
        val kind = when (landscape.interpolation) {
            KeyframeInterpolation.QUADRATIC, KeyframeInterpolation.CUBIC, KeyframeInterpolation.SMOOTH -> KeyframeInterpolation.LINEAR
            else -> landscape.interpolation
        }
        val blend = Keyframes(doubleArrayOf(times[before], times[after]), doubleArrayOf(0.0, 1.0), kind).at(t)
        for (i in xs.indices) out[i] += (1 - blend) * profile[before][i] + blend * profile[after][i]
    }
}
