package io.qonduit.oqtopus

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.util.zip.ZipEntry
import java.util.zip.ZipInputStream
import java.util.zip.ZipOutputStream

private fun zipOf(entryName: String, content: ByteArray): ByteArray =
    ByteArrayOutputStream().also { out -> OqtopusZip.writeSingle(out, entryName) { it.write(content) } }.toByteArray()

class OqtopusZipSpec : FunSpec({
    test("a one-file zip round-trips, DEFLATE, entry named as given") {
        val zip = zipOf("input.json", """{"program":["x"]}""".toByteArray())
        ZipInputStream(zip.inputStream()).use { z ->
            val e = z.nextEntry!!
            e.name shouldBe "input.json"
            e.method shouldBe ZipEntry.DEFLATED
        }
        val back = OqtopusZip.readSingle("input", zip.inputStream(), 1 shl 20, 1 shl 20)
        back.name shouldBe "input.json"
        back.bytes.decodeToString() shouldBe """{"program":["x"]}"""
    }

    test("the upload archive is written to a temporary file, streamed from the serializer, even when the serializer closes its stream") {
        val content = ByteArray(3 shl 20) { (it % 251).toByte() }
        val file = OqtopusZip.writeSingleToTempFile("input.json") { out -> content.inputStream().copyTo(out); out.close() }
        try {
            val back = OqtopusZip.readSingle("input", file.inputStream(), 1L shl 30, 1L shl 30)
            back.name shouldBe "input.json"
            back.bytes.contentEquals(content) shouldBe true
        } finally {
            file.delete()
        }
        file.exists() shouldBe false
    }

    test("archives of zero or several files are refused") {
        val two = ByteArrayOutputStream().also { out ->
            ZipOutputStream(out).use { z -> listOf("a", "b").forEach { z.putNextEntry(ZipEntry(it)); z.write(1); z.closeEntry() } }
        }.toByteArray()
        shouldThrow<OqtopusStorageException> { OqtopusZip.readSingle("result", two.inputStream(), 1 shl 20, 1 shl 20) }
        val none = ByteArrayOutputStream().also { ZipOutputStream(it).close() }.toByteArray()
        shouldThrow<OqtopusStorageException> { OqtopusZip.readSingle("result", none.inputStream(), 1 shl 20, 1 shl 20) }
        shouldThrow<OqtopusStorageException> { OqtopusZip.readSingle("result", "not a zip".toByteArray().inputStream(), 1 shl 20, 1 shl 20) }
    }

    test("a zip bomb stops at the content limit, a long stream at the archive limit, without reading it all") {
        // 64 MiB of zeros compresses to ~64 KiB; only the limit's worth is ever unpacked.
        val bomb = ByteArrayOutputStream().also { out ->
            ZipOutputStream(out).use { z -> z.putNextEntry(ZipEntry("result.json")); val chunk = ByteArray(1 shl 20); repeat(64) { z.write(chunk) }; z.closeEntry() }
        }.toByteArray()
        val e = shouldThrow<OqtopusDownloadLimitException> { OqtopusZip.readSingle("result", bomb.inputStream(), 1L shl 30, 1L shl 20) }
        e.part shouldBe "content"
        e.limitBytes shouldBe (1L shl 20)
        // An endless stream: the archive cap ends it.
        var served = 0L
        val endless = object : InputStream() {
            override fun read(): Int = 0.also { served++ }
            override fun read(b: ByteArray, off: Int, len: Int): Int { served += len; java.util.Arrays.fill(b, off, off + len, 0); return len }
        }
        val head = zipOf("x", ByteArray(0)).copyOf(30) // a local header, then garbage for ever
        val stream = java.io.SequenceInputStream(head.inputStream(), endless)
        shouldThrow<OqtopusStorageException> { OqtopusZip.readSingle("result", stream, 4096, 1L shl 20) }
        (served < 1 shl 20) shouldBe true
    }
})
