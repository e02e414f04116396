package io.qonduit.oqtopus

import io.qonduit.errors.Validator
import java.time.Instant

/** Sort order of listings (`ASC` by creation or start time is the service's default). */
public enum class OqtopusOrder {
    /** Oldest first. */
    ASC,

    /** Newest first. */
    DESC,
}

/**
 * The filters, paging and order of `GET /jobs`: every query parameter of the spec. Unset values are
 * not sent (the service's defaults: page 1, size 10, `ASC`).
 *
 * Kotlin: `OqtopusJobQuery(status = "succeeded", size = 50)`; Java: `OqtopusJobQuery.builder().status("succeeded").build()`.
 */
public class OqtopusJobQuery @JvmOverloads constructor(
    /** Fields to return (`job_id,status,name`); others come back absent. */
    public val fields: List<String>? = null,
    /** Jobs submitted at or after this time. */
    public val startTime: Instant? = null,
    /** Jobs submitted at or before this time. */
    public val endTime: Instant? = null,
    /** Only jobs with this status. */
    public val status: String? = null,
    /** Substring of the job id, name or description. */
    public val q: String? = null,
    /** Page, from 1. */
    public val page: Long? = null,
    /** Page size, 1..65535. */
    public val size: Int? = null,
    /** Order by creation time. */
    public val order: OqtopusOrder? = null,
) {
    init {
        val v = Validator()
        page?.let { v.check(it in 1..4_294_967_295L, "page", it, "must be in 1..4294967295") }
        size?.let { v.check(it in 1..65_535, "size", it, "must be in 1..65535") }
        fields?.let { v.check(it.joinToString(",").length <= 1024, "fields", it.size, "must be at most 1024 characters joined") }
        q?.let { v.check(it.length <= 1024, "q", it.length, "must be at most 1024 characters") }
        v.throwIfAny()
    }

    internal fun parameters(): Map<String, Any?> = mapOf(
        "fields" to fields?.joinToString(","),
        "start_time" to startTime?.toString(),
        "end_time" to endTime?.toString(),
        "status" to status,
        "q" to q,
        "page" to page,
        "size" to size,
        "order" to order?.name,
    )

    /** A builder starting from these values. */
    public fun toBuilder(): Builder = Builder().fields(fields).startTime(startTime).endTime(endTime).status(status).q(q).page(page).size(size).order(order)

    /** Builder for Java. */
    public class Builder internal constructor() {
        private var fields: List<String>? = null
        private var startTime: Instant? = null
        private var endTime: Instant? = null
        private var status: String? = null
        private var q: String? = null
        private var page: Long? = null
        private var size: Int? = null
        private var order: OqtopusOrder? = null

        /** Sets [OqtopusJobQuery.fields]. */
        public fun fields(value: List<String>?): Builder = apply { fields = value }

        /** Sets [OqtopusJobQuery.startTime]. */
        public fun startTime(value: Instant?): Builder = apply { startTime = value }

        /** Sets [OqtopusJobQuery.endTime]. */
        public fun endTime(value: Instant?): Builder = apply { endTime = value }

        /** Sets [OqtopusJobQuery.status]. */
        public fun status(value: String?): Builder = apply { status = value }

        /** Sets [OqtopusJobQuery.q]. */
        public fun q(value: String?): Builder = apply { q = value }

        /** Sets [OqtopusJobQuery.page]. */
        public fun page(value: Long?): Builder = apply { page = value }

        /** Sets [OqtopusJobQuery.size]. */
        public fun size(value: Int?): Builder = apply { size = value }

        /** Sets [OqtopusJobQuery.order]. */
        public fun order(value: OqtopusOrder?): Builder = apply { order = value }

        /** The query. @throws io.qonduit.errors.ValidationException for values out of range */
        public fun build(): OqtopusJobQuery = OqtopusJobQuery(fields, startTime, endTime, status, q, page, size, order)
    }

    public companion object {
        /** No filter: the service's first page. */
        @JvmField
        public val ALL: OqtopusJobQuery = OqtopusJobQuery()

        /** A builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}
