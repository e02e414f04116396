package io.qonduit.qpi

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * One circuit of a QPI job: OpenQASM 3 text, optional parameter bindings (one list of values per
 * binding, positional in order of the circuit's parameters) and optional per-circuit shots.
 */
@Serializable
public class QpiCircuit @JvmOverloads constructor(
    /** OpenQASM 3 program. */
    public val circuit: String,
    /** Parameter bindings; each produces one circuit result. */
    @SerialName("parameter_values") public val parameterValues: List<List<Double>>? = null,
    /** Shots for this circuit, overriding the job's. */
    public val shots: Int? = null,
)

/** A QPI job record (`QuantumJob`), as the client decodes it. */
@Serializable
public class QpiJobRecord internal constructor(
    /** Job id. */
    public val id: String,
    /** Owner. */
    @SerialName("user_id") public val userId: String? = null,
    /** Record id of the QPU the job is for (empty: QPI never runs it). */
    @SerialName("qpu_target") public val qpuTarget: String? = null,
    /** The submit request after defaults (Kotlin; Java: [payloadJson]). */
    @get:JvmSynthetic
    public val payload: JsonObject? = null,
    /** `pending`, `running`, `completed`, `failed` or `cancelled`. */
    public val status: String,
    /** When the job finished (PocketBase datetime text). */
    @SerialName("finished_at") public val finishedAt: String? = null,
    /** Execution time in seconds. */
    public val duration: Double? = null,
    /** Driver results (or `{"error": ...}` for a failed job) (Kotlin; Java: [resultsJson]). */
    @get:JvmSynthetic
    public val results: JsonElement? = null,
    /** Creation time (PocketBase datetime text). */
    public val created: String? = null,
    /** Last update (PocketBase datetime text). */
    public val updated: String? = null,
) {
    /** [payload] as JSON text. */
    public val payloadJson: String? get() = payload?.toString()

    /** [results] as JSON text. */
    public val resultsJson: String? get() = results?.toString()

    override fun toString(): String = "QpiJobRecord(id=$id, status=$status, qpuTarget=$qpuTarget)"
}

/** A QPU as listed by `GET /api/qpus`. */
@Serializable
public class QpiQpu(
    /** Record id: the key of `GET /api/qpus/{id}` and what `qpu_target` takes. */
    public val id: String,
    /** Name. */
    public val name: String,
    /** `online`, `offline`, ... */
    public val status: String? = null,
    /** Number of qubits. */
    @SerialName("num_qubits") public val numQubits: Int? = null,
    /** Whether the QPU accepts jobs. */
    public val enabled: Boolean? = null,
    /** Creation time. */
    public val created: String? = null,
    /** Last update. */
    public val updated: String? = null,
) {
    override fun toString(): String = "QpiQpu(name=$name, status=$status, numQubits=$numQubits, enabled=$enabled)"
}

/** API token metadata (the raw token is never part of it). */
@Serializable
public class QpiTokenInfo(
    /** Token record id. */
    public val id: String,
    /** Label. */
    public val name: String? = null,
    /** Expiry (PocketBase datetime text), null for none. */
    @SerialName("expires_at") public val expiresAt: String? = null,
    /** Creation time. */
    public val created: String? = null,
) {
    override fun toString(): String = "QpiTokenInfo(id=$id, name=$name, expiresAt=$expiresAt)"
}

/** A PocketBase list page. */
public class QpiPage<T>(
    /** Page number, from 1. */
    public val page: Int,
    /** Items per page. */
    public val perPage: Int,
    /** Items in all pages. */
    public val totalItems: Int,
    /** Number of pages. */
    public val totalPages: Int,
    /** This page's items. */
    public val items: List<T>,
) {
    override fun toString(): String = "QpiPage(page=$page/$totalPages, items=${items.size}/$totalItems)"
}
