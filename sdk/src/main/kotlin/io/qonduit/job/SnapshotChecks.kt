package io.qonduit.job

import java.time.Instant
import java.time.format.DateTimeParseException

/**
 * What a snapshot must hold beyond its JSON shape, checked before anything is restored, so that a
 * damaged or hand-edited file is refused with a [SnapshotException] naming the field and what it
 * must be — not an untyped error from deep inside the restore, and not a silently wrong job.
 */
internal object SnapshotChecks {
    /** Throws a [SnapshotException] for the first field of [snapshot] (or of a child) that breaks a rule. */
    fun check(snapshot: Snapshot) {
        when (snapshot) {
            is JobSnapshot -> checkJob(snapshot, "")
            is CompositeJobSnapshot -> {
                if (snapshot.maxConcurrency < 1) fail("maxConcurrency", snapshot.maxConcurrency, "must be at least 1")
                snapshot.jobs.forEachIndexed { i, job -> checkJob(job, "jobs[$i].") }
            }
        }
    }

    private fun checkJob(job: JobSnapshot, prefix: String) {
        job.cadenceMillis.forEachIndexed { i, ms ->
            if (ms <= 0) fail("${prefix}cadenceMillis[$i]", ms, "must be a positive number of milliseconds")
        }
        if (job.outputIsLatest && job.history.isEmpty()) {
            fail("${prefix}outputIsLatest", true, "needs a non-empty history, whose last entry is the output")
        }
        val output = if (job.outputIsLatest) job.history.last() else job.output
        if (job.state == JobState.COMPLETED && output !is ResultSnapshot) {
            fail("${prefix}output", output?.let { "an error" }, "must be the result of the run when state is COMPLETED")
        }
        // A job reaches FAILED only by recording the provider's error as its output (Job.applyReport).
        if (job.state == JobState.FAILED && output !is ErrorSnapshot) {
            fail("${prefix}output", output?.let { "a result" }, "must be the error of the run when state is FAILED")
        }
        // The submission in doubt is what reconcile() looks up; without it the job could never leave the state.
        if (job.state == JobState.UNKNOWN_SUBMISSION && job.submissionInDoubt == null) {
            fail("${prefix}submissionInDoubt", null, "must say what was sent when state is UNKNOWN_SUBMISSION")
        }
        job.submissionInDoubt?.let {
            try {
                Instant.parse(it.sentAt)
            } catch (e: DateTimeParseException) {
                fail("${prefix}submissionInDoubt.sentAt", it.sentAt, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z")
            }
        }
    }

    private fun fail(field: String, value: Any?, expected: String): Nothing =
        throw SnapshotException("snapshot field $field = ${value ?: "missing"}: $expected", field = field)
}
