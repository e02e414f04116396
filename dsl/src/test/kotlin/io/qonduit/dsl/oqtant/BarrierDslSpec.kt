package io.qonduit.dsl.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.um
import io.qonduit.dsl.units.us
import io.qonduit.errors.ValidationException
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.ShapeType

class BarrierDslSpec : FunSpec({
    fun barrierOf(block: BarrierScope.() -> Unit): Barrier =
        quantumMatter { lifetime = 50.ms; barrier(block = block) }.toInputValues().opticalBarriers!!.single()

    test("evolve appends keyframes after the last one; values not given stay as they were") {
        val b = barrierOf {
            at(0.ms) { position = 0.um; height = 0.kHz; width = 1.um }
            evolve(duration = 5.ms, position = 10.um, height = 20.kHz)
            evolve(duration = 2.5.ms, width = 2.um)
            evolve(duration = 1.ms)
        }
        b.timesMs shouldBe listOf(0.0, 5.0, 7.5, 8.5)
        b.positionsUm shouldBe listOf(0.0, 10.0, 10.0, 10.0)
        b.heightsKhz shouldBe listOf(0.0, 20.0, 20.0, 20.0)
        b.widthsUm shouldBe listOf(1.0, 1.0, 2.0, 2.0)
        b.shape shouldBe ShapeType.GAUSSIAN
        b.interpolation shouldBe InterpolationType.LINEAR
    }

    test("keyframes set with at repeat earlier values; the first defaults to 0 µm, 0 kHz, 1 µm") {
        val b = barrierOf {
            shape = ShapeType.SQUARE
            interpolation = InterpolationType.SMOOTH
            at(1.ms)
            at(3.ms) { height = 15.kHz }
            at(4.ms) { position = (-5).um }
        }
        b.timesMs shouldBe listOf(1.0, 3.0, 4.0)
        b.positionsUm shouldBe listOf(0.0, 0.0, -5.0)
        b.heightsKhz shouldBe listOf(0.0, 15.0, 15.0)
        b.widthsUm shouldBe listOf(1.0, 1.0, 1.0)
        b.shape shouldBe ShapeType.SQUARE
        b.interpolation shouldBe InterpolationType.SMOOTH
    }

    test("summed durations land exactly on the 0.1 ms grid") {
        val b = barrierOf { at(0.1.ms); evolve(0.2.ms); evolve(100.us) }
        b.timesMs shouldBe listOf(0.1, 0.3, 0.4)
    }

    test("times off the 0.1 ms grid are reported, not rounded") {
        val e = shouldThrow<ValidationException> {
            quantumMatter { barrier { at(0.ms); evolve(1.25.ms) } }.toJob()
        }
        e.violations.single().field shouldBe "inputs[0].values.optical_barriers[0].times_ms[1]"
        e.violations.single().value shouldBe 1.25
        e.violations.single().limit shouldContain "0.1 ms"
    }

    test("a NATIVE barrier defaults to the 0.5 µm width it requires") {
        val b = barrierOf { shape = ShapeType.NATIVE; at(0.ms) { height = 10.kHz }; evolve(2.ms, position = 3.um) }
        b shouldBe Barrier.precision(listOf(0.0, 2.0), listOf(0.0, 3.0), listOf(10.0, 10.0))
    }

    test("evolve without a starting keyframe and too short a duration are reported") {
        val e = shouldThrow<ValidationException> {
            quantumMatter {
                barrier { evolve(1.ms); at(0.ms); evolve(0.05.ms) }
            }.toJob()
        }
        val dsl = e.violations.filter { it.field.startsWith("barriers[0]") }
        dsl.map { it.field } shouldBe listOf("barriers[0].keyframes[0]", "barriers[0].keyframes[1].duration")
        dsl[0].limit shouldContain "at(...) first"
        dsl[1].limit shouldContain "at least 0.1 ms"
    }

    test("eleven barriers exceed the service limit of ten") {
        val e = shouldThrow<ValidationException> {
            quantumMatter { repeat(11) { barrier { at(0.ms); evolve(1.ms) } } }.toJob()
        }
        e.violations.single().field shouldBe "inputs[0].values.optical_barriers"
        e.violations.single().limit shouldContain "1..10"
    }

    test("a ready Barrier model is used as given") {
        val model = Barrier(listOf(0.0, 2.0), listOf(1.0, 2.0), listOf(5.0, 6.0), listOf(1.0, 1.0))
        quantumMatter { barrier(model) }.toInputValues().opticalBarriers shouldBe listOf(model)
    }
})
