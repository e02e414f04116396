package io.qonduit.job

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * What a job runs: the program, where, and how.
 *
 * @property program the program text: OpenQASM for gate-based devices, or the provider's job document
 *   (JSON) for providers such as Oqtant
 * @property device the target device on the provider (QPU id, backend name, QPU target)
 * @property config provider-specific settings (shots, compiler configuration, parameter values, ...)
 *   as JSON, so that any job can be saved in a snapshot and restored
 * @property tag an optional user label
 */
@Serializable
public class JobInput @JvmOverloads constructor(
    public val program: String,
    public val device: String,
    public val config: JsonObject = JsonObject(emptyMap()),
    public val tag: String? = null,
) {
    /** A copy with the given parts replaced; null keeps the current value. */
    @JvmOverloads
    public fun with(
        program: String? = null,
        device: String? = null,
        config: JsonObject? = null,
        tag: String? = null,
    ): JobInput = JobInput(program ?: this.program, device ?: this.device, config ?: this.config, tag ?: this.tag)

    override fun equals(other: Any?): Boolean =
        other is JobInput && program == other.program && device == other.device && config == other.config && tag == other.tag

    override fun hashCode(): Int = listOf(program, device, config, tag).hashCode()

    override fun toString(): String =
        "JobInput(device=$device, program=${program.lineSequence().first().take(60)}…, config=$config, tag=$tag)"
}
