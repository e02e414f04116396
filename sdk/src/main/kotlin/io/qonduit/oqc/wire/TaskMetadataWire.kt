package io.qonduit.oqc.wire

import io.qonduit.oqc.config.CompilerConfig
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import java.time.Instant

/** Reply of `GET {qpu}/tasks/{id}/metadata`. */
@Serializable
public data class TaskMetadataResponse(
    /** The task's stored metadata. */
    public val metadata: TaskMetadata,
)

/**
 * A task as stored by the server: the config **string** it was submitted with (often under the
 * legacy `scc.compiler.config` names) and its creation time in RFC 1123.
 */
@Serializable
public data class TaskMetadata(
    /** Task id. */
    public val id: String? = null,
    /** QPU id. */
    @SerialName("qpu_id") public val qpuId: String? = null,
    /** Tag given at submission (may be `null`). */
    public val tag: String? = null,
    /** Config wire string; parse with [compilerConfig]. */
    public val config: String? = null,
    /** Creation time text, e.g. `Wed, 12 Jun 2024 20:11:15 GMT`. */
    @SerialName("created_at") public val createdAt: String? = null,
    /** Whether OQC support may inspect the task. */
    @SerialName("allow_support_access") public val allowSupportAccess: Boolean? = null,
) {
    /**
     * The parsed config, or `null` when none was stored.
     *
     * @throws io.qonduit.errors.ValidationException naming the bad config field
     */
    public fun compilerConfig(): CompilerConfig? = config?.let { CompilerConfig.parse(it) }

    /**
     * [createdAt] as an instant, or `null`.
     *
     * @throws io.qonduit.errors.ValidationException naming `metadata.created_at` when unreadable
     */
    public fun createdAtInstant(): Instant? = createdAt?.let { OqcTime.parse(it, "metadata.created_at") }
}
