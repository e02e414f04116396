package io.qonduit.oqtant.model

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.qonduit.fixtures.ReferenceFixtures

class PydanticNumbersSpec : FunSpec({
    test("8000 doubles are spelled as pydantic-core 2.50.5 spells them (fixture written by pydantic itself)") {
        val lines = ReferenceFixtures.text("oqtant/python", "numbers.pydantic.txt").lines().filter { it.isNotBlank() && !it.startsWith("#") }
        lines.size shouldBe 8000
        val wrong = lines.mapNotNull { line ->
            val (bits, python) = line.split(' ')
            val value = java.lang.Double.longBitsToDouble(java.lang.Long.parseUnsignedLong(bits, 16))
            PydanticNumbers.spell(value).takeIf { it != python }?.let { "$value: $it, pydantic $python" }
        }
        wrong.shouldBeEmpty()
    }

    test("layout thresholds, signs and non-finite values") {
        PydanticNumbers.spell(1e-5) shouldBe "0.00001"
        PydanticNumbers.spell(1e-6) shouldBe "1e-6"
        PydanticNumbers.spell(-1.5e-7) shouldBe "-1.5e-7"
        PydanticNumbers.spell(1e15) shouldBe "1000000000000000.0"
        PydanticNumbers.spell(1e16) shouldBe "1e+16"
        PydanticNumbers.spell(0.1 + 0.2) shouldBe "0.30000000000000004"
        PydanticNumbers.spell(-0.0) shouldBe "-0.0"
        PydanticNumbers.spell(Double.NaN) shouldBe "null"
        // Java 17 spells this 1.37342863480957901E18 (18 digits); the shortest is 16
        PydanticNumbers.spell(1.373428634809579e18) shouldBe "1.373428634809579e+18"
    }

    test("respell touches floats only, never strings or integers") {
        PydanticNumbers.respell("""{"a":"1.0E-5 \" 2.0E7","b":[1,-3,1.0E-5,2.0E7],"c":-0.0}""") shouldBe
            """{"a":"1.0E-5 \" 2.0E7","b":[1,-3,0.00001,20000000.0],"c":-0.0}"""
        PydanticNumbers.respell("""{"n":"NaN","p":[NaN,Infinity,-Infinity,1.0]}""") shouldBe """{"n":"NaN","p":[null,null,null,1.0]}"""
    }
})
