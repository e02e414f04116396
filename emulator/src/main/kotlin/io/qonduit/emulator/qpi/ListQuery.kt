package io.qonduit.emulator.qpi

import io.ktor.server.application.ApplicationCall

/** One `sort` key: `created`, `+created` (ascending) or `-created` (descending). */
internal class SortKey(val field: String, val descending: Boolean)

/** Parses a comma-separated `sort` query value, rejecting fields outside [allowed] with 400. */
internal fun parseSort(value: String?, default: String, allowed: Set<String>): List<SortKey> =
    (value?.takeIf { it.isNotBlank() } ?: default).split(',').map { raw ->
        val key = raw.trim()
        val descending = key.startsWith('-')
        val field = key.removePrefix("-").removePrefix("+")
        if (field !in allowed) {
            throw PocketBaseException.badRequest(
                "Invalid sort parameter.",
                "sort",
                "Unknown sort field '$field'; allowed: ${allowed.sorted().joinToString()}.",
            )
        }
        SortKey(field, descending)
    }

/**
 * Sorts [items] by [keys]; [value] gives a record's value for a field. Ties keep insertion order
 * via [sequence], so records created in the same millisecond still sort stably.
 */
internal fun <T> sortRecords(
    items: List<T>,
    keys: List<SortKey>,
    sequence: (T) -> Long,
    value: (T, String) -> Comparable<*>,
): List<T> {
    var comparator: Comparator<T> = Comparator { _, _ -> 0 }
    for (key in keys) {
        val byField = Comparator<T> { a, b ->
            @Suppress("UNCHECKED_CAST")
            (value(a, key.field) as Comparable<Any>).compareTo(value(b, key.field))
        }
        val ordered = if (key.descending) byField.reversed() else byField
        comparator = comparator.then(ordered)
    }
    val bySequence = Comparator<T> { a, b -> sequence(a).compareTo(sequence(b)) }
    val last = if (keys.firstOrNull()?.descending == true) bySequence.reversed() else bySequence
    return items.sortedWith(comparator.then(last))
}

/** Reads integer query parameter [name] in [min]..[max], or [default]; 400 naming it otherwise. */
internal fun ApplicationCall.intQuery(name: String, default: Int, min: Int, max: Int): Int {
    val raw = request.queryParameters[name] ?: return default
    val value = raw.toIntOrNull()
    if (value == null || value < min || value > max) {
        throw PocketBaseException.badRequest(
            "Invalid query parameter.",
            name,
            "Must be an integer between $min and $max, was '$raw'.",
        )
    }
    return value
}

/**
 * QPI's own list paging (`getPaginationParams`): `skip` and `limit` read leniently, as
 * `getQueryParamInt` does: a missing or non-numeric value is the default (skip 0, no limit), a
 * negative skip starts at the first record and a limit of 0 or less means no limit.
 */
internal class SkipLimit(val skip: Int, val limit: Int)

internal fun ApplicationCall.skipLimit(): SkipLimit {
    val skip = request.queryParameters["skip"]?.toIntOrNull() ?: 0
    val limit = request.queryParameters["limit"]?.toIntOrNull() ?: 0
    return SkipLimit(skip.coerceAtLeast(0), if (limit <= 0) Int.MAX_VALUE else limit)
}

/** PocketBase list paging (`page`, `perPage`); `filter` is not implemented by the emulator. */
internal class PageQuery(val page: Int, val perPage: Int)

internal fun ApplicationCall.pageQuery(): PageQuery {
    if (!request.queryParameters["filter"].isNullOrBlank()) {
        throw PocketBaseException.badRequest(
            "Invalid query parameter.",
            "filter",
            "The Qonduit emulator does not support PocketBase filter expressions.",
        )
    }
    return PageQuery(
        page = intQuery("page", default = 1, min = 1, max = Int.MAX_VALUE),
        perPage = intQuery("perPage", default = DEFAULT_PER_PAGE, min = 1, max = MAX_PER_PAGE),
    )
}

private const val DEFAULT_PER_PAGE = 30
private const val MAX_PER_PAGE = 1000
