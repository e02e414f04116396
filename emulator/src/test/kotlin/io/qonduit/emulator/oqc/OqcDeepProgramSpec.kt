package io.qonduit.emulator.oqc

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.Duration

/** A program nested 20 000 deep ends its task FAILED with OQC's error shape: it neither hangs nor kills the runner. */
class OqcDeepProgramSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig.builder().seed(7).queuedDelay(Duration.ofMillis(10)).runningDelay(Duration.ofMillis(10)).build())
    afterSpec { emulator.close() }
    val http = TestHttp(emulator.url("oqc"))
    val lucy = "/qpu/${short(OqcEmulatorState.LUCY_SIMULATOR)}"

    test("parentheses nested 20 000 deep: FAILED with the line and column, and the next task still runs") {
        val deep = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nrx(" +
            "(".repeat(20_000) + "1" + ")".repeat(20_000) + ") q[0];\nmeasure q -> c;\n"
        val id = http.post("$lucy/tasks/submit", submitBody(oqcTask(deep, config = oqcConfig(10))), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        val (seen, last) = http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, id)
        seen.last() shouldBe "FAILED"
        last.obj["task_error"]!!.jsonObject["error_message"]!!.jsonPrimitive.content shouldContain "line 5, column 260"

        val next = http.post("$lucy/tasks/submit", submitBody(oqcTask(config = oqcConfig(10))), TOKEN).arr[0].jsonObject["task_id"]!!.jsonPrimitive.content
        http.awaitTask(OqcEmulatorState.LUCY_SIMULATOR, next).first.last() shouldBe "COMPLETED"
    }
})
