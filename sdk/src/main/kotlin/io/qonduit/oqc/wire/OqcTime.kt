package io.qonduit.oqc.wire

import io.qonduit.errors.ValidationException
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException
import java.time.temporal.ChronoUnit

/**
 * Reads the timestamp styles OQC replies mix: ISO with `Z` (`2023-08-16T11:18:01.680Z`), Python's
 * `str(datetime)` (`2023-10-17 11:24:32.937188+00:00`, `2026-11-18 00:50:00`), naive ISO
 * (`2024-12-31T23:59:59`) and RFC 1123 (`Wed, 12 Jun 2024 20:11:15 GMT`). Times without an offset are
 * UTC (the server's clock).
 */
public object OqcTime {
    private val ISO_LIKE =
        Regex("""^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:?\d{2})?$""")
    private val NAIVE_SECONDS: DateTimeFormatter = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")

    /**
     * Parses [text] into an instant.
     *
     * @param field named in the error, e.g. `timings.SERVER_RECEIVED`
     * @throws ValidationException naming [field] when [text] is in none of the known styles
     */
    @JvmStatic
    @JvmOverloads
    public fun parse(text: String, field: String = "timestamp"): Instant {
        try {
            val m = ISO_LIKE.matchEntire(text.trim())
            if (m != null) {
                val (date, time, offset) = m.destructured
                val local = LocalDateTime.parse("${date}T$time")
                val zone = if (offset.isEmpty()) ZoneOffset.UTC else ZoneOffset.of(offset)
                return local.toInstant(zone)
            }
            if (text.contains(',')) {
                return ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
            }
        } catch (e: DateTimeParseException) {
            throw ValidationException(field, text, "must be a real date and time (${e.message})")
        } catch (e: java.time.DateTimeException) {
            throw ValidationException(field, text, "has an invalid UTC offset")
        }
        throw ValidationException(
            field, text,
            "must be an ISO-8601, 'YYYY-MM-DD HH:MM:SS[.ffffff][+00:00]' or RFC-1123 timestamp",
        )
    }

    /** Formats [instant] as naive UTC `YYYY-MM-DDTHH:MM:SS`, the style of `expires_at` in token requests. */
    @JvmStatic
    public fun formatNaiveUtc(instant: Instant): String =
        LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC).format(NAIVE_SECONDS)
}
