package io.qonduit.oqtant.model

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Kind of an Oqtant job. The service only ever computes [BEC], [BARRIER] and [PAINT_1D] (see [InputValues.jobType]). */
@Serializable
public enum class JobType {
    /** Ultracold matter (BEC) generation only. */
    BEC,

    /** Painted optical barriers, or any in-trap image. */
    BARRIER,

    /** Bragg pulses; defined by the service, never computed. */
    BRAGG,

    /** Atomtronic 1D; defined by the service, never computed. */
    ATOMTRONIC_1D,

    /** A painted optical landscape. */
    PAINT_1D,
}

/** Status of an Oqtant job as the service reports it. */
@Serializable
public enum class JobStatus {
    /** Waiting in the queue. */
    PENDING,

    /** Running on the QPU. */
    RUNNING,

    /** Finished with results. */
    COMPLETE,

    /** Failed. */
    FAILED,

    /** Cancelled by the user. */
    CANCELLED,

    /** Some runs did not complete. */
    INCOMPLETE,
    ;

    /** Whether the job will not change status any more (CANCELLED counts as terminal, unlike the Python client). */
    public val isTerminal: Boolean get() = this != PENDING && this != RUNNING
}

/** Where a job was submitted from. */
@Serializable
public enum class JobOrigin {
    /** The web application. */
    WEB,

    /** The API (Python client or Qonduit). */
    OQTAPI,
}

/** What the camera images at the end of the experiment. */
@Serializable
public enum class ImageType {
    /** Absorption image of the atoms still in the trap. */
    IN_TRAP,

    /** Absorption image after releasing the atoms and letting them fly for `time_of_flight_ms`. */
    TIME_OF_FLIGHT,

    /** Magneto-optical trap fluorescence. */
    MOT,
}

/** Interpolation between RF evaporation points. */
@Serializable
public enum class RfInterpolationType {
    /** Straight lines between points. */
    LINEAR,

    /** Hold each value until the next point. */
    OFF,

    /** Hold the previous value. */
    PREVIOUS,
}

/** Interpolation of barrier keyframes and landscape points (scipy `interp1d` kinds; `OFF` = `zero`, `SMOOTH` = `cubic`). */
@Serializable
public enum class InterpolationType {
    /** Straight lines. */
    LINEAR,

    /** Cubic spline. */
    SMOOTH,

    /** Step (zero-order hold). */
    OFF,

    /** Zero-order spline. */
    ZERO,

    /** First-order spline. */
    SLINEAR,

    /** Second-order spline. */
    QUADRATIC,

    /** Third-order spline. */
    CUBIC,

    /** Nearest point. */
    NEAREST,

    /** Previous point. */
    PREVIOUS,

    /** Next point. */
    NEXT,
}

/** Kind of laser. Only [TERMINATOR] is accepted by the service. */
@Serializable
public enum class LaserType {
    /** The terminator beam at 30 µm. */
    TERMINATOR,

    /** Bragg laser (not supported). */
    BRAGG,
}

/** Shape of a painted barrier; see [Barrier.widthsUm] for what width means per shape. */
@Serializable
public enum class ShapeType {
    /** Gaussian; width = sigma. */
    GAUSSIAN,

    /** Lorentzian; width = half width at half maximum. */
    LORENTZIAN,

    /** Square; width = half width. */
    SQUARE,

    /** Native projector spot ("precision" barrier); every width must be 0.5 µm. */
    NATIVE,
}

/** Camera application that took a raw image. */
@Serializable
public enum class ImageAppId {
    /** Time-of-flight absorption imaging. */
    @SerialName("TOF imaging")
    TOF_IMAGING,

    /** MOT fluorescence imaging. */
    @SerialName("MOT imaging")
    MOT_IMAGING,

    /** In-trap absorption imaging. */
    @SerialName("IT imaging")
    IT_IMAGING,
}

/** Fit method names used by the service. */
@Serializable
public enum class FitMethod {
    /** 2D Gaussian. */
    @SerialName("Gaussian Fit 2D")
    GAUSSIAN_FIT_2D,

    /** 2D bimodal (thermal + Thomas–Fermi). */
    @SerialName("Bimodal Fit 2D")
    BIMODAL_FIT_2D,

    /** 2D bimodal at zero temperature. */
    @SerialName("Bimodal Fit 2D (zero temperature)")
    BIMODAL_FIT_2D_ZERO_TEMPERATURE,

    /** 1D barrier fit. */
    @SerialName("Barrier 1D")
    BARRIER_1D,
}

/** Which output layout a result has: [IN_TRAP] (an `it_plot`) or [NON_IN_TRAP] (time-of-flight values). */
@Serializable
public enum class OutputJobType {
    /** In-trap plot output. */
    IN_TRAP,

    /** Time-of-flight output. */
    NON_IN_TRAP,
}

/** QPU names. `UNDEFINED` is reported even for hardware runs, so do not infer hardware from it. */
@Serializable
public enum class QpuName {
    /** The SMALLBERT machine. */
    SMALLBERT,

    /** The BIGBERT machine. */
    BIGBERT,

    /** Not recorded (also used for hardware results). */
    UNDEFINED,

    /** The simulator. */
    SIMULATOR,
}

/** Availability of a QPU. */
@Serializable
public enum class QpuStatus {
    /** Accepting jobs. */
    ONLINE,

    /** Not accepting jobs. */
    OFFLINE,

    /** Under test. */
    TESTING,
}
