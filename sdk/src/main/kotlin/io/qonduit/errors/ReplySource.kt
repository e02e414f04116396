package io.qonduit.errors

/**
 * The provider and job a reply being decoded belongs to, so that every decoder raises the same
 * [ResponseDecodeException] naming both and the offending field.
 */
internal class ReplySource(val provider: String, val jobId: String?) {
    /** Refuses [field] of the reply: it broke [limit]. */
    fun fail(field: String, limit: String): Nothing = throw ResponseDecodeException(provider, jobId, field, limit)
}
