package io.qonduit.oqc.wire

import io.qonduit.errors.ValidationException
import io.qonduit.oqc.config.CompilerConfig
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.longOrNull

/** Reply of `GET /admin/qpu`: every QPU, active or not. */
@Serializable
public data class QpuListResponse(
    /** The QPU records. */
    public val items: List<QpuInfo> = emptyList(),
)

/**
 * One QPU record from `/admin/qpu`. Task, monitoring and window calls go to its own [url].
 *
 * @property featureSet the features as a JSON **string**; decode it with [features]
 * @property pricePerShot price as a decimal string, e.g. `"0.0013"`
 */
@Serializable
public data class QpuInfo(
    /** QPU id, e.g. `qpu:uk:2:d865b5a184`. */
    public val id: String,
    /** Base URL for this QPU's task routes. */
    public val url: String,
    /** Whether the QPU takes tasks. */
    public val active: Boolean = false,
    /** Display name. */
    public val name: String? = null,
    @SerialName("feature_set") public val featureSet: String? = null,
    /** `ACTIVE` or `INACTIVE`. */
    public val status: String? = null,
    /** Hardware generation. */
    public val generation: Int? = null,
    /** Region code, e.g. `uk`, `jp`. */
    public val region: String? = null,
    @SerialName("price_per_shot") public val pricePerShot: String? = null,
    /** Price per task as a decimal string. */
    @SerialName("price_per_task") public val pricePerTask: String? = null,
) {
    /**
     * The decoded [featureSet] (an empty set when absent).
     *
     * @throws ValidationException naming `feature_set` when the string is not a JSON object
     */
    public fun features(): QpuFeatures {
        val text = featureSet?.takeIf { it.isNotBlank() } ?: return QpuFeatures(JsonObject(emptyMap()))
        val parsed = try {
            OqcWireJson.parseToJsonElement(text)
        } catch (e: SerializationException) {
            throw ValidationException("feature_set", text, "must be a JSON object encoded as a string")
        }
        return QpuFeatures(parsed as? JsonObject ?: throw ValidationException("feature_set", text, "must be a JSON object"))
    }
}

/**
 * A QPU's decoded `feature_set`, e.g. `{"qubit_count": 32, "Maximum Shots": 100000, ...}`. Keys vary
 * by QPU; typed accessors cover the ones seen, [raw] (Java: [rawJson]) holds everything. Only
 * [QpuInfo.features] builds it.
 */
public class QpuFeatures internal constructor(
    /** Every feature as received (Kotlin; Java: [rawJson]). */
    @get:JvmSynthetic
    public val raw: JsonObject,
) {
    /** [raw] as JSON text. */
    public val rawJson: String get() = raw.toString()

    /** `qubit_count`, if given. */
    public val qubitCount: Int? get() = long("qubit_count")?.toInt()

    /** `Maximum Shots`, if given. */
    public val maximumShots: Long? get() = long("Maximum Shots")

    /** `simulator`; false when absent. */
    public val isSimulator: Boolean get() = bool("simulator") ?: false

    /** `always_on`; false when absent. */
    public val isAlwaysOn: Boolean get() = bool("always_on") ?: false

    /** Any feature by its key, or `null` (Kotlin; Java: [getJson]). */
    @JvmSynthetic
    public operator fun get(key: String): JsonElement? = raw[key]

    /** Any feature by its key as JSON text (e.g. `"\"1 second\""`), or `null`. */
    public fun getJson(key: String): String? = raw[key]?.toString()

    /**
     * Checks [config] against this QPU's limits (currently `Maximum Shots`).
     *
     * @throws ValidationException naming `shots` and the limit when the config asks for too many
     */
    public fun requireSupports(config: CompilerConfig) {
        val max = maximumShots ?: return
        val shots = config.shots ?: return
        if (shots > max) throw ValidationException("shots", shots, "must be at most $max (Maximum Shots of this QPU)")
    }

    private fun long(key: String): Long? = (raw[key] as? JsonPrimitive)?.takeIf { !it.isString }?.longOrNull

    private fun bool(key: String): Boolean? = (raw[key] as? JsonPrimitive)?.takeIf { !it.isString }?.booleanOrNull

    override fun equals(other: Any?): Boolean = other is QpuFeatures && other.raw == raw

    override fun hashCode(): Int = raw.hashCode()

    override fun toString(): String = "QpuFeatures($raw)"
}
