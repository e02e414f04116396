package io.qonduit.simulator

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.qonduit.circuit.OpenQasm
import java.util.concurrent.CancellationException
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.BooleanSupplier

/** The `cancelled` callback of run() stops a simulation at the next check, on each of the three paths. */
class CancellationSpec : FunSpec({
    /** Answers true from the [after]+1-th question on, counting every question. */
    class CancelAfter(private val after: Int) : BooleanSupplier {
        val asked = AtomicInteger()
        override fun getAsBoolean(): Boolean = asked.incrementAndGet() > after
    }

    test("evolving a wide circuit stops at the operation after the callback turns true") {
        val layers = (0 until 200).joinToString("") { "h q;\n" }
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[20];\ncreg c[20];\n$layers measure q -> c;\n")
        val cancel = CancelAfter(5)
        val started = System.nanoTime()
        shouldThrow<CancellationException> { StateVectorSimulator(seed = 1).run(circuit, 100, emptyMap(), cancel) }
        cancel.asked.get() shouldBe 6
        // 4 000 single-qubit operations on 2^20 amplitudes would take seconds; 5 take milliseconds.
        (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 1_000
    }

    test("a shot-by-shot run (mid-circuit measurement) stops between shots") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[2];\ncreg c[2];\nh q[0];\nmeasure q[0] -> c[0];\ncx q[0],q[1];\nmeasure q[1] -> c[1];\n")
        val cancel = CancelAfter(10)
        shouldThrow<CancellationException> { StateVectorSimulator(seed = 1).run(circuit, 1_000_000, emptyMap(), cancel) }
        cancel.asked.get() shouldBe 11
    }

    test("drawing many shots from a final distribution stops every CANCEL_CHECK_SHOTS draws") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[1];\ncreg c[1];\nh q[0];\nmeasure q -> c;\n")
        val cancel = CancelAfter(3) // one question per operation (h, measure), then one per 4096 draws
        shouldThrow<CancellationException> { StateVectorSimulator(seed = 1).run(circuit, 10_000_000, emptyMap(), cancel) }
        cancel.asked.get() shouldBe 4
    }

    test("a callback that never turns true changes nothing") {
        val circuit = OpenQasm.parse(QELIB_HEADER + "qreg q[2];\ncreg c[2];\nx q[1];\nmeasure q -> c;\n")
        val cancel = CancelAfter(Int.MAX_VALUE)
        StateVectorSimulator(seed = 1).run(circuit, 10_000, emptyMap(), cancel).counts shouldBe
            StateVectorSimulator(seed = 1).run(circuit, 10_000).counts
    }
})
