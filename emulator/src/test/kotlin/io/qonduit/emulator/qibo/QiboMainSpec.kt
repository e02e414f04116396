package io.qonduit.emulator.qibo

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.EmulatorMain
import io.qonduit.emulator.TestHttp

class QiboMainSpec : FunSpec({
    test("the banner names the Qibo URL, the demo token and the partitions") {
        qiboEmulator().use { emulator ->
            val banner = EmulatorMain.banner(emulator)
            banner shouldContain "qibo: ${emulator.url("qibo")}"
            banner shouldContain "x-api-token ${QiboEmulatorState.DEMO_TOKEN}"
            banner shouldContain "${QiboEmulatorState.SIM}, ${QiboEmulatorState.HARDWARE} (unavailable)"
        }
    }

    test("the --qibo-* options leave the other arguments to parseArgs and set the started emulator's Qibo state") {
        val (rest, apply) = EmulatorMain.qiboOptions(
            arrayOf("--port", "0", "--qibo-refuse-jobs", "--qibo-server-version", "0.3.9", "--qibo-minimum-client-version=0.2.0", "--seed", "4",
                "--qibo-partition-available", QiboEmulatorState.HARDWARE),
        )
        rest.toList() shouldContainExactly listOf("--port", "0", "--seed", "4")
        qiboEmulator().use { emulator ->
            apply(emulator.qibo)
            val http = TestHttp(emulator.baseUrl)
            val version = http.get("/qibo/api/qibo_version/")
            version.str("server_qibo_version") shouldBe "0.3.9"
            version.str("minimum_client_qibo_version") shouldBe "0.2.0"
            val post = http.post("/qibo/api/jobs/", jobBody(qiboCircuit("ghz3")), QIBO_DEMO)
            post.str("detail") shouldBe "Server failed to post job to queue"
            emulator.qibo.jobPids() shouldBe emptyList()
            val hardware = http.get("/qibo/api/projectquotas/", QIBO_DEMO).arr.map { it.toString() }.single { QiboEmulatorState.HARDWARE in it }
            hardware shouldContain "\"status\":\"available\""
        }
    }
})
