package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * Length-prefixed opcodes: a count that fits is read as data, one beyond the pickle's end is refused
 * before anything is allocated. (The fuzzer's damaged Qibo result declared a 1.5 GB string in 2 KiB
 * and took seconds; the real reply is in QiboResultsSpec and the fuzz target `qibo-pickle`.)
 */
class NumpyPickleSpec : FunSpec({
    /** A protocol-4 pickle of one opcode with a little-endian count of [width] bytes, then [data] and STOP. */
    fun pickle(opcode: Int, width: Int, count: Long, data: ByteArray): ByteArray {
        val buffer = ByteBuffer.allocate(3 + width + data.size + 1).order(ByteOrder.LITTLE_ENDIAN)
        buffer.put(0x80.toByte()).put(4).put(opcode.toByte())
        if (width == 4) buffer.putInt(count.toInt()) else buffer.putLong(count)
        return buffer.put(data).put('.'.code.toByte()).array()
    }

    test("a string or bytes whose count fits is read") {
        NumpyPickle.loads(pickle('X'.code, 4, 2, "hi".toByteArray())) shouldBe "hi"
        (NumpyPickle.loads(pickle(0x8e, 8, 3, byteArrayOf(1, 2, 3))) as ByteArray).toList() shouldBe listOf<Byte>(1, 2, 3)
    }

    test("a count beyond the pickle's end is refused, naming the count and what remains") {
        val binunicode = shouldThrow<NpyFormatException> { NumpyPickle.loads(pickle('X'.code, 4, 1_532_713_819, "short".toByteArray())) }
        binunicode.message!! shouldContain "declares 1532713819 bytes"
        binunicode.message!! shouldContain "only 6 remain"
        shouldThrow<NpyFormatException> { NumpyPickle.loads(pickle(0x8e, 8, 1L shl 40, ByteArray(4))) }.message!! shouldContain "declares 1099511627776 bytes"
        shouldThrow<NpyFormatException> { NumpyPickle.loads(pickle('B'.code, 4, 0xFFFF_FFF0L, ByteArray(4))) }.message!! shouldContain "declares 4294967280 bytes"
    }
})
