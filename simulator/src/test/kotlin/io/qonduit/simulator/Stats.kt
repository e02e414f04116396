package io.qonduit.simulator

import io.kotest.matchers.doubles.plusOrMinus
import io.qonduit.circuit.Circuit
import io.kotest.matchers.shouldBe
import kotlin.math.sqrt

/** Asserts that [observed] out of [shots] is within five binomial standard deviations of probability [p]. */
fun shouldBeBinomial(observed: Int, shots: Int, p: Double) {
    val sigma = sqrt(shots * p * (1 - p))
    observed.toDouble() shouldBe ((shots * p) plusOrMinus maxOf(5 * sigma, 1e-9))
}

const val QELIB_HEADER: String = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n"

/** Whether the simulator has to run [this] shot by shot (mid-circuit measurement, reset or conditions). */
fun Circuit.hasMidCircuitMeasurement(): Boolean = CircuitCompiler.compile(this, parameterNames.associateWith { 0.0 }).hasMidCircuitMeasurement
