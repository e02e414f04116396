package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.wire.OqcNotices
import io.qonduit.oqc.wire.OqcTime
import kotlinx.serialization.json.Json
import java.time.Instant

class OqcTimeAndNoticesSpec : FunSpec({
    mapOf(
        "2023-08-16T11:18:01.680Z" to "2023-08-16T11:18:01.680Z",
        "2024-06-12T10:00:00Z" to "2024-06-12T10:00:00Z",
        "2023-10-17 11:24:32.937188+00:00" to "2023-10-17T11:24:32.937188Z",
        "2023-10-17 12:24:32+01:00" to "2023-10-17T11:24:32Z",
        "2026-11-18 00:50:00" to "2026-11-18T00:50:00Z",
        "2025-11-13 16:20:43.229464" to "2025-11-13T16:20:43.229464Z",
        "2024-12-31T23:59:59" to "2024-12-31T23:59:59Z",
        "Wed, 12 Jun 2024 20:11:15 GMT" to "2024-06-12T20:11:15Z",
    ).forEach { (text, expected) ->
        test("timestamp '$text' reads as $expected") {
            OqcTime.parse(text) shouldBe Instant.parse(expected)
        }
    }

    listOf("yesterday", "2024-06-12", "2024-13-12 10:00:00", "2024-06-12 25:00:00", "12/06/2024 10:00").forEach { bad ->
        test("malformed timestamp '$bad' is rejected naming the field") {
            shouldThrow<ValidationException> { OqcTime.parse(bad, "windows.start_time") }
                .violations.single().field shouldBe "windows.start_time"
        }
    }

    test("message/messages entries split into warnings and info") {
        val n = OqcNotices.from(
            Json.parseToJsonElement(
                """{"message": "Warning: QPU in maintenance", "messages": ["Queued behind 3 tasks", "Warning: shots capped"], "x": 1}""",
            ),
        )
        n.warnings shouldBe listOf("Warning: QPU in maintenance", "Warning: shots capped")
        n.info shouldBe listOf("Queued behind 3 tasks")
        OqcNotices.from(Json.parseToJsonElement("""[{"task_id": "x"}]""")).isEmpty shouldBe true
        OqcNotices.from(Json.parseToJsonElement("""{"status": "COMPLETED"}""")) shouldBe OqcNotices.none()
        // Case matters, as in the Python client's startswith("Warning").
        OqcNotices.from(Json.parseToJsonElement("""{"message": "warning lower"}""")).info shouldBe listOf("warning lower")
    }
})
