package io.qonduit.emulator.oqc

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldEndWith
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.TestHttp
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.LocalDate
import java.time.ZoneOffset

class OqcMonitoringSpec : FunSpec({
    val emulator = Emulator.start()
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqc"))
    val lucy = "/qpu/${short(OqcEmulatorState.LUCY_SIMULATOR)}"
    val toshiko = "/qpu/${short(OqcEmulatorState.TOSHIKO)}"

    test("always-on QPUs have no next window; windowed QPUs do, and a history") {
        http.get("$lucy/windows/next", TOKEN).text shouldBe "{}"
        val next = http.get("$toshiko/windows/next", TOKEN).obj.getValue("next_window").jsonObject
        next.getValue("starting").jsonPrimitive.content shouldEndWith "Z"
        http.get("$toshiko/windows/history", TOKEN).obj.getValue("windows").jsonArray shouldHaveSize 4
        http.get("$toshiko/windows/history?latest=True", TOKEN).obj.getValue("windows").jsonArray shouldHaveSize 1
    }

    test("statuses name the QPU and its state") {
        http.get("$lucy/monitoring/statuses", TOKEN).str("status") shouldBe "ACTIVE"
        http.get("/qpu/${short(OqcEmulatorState.INACTIVE_QPU)}/monitoring/statuses", TOKEN).str("status") shouldBe "INACTIVE"
    }

    test("calibrations need the QPU id, take a strict date and differ by date") {
        val today = LocalDate.now(ZoneOffset.UTC)
        val a = http.get("$lucy/monitoring/calibrations?qpu_id=${OqcEmulatorState.LUCY_SIMULATOR}&date=2024-06-12", TOKEN)
        a.str("date") shouldBe "2024-06-12"
        a.obj.getValue("qubits").jsonObject.keys shouldHaveSize 8
        val b = http.get("$lucy/monitoring/calibrations?qpu_id=${OqcEmulatorState.LUCY_SIMULATOR}&date=2024-06-13", TOKEN)
        b.obj["qubits"] shouldNotBe a.obj["qubits"]
        http.get("$lucy/monitoring/calibrations?qpu_id=${OqcEmulatorState.LUCY_SIMULATOR}", TOKEN).str("date") shouldBe today.toString()
        http.get("$lucy/monitoring/calibrations?qpu_id=${OqcEmulatorState.LUCY_SIMULATOR}&date=2024-6-1", TOKEN).status shouldBe 400
        http.get("$lucy/monitoring/calibrations?qpu_id=${OqcEmulatorState.LUCY_SIMULATOR}&date=${today.plusDays(2)}", TOKEN).status shouldBe 404
        http.get("$lucy/monitoring/calibrations?qpu_id=${OqcEmulatorState.TOSHIKO}", TOKEN).status shouldBe 400
    }

    test("qpu wait times follow the documented shape") {
        val reply = http.post("$toshiko/monitoring/qpu_wait_time", """{"targets":["${OqcEmulatorState.TOSHIKO}"]}""", TOKEN)
        val entries = reply.obj.getValue("qpu_wait_times").jsonArray
        entries shouldHaveSize 1
        val toshikoEntry = entries[0].jsonObject
        toshikoEntry.getValue("qpu_id").jsonPrimitive.content shouldBe OqcEmulatorState.TOSHIKO
        toshikoEntry.getValue("tasks_in_queue").jsonPrimitive.int shouldBe 0
        toshikoEntry.getValue("windows").jsonArray.map { it.jsonObject["window_description"]!!.jsonPrimitive.content } shouldBe listOf("NEXT", "FUTURE")
        http.post("$lucy/monitoring/qpu_wait_time", """{"targets":["qpu:none"]}""", TOKEN).status shouldBe 404
        // A QPU's URL answers for that QPU only (the real client asks each QPU's URL).
        val foreign = http.post("$lucy/monitoring/qpu_wait_time", """{"targets":["${OqcEmulatorState.LUCY_SIMULATOR}","${OqcEmulatorState.TOSHIKO}"]}""", TOKEN)
        foreign.status shouldBe 400
        foreign.text shouldContain OqcEmulatorState.TOSHIKO
    }
})
