package io.qonduit.oqc

import io.qonduit.job.ProviderOptions
import io.qonduit.oqc.config.CompilerConfig
import io.qonduit.oqc.config.TaskConfig
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** OQC's per-task settings: the compiler configuration (plain or experimental) sent with each task. */
public class OqcOptions(
    /** The task configuration; [CompilerConfig.defaults] when none is given. */
    public val config: TaskConfig,
) : ProviderOptions {
    override val provider: String get() = OqcBackend.PROVIDER

    override fun equals(other: Any?): Boolean = other is OqcOptions && OqcJobConfig.toJson(config) == OqcJobConfig.toJson(other.config)

    override fun hashCode(): Int = OqcJobConfig.toJson(config).hashCode()

    override fun toString(): String = "OqcOptions($config)"

    internal fun toJson(): JsonObject = JsonObject(buildJsonObject { put("kind", provider) } + OqcJobConfig.toJson(config))

    public companion object {
        /** The default compiler configuration. */
        @JvmStatic
        public fun defaults(): OqcOptions = OqcOptions(CompilerConfig.defaults())

        internal fun fromJson(json: JsonObject): OqcOptions = OqcOptions(OqcJobConfig.taskConfig(json))
    }
}
