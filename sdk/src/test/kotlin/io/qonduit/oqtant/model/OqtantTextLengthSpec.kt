package io.qonduit.oqtant.model

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.ValidationException

/** Name and note lengths count code points, as the service (a Python `str`) does, not UTF-16 units. */
class OqtantTextLengthSpec : FunSpec({
    val atom = "\u269B\uFE0F"          // 2 code points, 2 UTF-16 units
    val rubidium = "\uD835\uDC11"      // 𝐑: 1 code point, 2 UTF-16 units
    val values = InputValues(10.0, ImageType.TIME_OF_FLIGHT, 8.0,
        RfEvaporation(listOf(17.0, 8.0, 4.0, 1.2, 0.1), listOf(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR))

    fun job(name: String, notes: String? = null) = OqtantJob(name, inputs = listOf(Input(values = values, notes = notes)))

    test("a name of 50 astral characters (100 UTF-16 units) is valid; 51 are not") {
        val name = rubidium.repeat(50)
        name.length shouldBe 100
        job(name).validate()
        val v = shouldThrow<ValidationException> { job(name + rubidium).validate() }.violations.single()
        v.field shouldBe "name"
        v.limit shouldContain "1..50 characters"
    }

    test("a note of 500 astral characters is valid; 501 are not, reported as 501 characters") {
        job("notes", rubidium.repeat(500)).validate()
        val v = shouldThrow<ValidationException> { job("notes", rubidium.repeat(501)).validate() }.violations.single()
        v.field shouldBe "inputs[0].notes"
        v.value shouldBe 501
        job("notes", atom.repeat(250)).validate()
    }
})
