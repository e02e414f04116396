package io.qonduit.job

import io.qonduit.QonduitInternalApi
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

/**
 * Extra information a provider keeps about a finished run, fetched only when a job is created with
 * `fetchDiagnostics = true` (OQC: timings, execution metadata, metadata).
 *
 * Kotlin reads the parts as JSON trees ([timings], [metrics], [metadata]); Java reads them as JSON
 * text ([timingsJson], [metricsJson], [metadataJson]). Only providers build diagnostics, so the
 * constructor belongs to the provider SPI ([QonduitInternalApi]).
 */
@Serializable
public class Diagnostics @QonduitInternalApi @JvmOverloads constructor(
    /** Wall-clock and queue timing breakdown (Kotlin; Java: [timingsJson]). */
    @get:JvmSynthetic
    public val timings: JsonObject? = null,
    /** Gate counts, circuit depth and similar metrics (Kotlin; Java: [metricsJson]). */
    @get:JvmSynthetic
    public val metrics: JsonObject? = null,
    /** Compiler and hardware metadata (Kotlin; Java: [metadataJson]). */
    @get:JvmSynthetic
    public val metadata: JsonObject? = null,
) {
    /** [timings] as JSON text, or null when the provider gave none. */
    public val timingsJson: String? get() = timings?.toString()

    /** [metrics] as JSON text, or null when the provider gave none. */
    public val metricsJson: String? get() = metrics?.toString()

    /** [metadata] as JSON text, or null when the provider gave none. */
    public val metadataJson: String? get() = metadata?.toString()

    override fun equals(other: Any?): Boolean =
        other is Diagnostics && timings == other.timings && metrics == other.metrics && metadata == other.metadata

    override fun hashCode(): Int = listOf(timings, metrics, metadata).hashCode()

    override fun toString(): String = "Diagnostics(timings=$timings, metrics=$metrics, metadata=$metadata)"
}
