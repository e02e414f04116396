package io.qonduit.emulator.oqtant

import kotlin.math.abs
import kotlin.math.exp

/**
 * The painted optical potential of one run at one time, in kHz (oqtant.md §2.3): the sum of every
 * active barrier and the landscape, clipped to 0..100 kHz.
 *
 * Simplifications (documented model, not the projector's 121-spot reconstruction): barrier
 * keyframes use linear interpolation for `LINEAR` and the spline kinds (`SMOOTH`, `SLINEAR`,
 * `QUADRATIC`, `CUBIC`), hold the previous keyframe for `OFF`/`ZERO`/`PREVIOUS`, the next one for
 * `NEXT` and the nearest for `NEAREST`; a barrier exists only between its first and last keyframe.
 * Landscape snapshots are blended linearly in time between the two around `t` (none outside the
 * first..last snapshot) and interpolated linearly in space (zero outside their positions).
 */
internal class PaintedPotential(private val values: ValuesDto) {
    fun khz(t: Double, x: Double): Double {
        var total = 0.0
        values.opticalBarriers?.forEach { total += barrier(it, t, x) }
        values.opticalLandscape?.let { total += landscape(it, t, x) }
        return total.coerceIn(0.0, MAX_KHZ)
    }

    private fun barrier(b: BarrierDto, t: Double, x: Double): Double {
        val times = b.timesMs
        if (times.isEmpty() || t < times.first() || t > times.last()) return 0.0
        val position = keyframe(times, b.positionsUm, t, b.interpolation)
        val height = keyframe(times, b.heightsKhz, t, b.interpolation)
        val width = if (b.shape == "NATIVE") NATIVE_WIDTH_UM else keyframe(times, b.widthsUm, t, b.interpolation)
        val d = x - position
        return when (b.shape) {
            "LORENTZIAN" -> height * width * width / (d * d + width * width)
            "SQUARE" -> if (abs(d) <= width) height else 0.0
            else -> height * exp(-d * d / (2 * width * width))
        }
    }

    private fun landscape(l: LandscapeDto, t: Double, x: Double): Double {
        val snaps = l.landscapes
        if (snaps.isEmpty() || t < snaps.first().timeMs || t > snaps.last().timeMs) return 0.0
        val after = snaps.indexOfFirst { it.timeMs >= t }
        val b = snaps[after]
        if (after == 0 || b.timeMs == t) return spatial(b, x)
        val a = snaps[after - 1]
        val f = (t - a.timeMs) / (b.timeMs - a.timeMs)
        return (1 - f) * spatial(a, x) + f * spatial(b, x)
    }

    private fun spatial(s: SnapshotDto, x: Double): Double {
        val xs = s.positionsUm
        if (xs.isEmpty() || x < xs.first() || x > xs.last()) return 0.0
        for (i in 1 until xs.size) {
            if (x <= xs[i]) {
                val span = xs[i] - xs[i - 1]
                if (span <= 0.0) return s.potentialsKhz[i]
                val f = (x - xs[i - 1]) / span
                return (1 - f) * s.potentialsKhz[i - 1] + f * s.potentialsKhz[i]
            }
        }
        return s.potentialsKhz.last()
    }

    private fun keyframe(times: List<Double>, ys: List<Double>, t: Double, kind: String): Double {
        val next = times.indexOfFirst { it >= t }.coerceAtLeast(0)
        if (times[next] == t || next == 0) return ys[next]
        val prev = next - 1
        return when (kind) {
            "OFF", "ZERO", "PREVIOUS" -> ys[prev]
            "NEXT" -> ys[next]
            "NEAREST" -> if (t - times[prev] <= times[next] - t) ys[prev] else ys[next]
            else -> ys[prev] + (ys[next] - ys[prev]) * (t - times[prev]) / (times[next] - times[prev])
        }
    }

    companion object {
        const val MAX_KHZ: Double = 100.0
        const val NATIVE_WIDTH_UM: Double = 0.5
    }
}
