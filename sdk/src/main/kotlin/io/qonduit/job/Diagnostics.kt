package io.qonduit.job

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * Extra information a provider keeps about a finished run, fetched only when a job is created with
 * `fetchDiagnostics = true` (OQC: timings, execution metadata, metadata).
 */
@Serializable
public class Diagnostics @JvmOverloads constructor(
    /** Wall-clock and queue timing breakdown. */
    public val timings: JsonObject? = null,
    /** Gate counts, circuit depth and similar metrics. */
    public val metrics: JsonObject? = null,
    /** Compiler and hardware metadata. */
    public val metadata: JsonObject? = null,
) {
    override fun equals(other: Any?): Boolean =
        other is Diagnostics && timings == other.timings && metrics == other.metrics && metadata == other.metadata

    override fun hashCode(): Int = listOf(timings, metrics, metadata).hashCode()

    override fun toString(): String = "Diagnostics(timings=$timings, metrics=$metrics, metadata=$metadata)"
}
