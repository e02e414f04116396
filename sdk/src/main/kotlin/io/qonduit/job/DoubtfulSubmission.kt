package io.qonduit.job

import java.time.Instant
import java.util.concurrent.ConcurrentHashMap

/** A submission whose reply never came: when it was sent, the id allocated for it (if any), how to look. */
internal data class DoubtfulSubmission(
    val provider: String,
    val device: String,
    val sentAt: Instant,
    val candidate: String?,
    val lookup: String,
    val cause: Throwable?,
) {
    fun exception(): SubmissionUnknownException =
        SubmissionUnknownException(provider, device, sentAt, lookup + (candidate?.let { " (task id allocated for it: $it)" } ?: ""), cause)
}

/**
 * Provider task ids already followed by a job in this process, per provider: a lookup for a lost
 * submission must not hand one job's task to another job with the same program.
 */
internal object ClaimedTasks {
    private const val KEPT_PER_PROVIDER = 10_000
    private val byProvider = ConcurrentHashMap<String, MutableSet<String>>()

    /** Records [taskId] as followed; false when a job already follows it. */
    fun claim(provider: String, taskId: String): Boolean {
        val ids = byProvider.computeIfAbsent(provider) { java.util.Collections.synchronizedSet(LinkedHashSet()) }
        synchronized(ids) {
            if (!ids.add(taskId)) return false
            if (ids.size > KEPT_PER_PROVIDER) ids.remove(ids.first())
            return true
        }
    }

    fun of(provider: String): Set<String> = byProvider[provider]?.let { synchronized(it) { it.toSet() } } ?: emptySet()
}
