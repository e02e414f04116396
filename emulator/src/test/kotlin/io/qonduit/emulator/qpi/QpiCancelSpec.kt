package io.qonduit.emulator.qpi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestHttp.Companion.DEMO
import kotlinx.serialization.json.JsonNull
import java.time.Duration

class QpiCancelSpec : FunSpec({
    test("cancel a pending job: 200 {status: cancelled}, it stays cancelled, a second cancel is 404") {
        Emulator.start(EmulatorConfig(queuedDelay = Duration.ofSeconds(30))).use { emulator ->
            val http = TestHttp(emulator.baseUrl)
            val id = http.post("/qpi/api/jobs", jobBody(BELL), DEMO).str("id")
            http.get("/qpi/api/jobs/$id", DEMO).str("status") shouldBe "pending"
            val cancel = http.post("/qpi/api/jobs/$id/cancel", null, DEMO)
            cancel.status shouldBe 200
            cancel.obj.toString() shouldBe """{"status":"cancelled"}"""
            val after = http.get("/qpi/api/jobs/$id", DEMO)
            after.str("status") shouldBe "cancelled"
            after.obj.getValue("results") shouldBe JsonNull
            http.post("/qpi/api/jobs/$id/cancel", null, DEMO).status shouldBe 404
        }
    }

    test("cancel while running wins over completion") {
        Emulator.start(EmulatorConfig(queuedDelay = Duration.ZERO, runningDelay = Duration.ofMillis(500))).use { emulator ->
            val http = TestHttp(emulator.baseUrl)
            val id = http.post("/qpi/api/jobs", jobBody(BELL), DEMO).str("id")
            val deadline = System.currentTimeMillis() + 5_000
            while (http.get("/qpi/api/jobs/$id", DEMO).str("status") != "running") {
                check(System.currentTimeMillis() < deadline) { "job never started running" }
                Thread.sleep(5)
            }
            http.post("/qpi/api/jobs/$id/cancel", null, DEMO).status shouldBe 200
            Thread.sleep(700)
            http.get("/qpi/api/jobs/$id", DEMO).str("status") shouldBe "cancelled"
            emulator.qpi.qpuSeconds(QpiEmulatorState.DEMO_USER_ID) shouldBe QpiEmulatorState.DEMO_QPU_SECONDS
        }
    }

    test("cancelling a completed job answers 404, as QPI does (not 409)") {
        Emulator.start().use { emulator ->
            val http = TestHttp(emulator.baseUrl)
            val id = http.post("/qpi/api/jobs", jobBody(BELL), DEMO).str("id")
            http.awaitJob(id).first.last() shouldBe "completed"
            http.post("/qpi/api/jobs/$id/cancel", null, DEMO).status shouldBe 404
        }
    }

    test("jobs for an offline QPU wait pending until it is toggled online") {
        Emulator.start(EmulatorConfig(queuedDelay = Duration.ZERO, runningDelay = Duration.ZERO)).use { emulator ->
            val http = TestHttp(emulator.baseUrl)
            val id = http.post("/qpi/api/jobs", jobBody(BELL, qpuTarget = QpiEmulatorState.OFFLINE_QPU_ID), DEMO).str("id")
            Thread.sleep(200)
            http.get("/qpi/api/jobs/$id", DEMO).str("status") shouldBe "pending"
            val toggle = http.post("/qpi/api/op/qpu/toggle", """{"id":"${QpiEmulatorState.OFFLINE_QPU_ID}","enabled":true}""", http.superuser())
            toggle.status shouldBe 200
            toggle.str("status") shouldBe "online"
            val (_, done) = http.awaitJob(id)
            done.str("status") shouldBe "completed"
            done.str("qpu_target") shouldBe QpiEmulatorState.OFFLINE_QPU_ID
        }
    }
})
