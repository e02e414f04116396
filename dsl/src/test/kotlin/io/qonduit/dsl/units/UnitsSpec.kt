package io.qonduit.dsl.units

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe

class UnitsSpec : FunSpec({
    test("extension properties build amounts in their unit") {
        20.ms.value shouldBe 20.0
        0.5.ms.value shouldBe 0.5
        250.us.value shouldBe 0.25
        1.5.um.value shouldBe 1.5
        25.kHz.value shouldBe 25.0
        0.5.MHz.value shouldBe 0.5
        500.mW.value shouldBe 500.0
        50.nK.value shouldBe 50.0
    }

    test("toString carries the unit symbol") {
        20.ms.toString() shouldBe "20.0 ms"
        1.5.um.toString() shouldBe "1.5 µm"
        25.kHz.toString() shouldBe "25.0 kHz"
        0.5.MHz.toString() shouldBe "0.5 MHz"
        500.mW.toString() shouldBe "500.0 mW"
        50.nK.toString() shouldBe "50.0 nK"
        "${(-3).um}" shouldBe "-3.0 µm"
    }

    test("arithmetic stays within the unit") {
        (20.ms + 500.us) shouldBe 20.5.ms
        (20.ms - 5.ms) shouldBe 15.ms
        (2.ms * 3) shouldBe 6.ms
        (2.ms * 1.5) shouldBe 3.ms
        (3 * 2.um) shouldBe 6.um
        (0.5 * 10.kHz) shouldBe 5.kHz
        (10.mW / 4.0) shouldBe 2.5.mW
        (10.nK / 4.nK) shouldBe 2.5
        (-(3.MHz)) shouldBe (-3).MHz
    }

    test("amounts compare and sort within a unit") {
        (1.ms < 2.ms).shouldBeTrue()
        (1000.us <= 1.ms).shouldBeTrue()
        (60.um > 59.5.um).shouldBeTrue()
        listOf(3.kHz, 1.kHz, 2.kHz).sorted() shouldBe listOf(1.kHz, 2.kHz, 3.kHz)
        maxOf(5.nK, 7.nK) shouldBe 7.nK
    }

    test("MHz and kHz convert both ways") {
        0.5.MHz.toKilohertz() shouldBe 500.kHz
        25.kHz.toMegahertz() shouldBe 0.025.MHz
        0.0335.MHz.toKilohertz().value shouldBe (33.5 plusOrMinus 1e-12)
        17.MHz.toKilohertz().toMegahertz().value shouldBe (17.0 plusOrMinus 1e-12)
    }

    test("microseconds and milliseconds convert") {
        1.5.ms.inMicroseconds shouldBe 1500.0
        100.us.inMicroseconds shouldBe (100.0 plusOrMinus 1e-9)
    }

    test("value classes are unboxed where the static type is known") {
        // A List holds boxed instances; a property read returns the raw double.
        val boxed: Any = 20.ms
        (boxed is Milliseconds).shouldBeTrue()
        (boxed as Milliseconds).value shouldBe 20.0
    }
})
