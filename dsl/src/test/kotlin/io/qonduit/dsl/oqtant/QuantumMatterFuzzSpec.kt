package io.qonduit.dsl.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.property.Arb
import io.kotest.property.PropTestConfig
import io.kotest.property.arbitrary.choice
import io.kotest.property.arbitrary.choose
import io.kotest.property.arbitrary.constant
import io.kotest.property.arbitrary.double
import io.kotest.property.arbitrary.element
import io.kotest.property.arbitrary.list
import io.kotest.property.arbitrary.map
import io.kotest.property.checkAll
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.qonduit.dsl.units.MHz
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.mW
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.nK
import io.qonduit.dsl.units.um
import io.qonduit.errors.ValidationException

/**
 * Issue 15, item 7 for the DSL: experiments built from any numbers — in range, just out of it,
 * negative, huge, NaN, infinite — either become a job or are refused with a [ValidationException];
 * never another exception. Each input builds the experiment and its job, as a user's `toJob()` does.
 */
class QuantumMatterFuzzSpec : FunSpec({
    // Each number of a valid experiment (BASE) is kept or, one time in eighteen (once an input on
    // average), replaced by a value near the limits the rules check (0, 0.1 ms steps, 200 ms,
    // 500 nK) or one that breaks arithmetic. Landscape points are all fuzzed.
    val number = Arb.choice(
        Arb.double(-1.0, 600.0, includeNaNs = false),
        Arb.element(0.0, -0.0, 0.05, 0.1, 1e-300, 200.0, 200.05, 500.0, 1e308, -1e308, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
    )
    val numbers = Arb.list(Arb.choose(BASE.size - 1 to Arb.constant(null), 1 to number), BASE.size..BASE.size).map { n -> n.mapIndexed { i, v -> v ?: BASE[i] } }
    var built = 0
    var refused = 0

    test("fuzzed numbers give a job or a ValidationException") {
        checkAll(PropTestConfig(seed = 15L, iterations = 1500), numbers, Arb.list(number, 0..6)) { n, landscape ->
            try {
                experiment(n, landscape).toJob()
                built++
            } catch (e: ValidationException) {
                refused++
            }
        }
        println("fuzz dsl-quantum-matter: ${built + refused} inputs, $built built, $refused refused (typed)")
        built shouldBeGreaterThan 0 // the fuzzing reaches the job, not only the first rule
    }

    test("the experiment of the unchanged numbers is valid") {
        experiment(BASE, emptyList()).toJob().inputs.size shouldBe 1
    }
})

/** A valid experiment's numbers: temperature, lifetime, time of flight, two RF points, a barrier keyframe and move, a terminator pulse. */
private val BASE = listOf(100.0, 20.0, 12.0, -1600.0, 17.0, 500.0, 0.0, 0.045, 220.0, 0.0, 0.0, 0.0, 1.0, 5.0, 10.0, 20.0, 1.0, 2.0)

/** The experiment of [n] (indexed as [BASE]) and, when it has two points or more, a landscape snapshot. */
private fun experiment(n: List<Double>, landscape: List<Double>) =
    quantumMatter("fuzz") {
        // A temperature cannot be combined with the custom evaporation: set only when fuzzed.
        if (n[0] != BASE[0]) temperature = n[0].nK
        lifetime = n[1].ms
        timeOfFlight = n[2].ms
        evaporation { point(n[3].ms, n[4].MHz, n[5].mW); point(n[6].ms, n[7].MHz, n[8].mW) }
        barrier {
            at(n[9].ms) { position = n[10].um; height = n[11].kHz; width = n[12].um }
            evolve(duration = n[13].ms, position = n[14].um, height = n[15].kHz)
        }
        if (landscape.size >= 2) landscape { snapshot(n[9].ms, landscape.map { it.um }, landscape.map { it.kHz }) }
        terminator(n[16].ms, n[17].ms)
    }
