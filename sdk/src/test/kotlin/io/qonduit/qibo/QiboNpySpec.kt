package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long

class QiboNpySpec : FunSpec({
    val numeric = QiboNpyFixtures.expected.keys.filter { name -> QiboNpyFixtures.expected(name)["descr"] != null }

    test("the fixtures cover every kind, both byte orders, both orders, 0-d and 2-d, versions 1-3") {
        val descrs = numeric.map { QiboNpyFixtures.expected(it)["descr"]!!.jsonPrimitive.content }
        descrs.map { it[1] }.toSet() shouldBe setOf('b', 'i', 'u', 'f', 'c')
        descrs.any { it.startsWith(">") } shouldBe true
        numeric.map { QiboNpyFixtures.expected(it)["version"]!!.jsonPrimitive.content }.toSet() shouldBe setOf("1.0", "2.0", "3.0")
        numeric.any { QiboNpyFixtures.expected(it)["fortran_order"]!!.jsonPrimitive.boolean } shouldBe true
        numeric.any { QiboNpyFixtures.expected(it)["shape"]!!.jsonArray.isEmpty() } shouldBe true
    }

    numeric.forEach { name ->
        test("$name.npy reads as NumPy reads it") {
            val want = QiboNpyFixtures.expected(name)
            val array = NpyReader.read(QiboNpyFixtures.bytes(name))
            array.dtype.descr shouldBe want["descr"]!!.jsonPrimitive.content.let { if (it.length == 3 && it[2] == '1') "|" + it.substring(1) else it }
            array.shape shouldBe want["shape"]!!.jsonArray.map { it.jsonPrimitive.int }
            array.fortranOrder shouldBe want["fortran_order"]!!.jsonPrimitive.boolean
            val values = want["values"]!!.jsonArray
            array.size shouldBe values.size
            when (array.dtype.kind) {
                NpyKind.BOOL -> array.booleans().toList() shouldBe values.map { it.jsonPrimitive.boolean }
                NpyKind.SIGNED -> array.longs().toList() shouldBe values.map { it.jsonPrimitive.long }
                NpyKind.UNSIGNED -> array.longs().map { java.lang.Long.toUnsignedString(it) } shouldBe values.map { it.jsonPrimitive.content }
                NpyKind.FLOAT -> array.doubles().toList() shouldBe values.map { it.jsonPrimitive.double.let { d -> if (array.dtype.itemSize == 4) d.toFloat().toDouble() else d } }
                NpyKind.COMPLEX -> array.complexes() shouldBe values.map { (it as JsonArray).let { z -> Complex(z[0].jsonPrimitive.double, z[1].jsonPrimitive.double) } }
                NpyKind.OBJECT -> error("not numeric")
            }
        }
    }

    test("a 0-d array has one item") {
        NpyReader.read(QiboNpyFixtures.bytes("float64_0d")).item() shouldBe 2.75
    }

    test("an object array holding a dict decodes to Kotlin values and NumPy arrays") {
        for (name in listOf("object_dict", "object_dict_numpy1_names")) {
            val array = NpyReader.read(QiboNpyFixtures.bytes(name))
            array.dtype.kind shouldBe NpyKind.OBJECT
            array.shape shouldBe emptyList()
            val dict = array.item() as Map<*, *>
            dict["nshots"] shouldBe 4L
            dict["dtype"] shouldBe "MeasurementOutcomes"
            (dict["samples"] as NpyArray).shape shouldBe listOf(4, 2)
            (dict["probabilities"] as NpyArray).doubles().toList() shouldBe listOf(0.5, 0.0, 0.0, 0.5)
            val extra = dict["extra"] as Map<*, *>
            extra["tuple"] shouldBe listOf(1L, 2.5, "x")
            extra["complex"] shouldBe Complex(1.0, 2.0)
            extra["none"] shouldBe null
            extra["flag"] shouldBe true
            (extra["bytes"] as ByteArray).decodeToString() shouldBe "ab"
            QiboResults.decode(dict).frequencies shouldBe mapOf("00" to 1L, "11" to 3L)
        }
    }

    test("a Fortran-order object array is read row-major") {
        val array = NpyReader.read(QiboNpyFixtures.bytes("object_2d_fortran"))
        array.shape shouldBe listOf(2, 2)
        array.objects() shouldBe listOf("a", 1L, 2.5, null)
    }

    test("malformed files are refused naming the problem") {
        val good = QiboNpyFixtures.bytes("float64_2d_c")
        fun problem(bytes: ByteArray) = shouldThrow<NpyFormatException> { NpyReader.read(bytes) }.problem
        problem("not numpy at all".toByteArray()) shouldContain "bad magic"
        problem(good.copyOf().also { it[6] = 4 }) shouldContain "unsupported version 4.0"
        problem(good.copyOf(good.size - 8)) shouldContain "truncated data"
        problem(good.copyOf(20)) shouldContain "truncated header"
        fun withHeader(header: String): ByteArray {
            val h = header.padEnd(118) + "\n"
            return byteArrayOf(0x93.toByte()) + "NUMPY".toByteArray() + byteArrayOf(1, 0, h.length.toByte(), 0) + h.toByteArray() + ByteArray(64)
        }
        problem(withHeader("{'descr': '<U4', 'fortran_order': False, 'shape': (1,), }")) shouldContain "unsupported descr '<U4'"
        problem(withHeader("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }")) shouldContain "structured"
        problem(withHeader("{'descr': '<f8', 'shape': (1,), }")) shouldContain "lacks fortran_order"
        problem(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }")) shouldContain "bad dimension"
        problem(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } junk")) shouldContain "header"
        problem(withHeader("__import__('os')")) shouldContain "header"
        problem(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000, 2000000000, 3), }")) shouldContain "too large"
        problem(withHeader("{'descr': '|O', 'fortran_order': False, 'shape': (), }")) shouldContain "pickle"
    }
})
