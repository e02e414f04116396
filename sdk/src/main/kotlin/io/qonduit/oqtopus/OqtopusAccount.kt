package io.qonduit.oqtopus

import io.qonduit.transport.Secret
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * A device (`devices.DeviceInfo`). `device_info` arrives as JSON text in a string: [deviceInfoStr]
 * keeps it as received, [deviceInfo] parses it (null when absent or not a JSON object), as
 * oqtopus-client's `OqtopusDevice` does.
 */
@Serializable
public class OqtopusDevice internal constructor(
    /** Device id (what jobs name as `device_id`). */
    @SerialName("device_id") public val deviceId: String,
    /** `QPU` or `simulator`. */
    @SerialName("device_type") public val deviceType: String,
    /** `available` or `unavailable`. */
    public val status: String,
    /** When an unavailable device becomes available. */
    @SerialName("available_at") public val availableAt: String? = null,
    /** Jobs waiting for it. */
    @SerialName("n_pending_jobs") public val nPendingJobs: Int = 0,
    /** Qubits. */
    @SerialName("n_qubits") public val nQubits: Int? = null,
    /** Basis gates. */
    @SerialName("basis_gates") public val basisGates: List<String> = emptyList(),
    /** Supported instructions (`measure`, `barrier`, ...). */
    @SerialName("supported_instructions") public val supportedInstructions: List<String> = emptyList(),
    /** `device_info` as the JSON text received. */
    @SerialName("device_info") public val deviceInfoStr: String? = null,
    /** Calibration time. */
    @SerialName("calibrated_at") public val calibratedAt: String? = null,
    /** Description. */
    public val description: String = "",
) {
    /** `device_info` parsed (Kotlin; Java: [deviceInfoStr]). */
    @get:JvmSynthetic
    public val deviceInfo: JsonObject? get() = JsonOrText.objectOf(deviceInfoStr?.let { kotlinx.serialization.json.JsonPrimitive(it) })

    override fun toString(): String = "OqtopusDevice($deviceId, $deviceType, $status, qubits=$nQubits)"
}

/** `POST /api-token`: a new API token. The secret is a [Secret]: it never shows in `toString`. */
public class OqtopusApiToken internal constructor(
    /** Token id. */
    public val apiTokenId: String?,
    /** The token itself. */
    public val apiTokenSecret: Secret,
    /** When it expires (RFC 3339 text). */
    public val apiTokenExpiration: String?,
) {
    override fun toString(): String = "OqtopusApiToken(id=$apiTokenId, expires=$apiTokenExpiration)"
}

/** The wire form of [OqtopusApiToken]. */
@Serializable
internal class ApiTokenWire(
    @SerialName("api_token_id") val id: String? = null,
    @SerialName("api_token_secret") val secret: String,
    @SerialName("api_token_expiration") val expiration: String? = null,
)

/** `GET /api-token/status`. */
@Serializable
public class OqtopusApiTokenStatus internal constructor(
    /** When the current token expires (RFC 3339 text). */
    @SerialName("api_token_expiration") public val apiTokenExpiration: String? = null,
) {
    override fun toString(): String = "OqtopusApiTokenStatus(expires=$apiTokenExpiration)"
}

/** An announcement. */
@Serializable
public class OqtopusAnnouncement internal constructor(
    /** Id. */
    public val id: Long,
    /** Title. */
    public val title: String,
    /** Content. */
    public val content: String,
    /** Start of its display window. */
    @SerialName("start_time") public val startTime: String,
    /** End of its display window. */
    @SerialName("end_time") public val endTime: String,
    /** Whether it is published. */
    public val publishable: Boolean,
) {
    override fun toString(): String = "OqtopusAnnouncement($id, $title)"
}

/** `GET /announcements`. */
@Serializable
internal class AnnouncementsWire(val announcements: List<OqtopusAnnouncement> = emptyList())

/** One login of the user. */
@Serializable
public class OqtopusLoginEvent internal constructor(
    /** When. */
    @SerialName("event_date") public val eventDate: String? = null,
    /** With which user agent. */
    @SerialName("user_agent") public val userAgent: String? = null,
    /** From which address. */
    public val ip: String? = null,
)

/** `GET /users/me`. */
@Serializable
public class OqtopusUser internal constructor(
    /** User id. */
    public val id: String? = null,
    /** E-mail address. */
    public val email: String? = null,
    /** Name. */
    public val name: String? = null,
    /** Organization. */
    public val organization: String? = null,
    /** Creation time. */
    @SerialName("created_at") public val createdAt: String? = null,
    /** Logins. */
    @SerialName("login_events") public val loginEvents: List<OqtopusLoginEvent> = emptyList(),
) {
    override fun toString(): String = "OqtopusUser($id, $name)"
}

/** The body of `PATCH /users/me`. */
@Serializable
internal class UserPatch(val name: String? = null, val organization: String? = null)

/** `GET /system/settings`. */
@Serializable
public class OqtopusSystemSettings internal constructor(
    /** User fields that may be changed (`name`, `organization`). */
    @SerialName("editable_fields") public val editableFields: List<String> = emptyList(),
    /** Whether users may delete themselves. */
    @SerialName("allow_deletion") public val allowDeletion: Boolean = false,
    /** User fields shown. */
    @SerialName("visible_fields") public val visibleFields: List<String> = emptyList(),
    /** Whether login history is kept. */
    @SerialName("login_history_enabled") public val loginHistoryEnabled: Boolean = false,
) {
    override fun toString(): String = "OqtopusSystemSettings(editable=$editableFields, allowDeletion=$allowDeletion)"
}
