package io.qonduit.qibo

import io.qonduit.errors.ValidationException
import io.qonduit.job.ProviderOptions
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** Qibo's job settings beyond shots: the `project` a job is charged to and `verbatim` (run without transpiling). */
public class QiboOptions @JvmOverloads constructor(
    /** The project (qibo-client's default `"personal"`). */
    public val project: String = QiboClient.DEFAULT_PROJECT,
    /** Whether the server should run the circuit without transpiling it. */
    public val verbatim: Boolean = false,
) : ProviderOptions {
    init {
        if (project.isBlank()) throw ValidationException("options.provider.project", project, "must not be blank")
    }

    override val provider: String get() = QiboTarget.PROVIDER

    override fun equals(other: Any?): Boolean = other is QiboOptions && project == other.project && verbatim == other.verbatim

    override fun hashCode(): Int = project.hashCode() * 31 + verbatim.hashCode()

    override fun toString(): String = "QiboOptions(project=$project, verbatim=$verbatim)"

    internal fun toJson(): JsonObject = buildJsonObject {
        put("kind", provider); put("project", project); put("verbatim", verbatim)
    }

    internal companion object {
        fun fromJson(json: JsonObject): QiboOptions = QiboOptions(
            (json["project"] as? JsonPrimitive)?.content ?: QiboClient.DEFAULT_PROJECT,
            (json["verbatim"] as? JsonPrimitive)?.booleanOrNull ?: false,
        )
    }
}
