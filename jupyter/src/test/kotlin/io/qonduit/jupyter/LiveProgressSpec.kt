package io.qonduit.jupyter

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.mockk.every
import io.mockk.mockk
import io.qonduit.circuit.circuit
import io.qonduit.local.LocalBackend
import io.qonduit.matter.MatterExperiment
import io.qonduit.matter.MatterImaging
import io.qonduit.matter.MatterProgress
import io.qonduit.matter.MatterSimulator
import io.qonduit.matter.PaintedBarrier
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.jetbrains.kotlinx.jupyter.api.KotlinKernelHost
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import kotlin.time.Duration.Companion.seconds

class LiveProgressSpec : FunSpec({
    val bell = circuit {
        val q = qreg("q", 2)
        val c = creg("c", 2)
        h(q[0]); cx(q[0], q[1]); measure(q, c)
    }

    test("a composite's progress is displayed once and then updated in place under the same id") {
        val shown = mutableListOf<Pair<String, String>>()
        val updated = mutableListOf<Pair<String, String>>()
        val host = mockk<KotlinKernelHost>()
        every { host.display(any(), any()) } answers { shown += secondArg<String>() to html(firstArg()) }
        every { host.updateDisplay(any(), any()) } answers { updated += secondArg<String>() to html(firstArg()) }
        LiveProgress.attach(host)

        LocalBackend(seed = 5).use { local ->
            val composite = local.createJobs(listOf(bell, bell, bell), shots = 100)
            runBlocking {
                val live = launch { composite.showProgress() }
                composite.execute(30.seconds, false)
                live.join()
            }
        }
        shown.size shouldBe 1
        shown.single().first shouldStartWith "qonduit-progress-"
        shown.single().second shouldContain "0/3 done"
        updated.shouldNotBeEmpty()
        updated.map { it.first }.toSet() shouldBe setOf(shown.single().first)
        updated.last().second shouldContain "3/3 done (COMPLETED=3)"
        updated.last().second shouldContain "<progress value=\"3\" max=\"3\">"
    }

    test("a simulation's progress is displayed once, updated in place per stage and percent, and its result returned") {
        val shown = mutableListOf<Pair<String, String>>()
        val updated = mutableListOf<Pair<String, String>>()
        val host = mockk<KotlinKernelHost>()
        every { host.display(any(), any()) } answers { shown += secondArg<String>() to html(firstArg()) }
        every { host.updateDisplay(any(), any()) } answers { updated += secondArg<String>() to html(firstArg()) }
        LiveProgress.attach(host)
        // 1 ms in the trap and 3 ms of flight: small enough to run in a test.
        val experiment = MatterExperiment(1.0, MatterImaging.TIME_OF_FLIGHT, 3.0, listOf(PaintedBarrier(listOf(0.0, 1.0), listOf(0.0, 0.0), listOf(0.0, 5.0), listOf(1.0, 1.0))))
        val steps = java.util.concurrent.atomic.AtomicInteger()
        val result = runBlocking { LiveProgress.showSimulation(MatterSimulator().simulate(experiment).onEach { if (it is MatterProgress.Step) steps.incrementAndGet() }) }
        result!!.image.rows shouldBe 100
        shown.size shouldBe 1
        shown.single().first shouldStartWith "qonduit-simulation-"
        shown.single().second shouldContain "GROUND_STATE"
        updated.map { it.first }.toSet() shouldBe setOf(shown.single().first)
        updated.last().second shouldContain "done"
        updated.any { it.second.contains("TIME_OF_FLIGHT") } shouldBe true
        // Only stage and whole-percent changes reach the notebook, not every step.
        (updated.size < steps.get()) shouldBe true
        (updated.size <= 3 * 101 + 1) shouldBe true
    }
})

private fun html(value: Any?): String = (value as MimeTypedResult)["text/html"]!!
