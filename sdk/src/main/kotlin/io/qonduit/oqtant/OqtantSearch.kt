package io.qonduit.oqtant

import io.qonduit.errors.Validator
import io.qonduit.oqtant.model.JobType
import java.time.Instant

/**
 * Criteria of `GET {U}/jobs` (Python `search_jobs`). Every criterion is optional; times are
 * timezone-aware instants (sent as ISO-8601 UTC), unlike the Python client's naive local times.
 *
 * @property jobType only jobs of this type
 * @property name only jobs whose name matches
 * @property submitStart only jobs submitted at or after this instant
 * @property submitEnd only jobs submitted at or before this instant
 * @property notes only jobs whose notes match
 * @property limit most jobs returned, 1..100
 */
public data class OqtantSearch @JvmOverloads constructor(
    public val jobType: JobType? = null,
    public val name: String? = null,
    public val submitStart: Instant? = null,
    public val submitEnd: Instant? = null,
    public val notes: String? = null,
    public val limit: Int = MAX_LIMIT,
) {
    init {
        val v = Validator()
        v.check(limit in 1..MAX_LIMIT, "limit", limit, "must be in 1..$MAX_LIMIT")
        v.check(submitStart == null || submitEnd == null || !submitEnd.isBefore(submitStart), "submitEnd", submitEnd, "must not be before submitStart ($submitStart)")
        v.throwIfAny()
    }

    /** A copy with [jobType] set. */
    public fun withJobType(jobType: JobType?): OqtantSearch = copy(jobType = jobType)

    /** A copy with [name] set. */
    public fun withName(name: String?): OqtantSearch = copy(name = name)

    /** A copy with the submit window set. */
    public fun withSubmitWindow(start: Instant?, end: Instant?): OqtantSearch = copy(submitStart = start, submitEnd = end)

    /** A copy with [notes] set. */
    public fun withNotes(notes: String?): OqtantSearch = copy(notes = notes)

    /** A copy with [limit] set. */
    public fun withLimit(limit: Int): OqtantSearch = copy(limit = limit)

    internal fun query(): Map<String, Any?> = mapOf(
        "limit" to limit,
        "job_type" to jobType?.name,
        "name" to name,
        "submit_start" to submitStart?.toString(),
        "submit_end" to submitEnd?.toString(),
        "notes" to notes,
    )

    /** Limits. */
    public companion object {
        /** Most jobs one search returns (the service's maximum). */
        public const val MAX_LIMIT: Int = 100
    }
}
