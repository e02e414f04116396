package io.qonduit.emulator.qpi

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

// Request bodies of the QPI API (qpi.md §2-3). Optional fields are nullable so the routes can tell
// "absent" from a value and apply the server's defaults themselves.

/** One circuit of a job submission: OpenQASM source, optional bindings and shot override. */
@Serializable
internal class CircuitPayload(
    val circuit: String,
    @SerialName("parameter_values") val parameterValues: List<List<Double>>? = null,
    val shots: Int? = null,
)

/** `POST /api/jobs` body as received (nothing defaulted yet). */
@Serializable
internal class JobSubmitRequest(
    val circuits: List<CircuitPayload>? = null,
    val shots: Int? = null,
    @SerialName("meas_level") val measLevel: Int? = null,
    @SerialName("meas_return") val measReturn: String? = null,
    @SerialName("qpu_target") val qpuTarget: String? = null,
)

/** The stored job `payload`: the submission after defaults (shots 1024, meas_level 2, "single"). */
@Serializable
internal class JobPayload(
    val circuits: List<CircuitPayload>,
    val shots: Int,
    @SerialName("meas_level") val measLevel: Int,
    @SerialName("meas_return") val measReturn: String,
    @SerialName("qpu_target") val qpuTarget: String? = null,
)

@Serializable
internal class PasswordLogin(val identity: String? = null, val password: String? = null)

@Serializable
internal class TokenRequest(val name: String? = null, @SerialName("expires_at") val expiresAt: String? = null)

@Serializable
internal class TimeSlotRequest(
    @SerialName("start_time") val startTime: String? = null,
    @SerialName("end_time") val endTime: String? = null,
    @SerialName("booked_by") val bookedBy: String? = null,
)

@Serializable
internal class TimeRequestCreate(
    val seconds: Double? = null,
    @SerialName("requested_reason") val requestedReason: String? = null,
)

@Serializable
internal class TimeRequestDecision(
    val status: String? = null,
    @SerialName("rejection_reason") val rejectionReason: String? = null,
)

@Serializable
internal class UserPatch(@SerialName("qpu_seconds") val qpuSeconds: Double? = null)

@Serializable
internal class QpuCreateRequest(
    val name: String? = null,
    @SerialName("num_qubits") val numQubits: Int? = null,
    val enabled: Boolean? = null,
)

@Serializable
internal class QpuToggleRequest(val id: String? = null, val enabled: Boolean? = null)
