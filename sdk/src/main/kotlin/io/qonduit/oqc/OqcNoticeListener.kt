package io.qonduit.oqc

import io.qonduit.oqc.wire.OqcNotices

/**
 * Receives the informational `message` / `messages` entries of OQC replies, which the Python client
 * turns into warnings (entries starting with `Warning`) or log lines (the rest).
 */
public fun interface OqcNoticeListener {
    /**
     * Called once per reply that carried messages.
     *
     * @param notices the reply's warnings and informational messages
     * @param request the request that got them, e.g. `GET /admin/qpu` (no query string)
     */
    public fun onNotices(notices: OqcNotices, request: String)
}
