package io.qonduit.oqtant.model

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** The decoder's fast path for image pixels gives exactly the doubles the plain decoder gives. */
class PixelArraysSpec : FunSpec({
    fun image(json: String): Image = OqtantJson.format.decodeFromString(ImageSerializer, PixelArrays.packed(json))

    test("the hardware in-trap result: every pixel bit for bit as String.toDouble reads it") {
        val text = OqtantFixtures.text("result_hw_barrier_in_trap.full.json")
        val expected = OqtantJson.format.parseToJsonElement(text).jsonObject.getValue("inputs").jsonArray[0].jsonObject
            .getValue("output").jsonObject.getValue("values").jsonObject.getValue("it_plot").jsonObject
            .getValue("pixels").jsonArray.map { it.jsonPrimitive.content.toDouble() }
        val plot = OqtantJson.decodeJob(text).inputs[0].output!!.values.shouldBeInstanceOf<InTrapOutput>().itPlot
        plot.pixels.size shouldBe 74_444
        plot.pixels.map { it.toRawBits() } shouldBe expected.map { it.toRawBits() }
    }

    test("spaces, exponents, integers, negative zero and an empty array") {
        val numbers = listOf("0", "-0.0", "1e-3", "5E+2", "-12.5e1", "0.1", "17", "2.2250738585072014E-308", "1.7976931348623157e308")
        val pixels = image("{ \"pixels\" : [ ${numbers.joinToString(" ,\n ")} ] , \"rows\": 1, \"columns\": ${numbers.size}}").pixels
        pixels.map { it.toRawBits() } shouldBe numbers.map { it.toDouble().toRawBits() }
        image("""{"pixels":[],"rows":0,"columns":0}""").pixels.size shouldBe 0
    }

    test("\"pixels\" inside a string, or as a value, is left alone") {
        val inName = """{"name":"a \"pixels\":[1,2] b","pixels":[3.5],"rows":1,"columns":1}"""
        val packed = PixelArrays.packed(inName)
        packed shouldContain """"name":"a \"pixels\":[1,2] b""""
        packed shouldNotContain "[3.5]"
        val asValue = """{"kind":"pixels","values":[1,2]}"""
        PixelArrays.packed(asValue) shouldBe asValue
    }

    test("an array holding anything but numbers is left for the decoder as it was") {
        val withNull = """{"pixels":[1.0,null],"rows":1,"columns":2}"""
        PixelArrays.packed(withNull) shouldBe withNull
        val withString = """{"pixels":[1.0,"2"],"rows":1,"columns":2}"""
        PixelArrays.packed(withString) shouldBe withString
        val unclosed = """{"pixels":[1.0,2.0"""
        PixelArrays.packed(unclosed) shouldBe unclosed
    }
})
