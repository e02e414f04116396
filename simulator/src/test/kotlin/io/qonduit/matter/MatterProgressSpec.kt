package io.qonduit.matter

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.runBlocking

/** Progress through the Flow: stages in order, simulated time rising to the total, then the result. */
class MatterProgressSpec : FunSpec({
    test("a time-of-flight run reports ground state, trap and flight, then its result") {
        val experiment = MatterExperiment(1.0, MatterImaging.TIME_OF_FLIGHT, 3.0, listOf(PaintedBarrier(listOf(0.0, 1.0), listOf(0.0, 0.0), listOf(0.0, 5.0), listOf(1.0, 1.0))))
        val events = runBlocking { MatterSimulator().simulate(experiment).toList() }
        val steps = events.filterIsInstance<MatterProgress.Step>()
        steps.map { it.stage }.distinct() shouldBe listOf(MatterStage.GROUND_STATE, MatterStage.IN_TRAP, MatterStage.TIME_OF_FLIGHT)
        steps.zipWithNext().all { (a, b) -> b.simulatedMs >= a.simulatedMs } shouldBe true
        steps.last().simulatedMs shouldBe 4.0
        steps.map { it.totalMs }.distinct() shouldContainAll listOf(4.0)
        val done = events.last().shouldBeInstanceOf<MatterProgress.Done>()
        done.result.image.rows shouldBe 100
    }

    test("cancelling the collector stops the run at the next report") {
        val long = MatterExperiment(200.0, MatterImaging.IN_TRAP, barriers = listOf(PaintedBarrier(listOf(0.0, 200.0), listOf(0.0, 0.0), listOf(0.0, 5.0), listOf(1.0, 1.0))))
        var inTrap = 0
        val started = System.nanoTime()
        shouldThrow<CancellationException> {
            runBlocking {
                MatterSimulator().simulate(long).transformWhile<MatterProgress, Unit> {
                    if (it is MatterProgress.Step && it.stage == MatterStage.IN_TRAP && ++inTrap == 3) throw CancellationException("enough")
                    true
                }.collect()
            }
        }
        // 200 ms of evolution would take many seconds; stopping after three periods takes a fraction of that.
        ((System.nanoTime() - started) / 1e9 < 10.0) shouldBe true
    }
})
