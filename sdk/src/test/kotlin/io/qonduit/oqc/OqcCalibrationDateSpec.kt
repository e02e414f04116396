package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.errors.ValidationException
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneOffset

class OqcCalibrationDateSpec : FunSpec({
    test("dates, date-times and strict strings normalise to YYYY-MM-DD") {
        CalibrationDate.parse("2024-06-12").value shouldBe "2024-06-12"
        CalibrationDate.of(LocalDate.of(2024, 2, 29)).toString() shouldBe "2024-02-29"
        CalibrationDate.of(LocalDateTime.of(2024, 6, 12, 23, 59)).value shouldBe "2024-06-12"
        // The date-time's own calendar date, as Python's datetime.date() gives: no shift to UTC.
        CalibrationDate.of(OffsetDateTime.of(2024, 6, 13, 1, 0, 0, 0, ZoneOffset.ofHours(9))).value shouldBe "2024-06-13"
        CalibrationDate.parse("2024-06-12") shouldBe CalibrationDate.of(LocalDate.of(2024, 6, 12))
    }

    listOf("2024-6-12", "12/06/2024", "2024-06-12T10:00:00", "2023-02-29", "2024-13-01", "", " 2024-06-12", "yesterday")
        .forEach { bad ->
            test("'$bad' is rejected naming dateFilter") {
                val e = shouldThrow<ValidationException> { CalibrationDate.parse(bad) }
                e.violations.single().field shouldBe "dateFilter"
                e.violations.single().value shouldBe bad
            }
        }
})
