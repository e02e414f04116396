package io.qonduit.emulator

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.qonduit.emulator.oqtopus.OQ_DEMO
import io.qonduit.emulator.qibo.QIBO_DEMO
import io.qonduit.emulator.qibo.jobBody
import io.qonduit.emulator.qibo.postJob
import io.qonduit.emulator.qibo.qiboCircuit
import io.qonduit.emulator.qibo.qiboEmulator
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** `GET /_emulator/jobs`: what each provider's store holds, read from another process. */
class EmulatorJobsRouteSpec : FunSpec({
    val emulator = qiboEmulator()
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    test("lists each provider's runs as its store holds them: a Qibo pid, an OQTOPUS job only registered, nothing else") {
        val empty = http.get("/_emulator/jobs")
        empty.status shouldBe 200
        empty.obj.keys shouldBe setOf("qpi", "oqc", "oqtant", "oqtopus", "qibo")
        empty.obj.values.forEach { it.jsonArray.shouldBeEmpty() }

        val pid = http.postJob(jobBody(qiboCircuit("ghz3")), QIBO_DEMO)
        val registered = http.post("/oqtopus/jobs", null, OQ_DEMO).also { it.status shouldBe 200 }.str("job_id")
        val listed = http.get("/_emulator/jobs").obj
        listed.getValue("qibo").jsonArray.map { it.jsonPrimitive.content } shouldBe listOf(pid)
        listed.getValue("qibo").jsonArray.map { it.jsonPrimitive.content } shouldBe emulator.qibo.jobPids()
        val oqtopus = listed.getValue("oqtopus").jsonArray.single().jsonObject
        oqtopus.getValue("id").jsonPrimitive.content shouldBe registered
        oqtopus.getValue("status").jsonPrimitive.content shouldBe emulator.oqtopus.status(registered)
        oqtopus.getValue("status").jsonPrimitive.content shouldBe "registered"
        listOf("qpi", "oqc", "oqtant").forEach { listed.getValue(it).jsonArray.shouldBeEmpty() }
        // The admin routes are not recorded as requests, and listing does not create anything.
        http.get("/_emulator/jobs").obj.getValue("qibo").jsonArray.size shouldBe 1
    }
})
