package io.qonduit.target

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.circuit.Parameter
import io.qonduit.circuit.circuit
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.errors.ValidationException
import io.qonduit.job.AmbiguousResultException
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.local.LocalBackend
import io.qonduit.oqc.OqcTesting
import io.qonduit.qpi.QpiClient
import io.qonduit.testing.Circuits
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import java.time.Duration
import kotlin.math.PI
import kotlin.time.Duration.Companion.seconds

/**
 * The same DSL circuits, bindings and options on every circuit target: the local simulator, a QPI
 * QPU and an OQC QPU, the last two over HTTP against the emulator.
 */
class TargetSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig.builder().seed(5).queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(20)).build())
    val local = LocalBackend(seed = 5)
    val qpi = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN))
    val oqc = OqcTesting.sdk(emulator)
    val targets: List<Target> = runBlocking {
        oqc.open()
        listOf(local, qpi.backend(QpiEmulatorState.MOCK_QPU), oqc.target(OqcTesting.LUCY))
    }
    afterSpec {
        oqc.close(); qpi.close(); local.close(); emulator.close()
    }

    val theta = Parameter("theta")
    val rotation = circuit {
        val q = qreg("q", 1)
        val c = creg("c", 1)
        rx(theta, q[0]); measure(q, c)
    }
    // Two parameters whose order of appearance (beta, alpha) differs from their name order: a
    // target that sends them positionally must put each value where its name says.
    val alpha = Parameter("alpha")
    val beta = Parameter("beta")
    val pair = circuit {
        val q = qreg("q", 2)
        val c = creg("c", 2)
        rx(beta, q[0]); rx(alpha, q[1]); measure(q, c)
    }

    test("a multi-program run returns one item per program x binding, in order, each with its program and binding") {
        for (target in targets) withClue(target.provider) {
            val items = listOf(RunItem(Circuits.BELL), RunItem(rotation, bindings = theta.bind(0.0, PI)), RunItem(Circuits.X0, shots = 50))
            val outputs = target.run(items, RunOptions { shots = 200 }).execute(20.seconds).raiseForError()
            val result = outputs.items()
            result.map { it.program } shouldContainExactly listOf(Circuits.BELL, rotation, rotation, Circuits.X0)
            result.map { it.binding } shouldContainExactly listOf(emptyMap(), mapOf("theta" to 0.0), mapOf("theta" to PI), emptyMap())
            result[0].counts("c").keys.all { it == "00" || it == "11" } shouldBe true
            result[0].counts("c").values.sum() shouldBe 200L
            result[1].counts("c") shouldBe mapOf("0" to 200L)
            result[2].counts("c") shouldBe mapOf("1" to 200L)
            result[3].counts("c") shouldBe mapOf("100" to 50L)
        }
    }

    test("Kotlin: target.run(circuit, parameter.bind(...)) { shots = n } sweeps the parameter") {
        for (target in targets) withClue(target.provider) {
            val outputs = target.run(rotation, theta.bind(0.0, PI / 2, PI)) { shots = 1000 }.execute(20.seconds).raiseForError()
            val sweep = outputs.items()
            sweep.map { it.binding["theta"] } shouldContainExactly listOf(0.0, PI / 2, PI)
            sweep.map { it.shots } shouldContainExactly listOf(1000, 1000, 1000)
            val ones = outputs.countsTable("c").column("1")
            ones[0] shouldBe 0L
            ones[1].toDouble() / 1000 shouldBe (0.5 plusOrMinus 0.08)
            ones[2] shouldBe 1000L
        }
    }

    test("named bindings reach the right parameters whatever each provider's wire form") {
        for (target in targets) withClue(target.provider) {
            val job = target.run(pair, io.qonduit.program.Bindings.of(mapOf("alpha" to PI, "beta" to 0.0))) { shots = 20 }
            job.execute(20.seconds).raiseForError().items().single().counts("c") shouldBe mapOf("01" to 20L)
        }
    }

    test("a single-task target keeps all items in one result; asking it for 'the' counts names the item count") {
        for (target in targets.filter { it.provider != "oqc" }) withClue(target.provider) {
            val job = target.run(rotation, theta.bind(0.0, PI)).shouldBeInstanceOf<Job>()
            val result = job.execute(20.seconds).raiseForError().resultList().single()
            result.items.map { it.programIndex to it.bindingIndex } shouldContainExactly listOf(0 to 0, 0 to 1)
            shouldThrow<AmbiguousResultException> { result.counts("c") }.message shouldContain "2 items"
        }
        // OQC runs one program per task: a composite of one task per binding, in order.
        val composite = targets.single { it.provider == "oqc" }.run(rotation, theta.bind(0.0, PI)) { shots = 64 }.shouldBeInstanceOf<CompositeJob>()
        composite.jobs.size shouldBe 2
        composite.execute(20.seconds).raiseForError().counts("c") shouldContainExactly listOf(mapOf("0" to 64L), mapOf("1" to 64L))
    }

    test("bad bindings are refused before anything is sent, naming the program, binding and parameter") {
        for (target in targets) withClue(target.provider) {
            emulator.faults.clearRequests()
            shouldThrow<ValidationException> { target.create(listOf(RunItem(rotation))) }.violations.single().field shouldBe "programs[0].bindings"
            val wrong = shouldThrow<ValidationException> { target.create(listOf(RunItem(rotation, bindings = io.qonduit.program.Bindings.of(mapOf("phi" to 1.0))))) }
            wrong.violations.map { it.field } shouldContainExactly listOf("programs[0].bindings[0].theta", "programs[0].bindings[0].phi")
            emulator.faults.requests("/**", "POST") shouldBe emptyList()
        }
    }

    test("raw settings reach the provider's request: QPI's submit body, each OQC task; the local simulator refuses them") {
        val (localTarget, qpiTarget, oqcTarget) = targets
        val qpiJob = qpiTarget.run(Circuits.X0) { shots = 100; rawJson("""{"shots": 7}""") }
        qpiJob.execute(20.seconds).raiseForError().counts("c") shouldContainExactly listOf(mapOf("100" to 7L))
        val oqcJob = oqcTarget.run(Circuits.X0) { rawJson("""{"tag": "from-raw"}""") }.shouldBeInstanceOf<Job>()
        oqcJob.execute(20.seconds).raiseForError()
        emulator.oqc.task(oqcJob.taskId!!)!!.tag shouldBe "from-raw"
        shouldThrow<ValidationException> { localTarget.create(listOf(RunItem(Circuits.X0)), RunOptions.builder().rawJson("{\"x\": 1}").build()) }
            .violations.single().field shouldBe "options.raw"
    }
})
