package io.qonduit.oqc

import io.qonduit.errors.ValidationException
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException
import java.time.format.ResolverStyle

/**
 * The `date=YYYY-MM-DD` filter of an OQC calibration query (`get_calibration(qpu, date_filter)`).
 * Built from a date, a date-time (its own calendar date, no time-zone shift) or a strict
 * `YYYY-MM-DD` string.
 */
public class CalibrationDate private constructor(
    /** The calendar date. */
    public val date: LocalDate,
) {
    /** The query value, `YYYY-MM-DD`. */
    public val value: String get() = date.format(FORMAT)

    override fun toString(): String = value

    override fun equals(other: Any?): Boolean = other is CalibrationDate && other.date == date

    override fun hashCode(): Int = date.hashCode()

    /** Factories. */
    public companion object {
        private val FORMAT: DateTimeFormatter =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT)
        private val SHAPE = Regex("""\d{4}-\d{2}-\d{2}""")

        /**
         * Parses a strict ISO date such as `2024-06-12`.
         *
         * @throws ValidationException naming `dateFilter` for anything else (wrong shape, impossible date)
         */
        @JvmStatic
        public fun parse(text: String): CalibrationDate {
            if (!SHAPE.matches(text)) {
                throw ValidationException("dateFilter", text, "must be an ISO date YYYY-MM-DD")
            }
            return try {
                CalibrationDate(LocalDate.parse(text, FORMAT))
            } catch (e: DateTimeParseException) {
                throw ValidationException("dateFilter", text, "must be a real calendar date YYYY-MM-DD")
            }
        }

        /** The given date. */
        @JvmStatic
        public fun of(date: LocalDate): CalibrationDate = CalibrationDate(date)

        /** The calendar date of [dateTime]. */
        @JvmStatic
        public fun of(dateTime: LocalDateTime): CalibrationDate = CalibrationDate(dateTime.toLocalDate())

        /** The calendar date of [dateTime] in its own offset (not converted to UTC). */
        @JvmStatic
        public fun of(dateTime: OffsetDateTime): CalibrationDate = CalibrationDate(dateTime.toLocalDate())
    }
}
