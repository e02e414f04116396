package io.qonduit.oqc.wire

import kotlinx.serialization.json.Json

/**
 * The JSON settings for OQC messages: unknown keys are ignored (the server adds fields freely), and
 * optional fields left at their default are omitted, as the Python client omits `task_id`,
 * `hybrid_marker` and `external_config` when unset.
 */
internal val OqcWireJson: Json = Json {
    ignoreUnknownKeys = true
    encodeDefaults = false
}
