package io.qonduit.emulator.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.EmulatorMain
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class OqtopusSkeletonSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 7L))
    val http = ContractHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    test("register -> upload -> submit -> status -> get: a Bell circuit samples only 00 and 11") {
        val id = http.submitJob(programs(OQ_BELL))
        val (seen, job) = http.awaitOqtopusJob(id)
        seen.last() shouldBe "succeeded"
        job.str("status") shouldBe "succeeded"
        job.str("job_type") shouldBe "sampling"
        val result = Storage.get(job.jobInfo("result"))
        result.status shouldBe 200
        val counts = result.singleJson().jsonObject.getValue("sampling").jsonObject.getValue("counts").jsonObject
        counts.keys.toList() shouldContainExactly listOf("00", "11")
        counts.values.sumOf { it.jsonPrimitive.int } shouldBe 1000
    }

    test("devices list the simulator and the QPU") {
        val devices = http.get("/oqtopus/devices", OQ_DEMO)
        devices.status shouldBe 200
        devices.arr.map { it.jsonObject.getValue("device_id").jsonPrimitive.content } shouldContainExactly
            listOf(OqtopusEmulatorState.SVSIM, OqtopusEmulatorState.QPU, OqtopusEmulatorState.OFFLINE_QPU)
    }

    test("the banner names the OQTOPUS base URL and token") {
        EmulatorMain.banner(emulator) shouldContain "q-api-token ${OqtopusEmulatorState.DEMO_TOKEN}"
    }
})
