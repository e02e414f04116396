package io.qonduit.matter

/** How the cloud is imaged at the end of the experiment. */
public enum class MatterImaging {
    /** Absorption image of the trapped cloud at the end of the lifetime. */
    IN_TRAP,

    /** Absorption image after switching the trap and light off and letting the cloud fly. */
    TIME_OF_FLIGHT,
}

/**
 * How a painted object's keyframes are joined in time (and a landscape snapshot's points in
 * space): the service's `InterpolationType`, with the meaning of SciPy's `interp1d` kinds that the
 * service uses (`OFF` = `ZERO`, `SMOOTH` = `CUBIC`); zero outside the first..last keyframe.
 */
public enum class KeyframeInterpolation {
    /** Straight lines between keyframes. */
    LINEAR,

    /** Cubic interpolating spline (not-a-knot), as `CUBIC`. */
    SMOOTH,

    /** Hold the previous keyframe, as `ZERO`. */
    OFF,

    /** Zeroth-order spline: hold the previous keyframe. */
    ZERO,

    /** First-order spline: straight lines. */
    SLINEAR,

    /** Quadratic interpolating spline (knots between the data, SciPy's choice). */
    QUADRATIC,

    /** Cubic interpolating spline with not-a-knot ends. */
    CUBIC,

    /** The nearest keyframe (the earlier one at a tie). */
    NEAREST,

    /** The previous keyframe. */
    PREVIOUS,

    /** The next keyframe. */
    NEXT,
}

/** The profile of a painted barrier; what its width means is given per shape. */
public enum class BarrierShape {
    /** `h·exp(−d²/2w²)`: width is σ. */
    GAUSSIAN,

    /** `h/(1 + d²/w²)`: width is the half width at half maximum. */
    LORENTZIAN,

    /** `h` for `|d| ≤ w`: width is the half width. */
    SQUARE,

    /** The projector's narrowest spot, a Gaussian of σ = 0.5 µm. */
    NATIVE,
}

/**
 * One painted barrier: keyframes at [timesMs] (ascending) of position (µm), height (kHz) and
 * width (µm). It exists from its first to its last keyframe.
 *
 * @property timesMs keyframe times, ms, ascending
 * @property positionsUm centre at each keyframe, µm
 * @property heightsKhz height at each keyframe, kHz
 * @property widthsUm width at each keyframe, µm (see [BarrierShape])
 * @property interpolation how keyframes are joined in time
 * @property shape the barrier's profile
 */
public data class PaintedBarrier @JvmOverloads constructor(
    val timesMs: List<Double>,
    val positionsUm: List<Double>,
    val heightsKhz: List<Double>,
    val widthsUm: List<Double>,
    val interpolation: KeyframeInterpolation = KeyframeInterpolation.LINEAR,
    val shape: BarrierShape = BarrierShape.GAUSSIAN,
) {
    init {
        require(timesMs.size >= 2) { "a barrier needs at least two keyframes" }
        require(positionsUm.size == timesMs.size && heightsKhz.size == timesMs.size && widthsUm.size == timesMs.size) {
            "barrier keyframe lists must have the same length"
        }
        require(timesMs.zipWithNext().all { (a, b) -> a < b }) { "barrier times must be strictly ascending" }
    }
}

/**
 * One landscape snapshot: potential (kHz) at [positionsUm] (ascending), joined in space by
 * [spatialInterpolation] and zero outside the first..last position.
 *
 * @property timeMs when this snapshot holds, ms
 * @property positionsUm sample positions, µm, ascending (repeats make steps)
 * @property potentialsKhz potential at each position, kHz
 * @property spatialInterpolation how the samples are joined in space
 */
public data class LandscapeSnapshot @JvmOverloads constructor(
    val timeMs: Double,
    val positionsUm: List<Double>,
    val potentialsKhz: List<Double>,
    val spatialInterpolation: KeyframeInterpolation = KeyframeInterpolation.LINEAR,
) {
    init {
        require(positionsUm.size >= 2 && positionsUm.size == potentialsKhz.size) { "a snapshot needs two or more positions, one potential each" }
        require(positionsUm.zipWithNext().all { (a, b) -> a <= b }) { "snapshot positions must be ascending" }
    }
}

/**
 * A painted landscape: snapshots at ascending times, blended in time by [interpolation] between
 * the two around the current time; absent before the first and after the last.
 *
 * @property snapshots two or more snapshots, ascending in time
 * @property interpolation how consecutive snapshots are blended in time
 */
public data class PaintedLandscape @JvmOverloads constructor(
    val snapshots: List<LandscapeSnapshot>,
    val interpolation: KeyframeInterpolation = KeyframeInterpolation.LINEAR,
) {
    init {
        require(snapshots.size >= 2) { "a landscape needs at least two snapshots" }
        require(snapshots.zipWithNext().all { (a, b) -> a.timeMs < b.timeMs }) { "snapshot times must be strictly ascending" }
    }
}

/**
 * One run of the matter service as the simulator sees it.
 *
 * Terminator pulses are explicitly ignored (the service's own simulator ignores them too): the
 * terminator removes atoms by resonant light, which a single-component condensate cannot express.
 * RF powers and an RF shield are ignored; the last evaporation frequency only sets the temperature
 * of the finite-temperature model ([FiniteTemperature]).
 *
 * @property lifetimeMs the manipulation phase (the service's `end_time_ms`), 0..200 ms
 * @property imaging in-trap or time-of-flight image
 * @property timeOfFlightMs flight time for [MatterImaging.TIME_OF_FLIGHT], ms
 * @property barriers painted barriers
 * @property landscape painted landscape, or null
 * @property evaporationEndMhz the last RF evaporation frequency (t ≤ 0), MHz, or null when unknown
 */
public data class MatterExperiment @JvmOverloads constructor(
    val lifetimeMs: Double,
    val imaging: MatterImaging,
    val timeOfFlightMs: Double = 12.0,
    val barriers: List<PaintedBarrier> = emptyList(),
    val landscape: PaintedLandscape? = null,
    val evaporationEndMhz: Double? = null,
) {
    init {
        require(lifetimeMs in 0.0..200.0) { "lifetime must be within 0..200 ms" }
        require(imaging == MatterImaging.IN_TRAP || timeOfFlightMs in 0.0..20.0) { "time of flight must be within 0..20 ms" }
    }
}
