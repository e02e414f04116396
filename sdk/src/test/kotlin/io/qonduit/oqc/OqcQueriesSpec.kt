package io.qonduit.oqc

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.qonduit.errors.AuthorizationException
import io.qonduit.errors.NotFoundException
import io.qonduit.errors.ValidationException
import io.qonduit.oqc.OqcTesting.LUCY
import io.qonduit.oqc.OqcTesting.LUCY_PATH
import io.qonduit.oqc.OqcTesting.TOSHIKO_PATH
import io.qonduit.oqc.OqcTesting.TOSHIKO
import io.qonduit.testing.Circuits
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.temporal.ChronoUnit
import kotlin.time.Duration.Companion.seconds

class OqcQueriesSpec : FunSpec({
    val emulator = OqcTesting.emulator()
    val sdk = OqcTesting.sdk(emulator)
    afterSpec {
        sdk.close()
        emulator.close()
    }
    beforeTest { emulator.faults.clear() }

    test("system status of one QPU on its own URL, or of every active QPU") {
        sdk.getSystemStatus(TOSHIKO).jsonObject["qpu_id"]!!.jsonPrimitive.content shouldBe TOSHIKO
        emulator.faults.requests("/oqc/qpu/673b1ad43c/monitoring/statuses") shouldHaveSize 1
        sdk.getSystemStatus(null).jsonObject["qpu_id"]!!.jsonPrimitive.content shouldBe LUCY
        val all = sdk.getSystemStatuses()
        all.keys shouldContainExactly setOf(LUCY, TOSHIKO)
        all.values.forEach { it.jsonObject["status"]!!.jsonPrimitive.content shouldBe "ACTIVE" }
    }

    test("calibration: by date, date-time or YYYY-MM-DD string; malformed strings are refused before sending") {
        val byString = sdk.getCalibration(LUCY, "2024-06-12")
        byString.jsonObject["date"]!!.jsonPrimitive.content shouldBe "2024-06-12"
        sdk.getCalibration(LUCY, CalibrationDate.of(LocalDateTime.of(2024, 6, 12, 23, 59))) shouldBe byString
        sdk.getCalibration(LUCY, CalibrationDate.of(LocalDate.of(2024, 6, 13))) shouldNotBe byString
        emulator.faults.requests("/oqc/qpu/d865b5a184/monitoring/calibrations").first().query shouldBe "qpu_id=qpu%3Auk%3A2%3Ad865b5a184&date=2024-06-12"
        sdk.getCalibration().jsonObject["date"]!!.jsonPrimitive.content shouldBe LocalDate.now(ZoneOffset.UTC).toString()
        emulator.faults.clearRequests()
        shouldThrow<ValidationException> { sdk.getCalibration(LUCY, "12/06/2024") }.violations.single().field shouldBe "dateFilter"
        shouldThrow<ValidationException> { sdk.getCalibration(LUCY, "2024-02-30") }
        emulator.faults.requests shouldHaveSize 0
        shouldThrow<NotFoundException> { sdk.getCalibration(LUCY, LocalDate.now(ZoneOffset.UTC).plusDays(3).toString()) }
    }

    test("next window: null for an always-on QPU, an instant ahead for a windowed one; window history") {
        sdk.getNextWindow(LUCY) shouldBe null
        val next = sdk.getNextWindow(TOSHIKO)!!
        (next.isAfter(Instant.now()) && next.isBefore(Instant.now().plus(7, ChronoUnit.HOURS))) shouldBe true
        sdk.getWindowHistory(TOSHIKO).jsonObject["windows"]!!.jsonArray shouldHaveSize 4
        sdk.getWindowHistory(TOSHIKO, latest = true).jsonObject["windows"]!!.jsonArray shouldHaveSize 1
    }

    test("QPU and task wait times") {
        emulator.faults.clearRequests()
        val waits = sdk.getQpuWaitTimes(listOf(TOSHIKO, LUCY, TOSHIKO))
        waits.map { it.qpuId } shouldContainExactly listOf(TOSHIKO, LUCY, TOSHIKO)
        // one request per QPU URL, as OQC's client sends them (the emulator refuses a foreign QPU)
        emulator.faults.requests("$LUCY_PATH/monitoring/qpu_wait_time", "POST") shouldHaveSize 1
        emulator.faults.requests("$TOSHIKO_PATH/monitoring/qpu_wait_time", "POST") shouldHaveSize 1
        waits[0] shouldBe waits[2]
        waits[0].windows.map { it.windowDescription } shouldContainExactly listOf("NEXT", "FUTURE")
        waits[0].estimatedAvailabilityInstant()!!.isAfter(Instant.now()) shouldBe true
        sdk.getQpuWaitTimes().single().qpuId shouldBe LUCY
        val job = sdk.createJob(Circuits.BELL, LUCY).submit()
        val reply = sdk.getTaskWaitTimes(listOf(job.taskId!!), LUCY)
        reply.jsonObject["task_wait_times"]!!.jsonArray.single().jsonObject["task_id"]!!.jsonPrimitive.content shouldBe job.taskId
    }

    test("task listing by date") {
        val job = sdk.createJob(Circuits.BELL, TOSHIKO, tag = "listed")
        job.execute(10.seconds)
        val today = LocalDate.now(ZoneOffset.UTC)
        val tasks: List<JsonObject> = sdk.listTasks(TOSHIKO, today, today)
        tasks.map { it["id"]!!.jsonPrimitive.content } shouldContainExactly listOf(job.taskId)
        tasks.single()["tag"]!!.jsonPrimitive.content shouldBe "listed"
        sdk.listTasks(TOSHIKO, endDate = today.minusDays(1)) shouldHaveSize 0
        shouldThrow<ValidationException> { sdk.listTasks(TOSHIKO, today, today.minusDays(1)) }.violations.single().field shouldBe "endDate"
    }

    test("token management: create, read expiry, delete") {
        val expires = Instant.parse("2098-05-06T07:08:09Z")
        val token = sdk.createAuthToken(expires)
        sdk.getAuthTokenExpiry(token) shouldBe expires
        sdk.getAuthTokenExpiry() shouldBe Instant.parse("2099-12-31T23:59:59Z")
        OqcSdk.withToken(emulator.url("oqc"), token).use { other ->
            other.listQpus() shouldHaveSize 2
            other.deleteAuthToken(token)
            shouldThrow<AuthorizationException> { other.listQpus() }
        }
    }
})
