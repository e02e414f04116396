package io.qonduit.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.collections.shouldContain
import io.qonduit.circuit.circuit
import io.qonduit.job.JobState
import io.qonduit.testing.Circuits
import kotlin.time.Duration.Companion.seconds

/**
 * The previous, inline API over real HTTP: the client with [OqtopusApiFlow.INLINE] against the
 * emulator's previous flow, sampling and estimation end to end, checked against analytic values.
 */
class OqtopusInlineFlowSpec : FunSpec({
    val oqtopus = OqtopusEmulatorFixture()
    val client = oqtopus.client(flow = OqtopusApiFlow.INLINE)
    val target = client.target(oqtopus.simulator, oqtopus.fast)
    afterSpec {
        client.close()
        oqtopus.close()
    }

    val plus = circuit {
        val q = qreg("q", 1)
        val c = creg("c", 1)
        h(q[0]); measure(q, c)
    }

    test("sampling a Bell pair: one POST /jobs with job_info inline, no storage, counts read inline") {
        oqtopus.emulator.faults.clearRequests()
        val job = target.run(Circuits.BELL) { shots = 1000 }
        val item = job.execute(30.seconds).raiseForError().items().single()
        val counts = item.counts("c")
        counts.keys.all { it == "00" || it == "11" } shouldBe true
        counts.values.sum() shouldBe 1000L
        val extras = item.extras(OqtopusExtras::class.java)!!
        extras.transpiledProgram!! shouldContain "OPENQASM 3"
        oqtopus.emulator.faults.requests("/oqtopus-storage/**").size shouldBe 0
        val api = oqtopus.emulator.faults.requests("/oqtopus/**").map { "${it.method} ${it.path}" }
        api.first() shouldBe "POST /oqtopus/jobs"
        api.none { it.endsWith("/submit") } shouldBe true
        val record = client.getJob(extras.jobId)
        record.inlineJobInfo shouldBe true
    }

    test("estimation: <Z⊗Z> = 1 on a Bell state with stds 0, <X> = 2 (coeff 2) and <Z> = 0 on |+>") {
        val zz = target.run(Circuits.BELL) { shots = 1000; provider = OqtopusOptions(operators = listOf(OqtopusOperator("Z 0 Z 1"))) }
        val ev = zz.execute(30.seconds).raiseForError().items().single().expectationValues.single()
        ev.value shouldBe (1.0 plusOrMinus 1e-9)
        ev.std!! shouldBe (0.0 plusOrMinus 1e-9)
        val x = target.run(plus) { shots = 1000; provider = OqtopusOptions(operators = listOf(OqtopusOperator("X 0", 2.0))) }
        x.execute(30.seconds).raiseForError().items().single().expectationValues.single().value shouldBe (2.0 plusOrMinus 1e-9)
        val z = target.run(plus) { shots = 400; provider = OqtopusOptions(operators = listOf(OqtopusOperator("Z 0"))) }
        val zv = z.execute(30.seconds).raiseForError().items().single().expectationValues.single()
        zv.value shouldBe (0.0 plusOrMinus 1e-9)
        zv.std!! shouldBe (0.05 plusOrMinus 1e-9)
    }

    test("sse: the script goes base64-encoded as job_info.program; the log comes from GET /jobs/{job_id}/sselog") {
        val script = "print('hello from sse')\n"
        oqtopus.emulator.faults.clearRequests()
        val job = target.createSse(script)
        job.execute(30.seconds).raiseForError()
        job.state shouldBe JobState.COMPLETED
        val log = client.sseLogText(job.taskId!!)
        log shouldContain "SSE job ${job.taskId}"
        log shouldContain "received sse_program: ${script.length} bytes"
        val api = oqtopus.emulator.faults.requests("/oqtopus/**").map { "${it.method} ${it.path}" }
        api shouldContain "GET /oqtopus/jobs/${job.taskId}/sselog"
        oqtopus.emulator.faults.requests("/oqtopus-storage/**").size shouldBe 0
    }

    test("the low-level calls: submitJob and jobResult of the inline flow") {
        val id = client.submitJob(OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3(), 200))
        val deadline = System.currentTimeMillis() + 30_000
        while (client.getJobStatus(id).status != "succeeded") {
            check(System.currentTimeMillis() < deadline) { "job $id did not succeed" }
            kotlinx.coroutines.delay(20)
        }
        val result = client.jobResult(id)
        result.counts.values.sum() shouldBe 200L
        result.counts.keys.sorted().all { it == "00" || it == "11" } shouldBe true
    }
})
