package io.qonduit.qpi

import io.qonduit.errors.ValidationException
import io.qonduit.job.ProviderOptions
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * QPI's job settings beyond shots: `meas_level` (2 = counts, 1 = per-shot memory as well) and
 * `meas_return` (`"single"` or `"avg"`), as QPI's `backend.run` takes them.
 */
public class QpiOptions @JvmOverloads constructor(
    /** QPI's `meas_level`: 1 or 2. */
    public val measLevel: Int = 2,
    /** QPI's `meas_return`: `"single"` or `"avg"`. */
    public val measReturn: String = "single",
) : ProviderOptions {
    init {
        if (measLevel !in 1..2) throw ValidationException("options.provider.measLevel", measLevel, "must be 1 or 2")
        if (measReturn !in setOf("single", "avg")) throw ValidationException("options.provider.measReturn", measReturn, "must be \"single\" or \"avg\"")
    }

    override val provider: String get() = QpiBackend.PROVIDER

    override fun equals(other: Any?): Boolean = other is QpiOptions && measLevel == other.measLevel && measReturn == other.measReturn

    override fun hashCode(): Int = measLevel * 31 + measReturn.hashCode()

    override fun toString(): String = "QpiOptions(measLevel=$measLevel, measReturn=$measReturn)"

    internal fun toJson(): JsonObject = buildJsonObject {
        put("kind", provider); put("meas_level", measLevel); put("meas_return", measReturn)
    }

    internal companion object {
        fun fromJson(json: JsonObject): QpiOptions = QpiOptions(
            QpiCounts.intOf(json["meas_level"]) ?: 2,
            (json["meas_return"] as? JsonPrimitive)?.content ?: "single",
        )
    }
}
