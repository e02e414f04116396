package io.qonduit.matter

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe

/**
 * Keyframe interpolation and the 121-spot projection against values computed with SciPy 1.10.0
 * (`interp1d(kind, bounds_error=False, fill_value=(0, 0))`) and bert_schemas 4.6.11
 * (`projected.get_actual_potential`), the libraries the service's client uses.
 */
class ProjectedPotentialSpec : FunSpec({
    val xs = listOf(0.0, 1.0, 2.0, 4.0)
    val ys = listOf(1.0, 3.0, 2.0, 5.0)
    val at = listOf(0.0, 0.5, 1.0, 1.5, 2.5, 3.0, 3.9, 4.0)
    val expected = mapOf(
        KeyframeInterpolation.ZERO to listOf(1.0, 1.0, 3.0, 3.0, 2.0, 2.0, 2.0, 5.0),
        KeyframeInterpolation.OFF to listOf(1.0, 1.0, 3.0, 3.0, 2.0, 2.0, 2.0, 5.0),
        KeyframeInterpolation.NEAREST to listOf(1.0, 1.0, 3.0, 3.0, 2.0, 2.0, 5.0, 5.0),
        KeyframeInterpolation.PREVIOUS to listOf(1.0, 1.0, 3.0, 3.0, 2.0, 2.0, 2.0, 5.0),
        KeyframeInterpolation.NEXT to listOf(1.0, 3.0, 3.0, 2.0, 5.0, 5.0, 5.0, 5.0),
        KeyframeInterpolation.QUADRATIC to listOf(1.0, 2.4671052631578947, 3.0, 2.598684210526316, 1.9407894736842106, 2.421052631578948, 4.645, 5.0),
        KeyframeInterpolation.CUBIC to listOf(1.0, 2.59375, 3.0, 2.65625, 1.4687500000000002, 1.5000000000000002, 4.3702499999999995, 5.0),
        KeyframeInterpolation.SMOOTH to listOf(1.0, 2.59375, 3.0, 2.65625, 1.4687500000000002, 1.5000000000000002, 4.3702499999999995, 5.0),
        KeyframeInterpolation.SLINEAR to listOf(1.0, 2.0, 3.0, 2.5, 2.75, 3.5, 4.85, 5.0),
        KeyframeInterpolation.LINEAR to listOf(1.0, 2.0, 3.0, 2.5, 2.75, 3.5, 4.85, 5.0),
    )

    test("every interpolation kind reproduces SciPy's interp1d, zero outside the keyframes") {
        KeyframeInterpolation.entries.size shouldBe expected.size
        for ((kind, values) in expected) {
            val k = Keyframes.of(xs, ys, kind)
            at.zip(values).forEach { (x, y) -> k.at(x) shouldBe (y plusOrMinus 1e-12) }
            k.at(-0.01) shouldBe 0.0
            k.at(4.01) shouldBe 0.0
        }
    }

    test("a step made of repeated positions stays finite under spline kinds (joined linearly)") {
        val step = Keyframes.of(listOf(-60.0, 0.0, 0.0, 60.0), listOf(0.0, 0.0, 10.0, 10.0), KeyframeInterpolation.CUBIC)
        step.at(-30.0) shouldBe 0.0
        step.at(30.0) shouldBe 10.0
    }

    test("the projector's 121 spots with local rescaling and 0..100 kHz clipping match bert_schemas") {
        val experiment = MatterExperiment(
            10.0, MatterImaging.IN_TRAP,
            barriers = listOf(
                PaintedBarrier(listOf(0.0, 10.0), listOf(0.3, 0.3), listOf(20.0, 20.0), listOf(1.0, 1.0)),
                PaintedBarrier(listOf(0.0, 10.0), listOf(5.0, 5.0), listOf(90.0, 90.0), listOf(4.0, 4.0), shape = BarrierShape.SQUARE),
            ),
        )
        val positions = doubleArrayOf(-2.0, 0.0, 0.3, 1.1, 4.0, 5.0, 8.7, 9.2)
        val reference = doubleArrayOf(1.947919785199569, 22.174732249691516, 42.05357389607281, 100.0, 90.1028359125015, 90.00684930226184, 87.0374175384627, 68.56343204183372)
        val actual = ProjectedPotential(experiment).actual(3.0, positions)
        actual.indices.forEach { actual[it] shouldBe (reference[it] plusOrMinus 1e-9) }
    }

    test("the potential is the projector's 100 µs sample: times floor to 0.1 ms") {
        val ramp = MatterExperiment(10.0, MatterImaging.IN_TRAP, barriers = listOf(PaintedBarrier(listOf(0.0, 10.0), listOf(0.0, 0.0), listOf(0.0, 10.0), listOf(3.0, 3.0))))
        val p = ProjectedPotential(ramp)
        p.ideal(2.0, doubleArrayOf(0.0))[0] shouldBe (2.0 plusOrMinus 1e-12)
        p.ideal(2.0999, doubleArrayOf(0.0))[0] shouldBe (2.0 plusOrMinus 1e-12)
        p.ideal(2.1, doubleArrayOf(0.0))[0] shouldBe (2.1 plusOrMinus 1e-12)
        p.ideal(10.05, doubleArrayOf(0.0))[0] shouldBe (10.0 plusOrMinus 1e-12)
        p.ideal(10.1, doubleArrayOf(0.0))[0] shouldBe 0.0
    }

    test("landscape snapshots blend linearly in time and vanish outside their span") {
        val landscape = PaintedLandscape(listOf(
            LandscapeSnapshot(1.0, listOf(-10.0, 10.0), listOf(0.0, 20.0)),
            LandscapeSnapshot(3.0, listOf(-10.0, 10.0), listOf(20.0, 0.0)),
        ))
        val p = ProjectedPotential(MatterExperiment(5.0, MatterImaging.IN_TRAP, landscape = landscape))
        p.ideal(2.0, doubleArrayOf(0.0, 5.0, 11.0)).toList() shouldBe listOf(10.0, 10.0, 0.0)
        p.ideal(0.9, doubleArrayOf(0.0))[0] shouldBe 0.0
        p.ideal(3.0, doubleArrayOf(5.0))[0] shouldBe (5.0 plusOrMinus 1e-12)
    }
})
