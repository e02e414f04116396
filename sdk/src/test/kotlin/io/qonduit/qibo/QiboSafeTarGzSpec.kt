package io.qonduit.qibo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.qonduit.qibo.QiboArchives.Entry
import org.apache.commons.compress.archivers.tar.TarConstants
import java.nio.file.Files
import java.nio.file.Path

class QiboSafeTarGzSpec : FunSpec({
    val base = Files.createTempDirectory("qibo-tar")
    var n = 0
    fun folder(): Path = base.resolve("job${n++}")
    val extractor = SafeTarGz(maxEntries = 8, maxTotalBytes = 1024)

    fun refused(archive: ByteArray, x: SafeTarGz = extractor): QiboArchiveException {
        val target = folder()
        val e = shouldThrow<QiboArchiveException> { x.extract(archive.inputStream(), target) }
        Files.exists(target) shouldBe false
        Files.list(base).use { s -> s.filter { it.fileName.toString().contains("partial") }.count() } shouldBe 0L // staging removed
        return e
    }

    test("regular files and folders are extracted into the folder, nothing else") {
        val target = folder()
        val files = extractor.extract(QiboArchives.tarGz(Entry("./"), Entry("logs/", type = TarConstants.LF_DIR), Entry("./results.npy", "npy".toByteArray()), Entry("logs/stdout.txt", "hello".toByteArray())).inputStream(), target)
        files shouldBe listOf("results.npy", "logs/stdout.txt")
        Files.readString(target.resolve("logs/stdout.txt")) shouldBe "hello"
        // A second extraction replaces the first.
        extractor.extract(QiboArchives.tarGz(Entry("other.txt", "x".toByteArray())).inputStream(), target) shouldBe listOf("other.txt")
        Files.exists(target.resolve("results.npy")) shouldBe false
    }

    test("path traversal is refused") {
        val e = refused(QiboArchives.tarGz(Entry("ok.txt", "a".toByteArray()), Entry("../evil.txt", "x".toByteArray())))
        e.entry shouldBe "../evil.txt"
        e.limit shouldBe "no path traversal"
        Files.exists(base.resolve("evil.txt")) shouldBe false
        refused(QiboArchives.tarGz(Entry("logs/../../evil.txt", "x".toByteArray()))).limit shouldBe "no path traversal"
    }

    test("absolute paths are refused") {
        val e = refused(QiboArchives.tarGz(Entry("/etc/x", "x".toByteArray())))
        e.entry shouldBe "/etc/x"
        e.limit shouldBe "no absolute paths"
        refused(QiboArchives.tarGz(Entry("C:/x", "x".toByteArray()))).limit shouldBe "no absolute paths"
    }

    test("symbolic links, hard links and devices are refused") {
        refused(QiboArchives.tarGz(Entry("link", type = TarConstants.LF_SYMLINK, link = "/etc/passwd"))).limit shouldBe "no symbolic links"
        refused(QiboArchives.tarGz(Entry("a.txt", "a".toByteArray()), Entry("hard", type = TarConstants.LF_LINK, link = "a.txt"))).limit shouldBe "no hard links"
        refused(QiboArchives.tarGz(Entry("dev", type = TarConstants.LF_CHR))).limit shouldBe "no devices or FIFOs"
        refused(QiboArchives.tarGz(Entry("fifo", type = TarConstants.LF_FIFO))).limit shouldBe "no devices or FIFOs"
    }

    test("a huge declared size is refused before anything is read, and so is a bomb that inflates past the cap") {
        val e = refused(QiboArchives.declaringHugeSize("results.npy", 1L shl 32))
        io.kotest.assertions.withClue(e.message) { e.entry shouldBe "results.npy" }
        e.limit shouldBe "at most 1024 bytes in total (declared size ${1L shl 32})"
        // Many files, each within the cap, together past it.
        refused(QiboArchives.tarGz(Entry("a", ByteArray(600)), Entry("b", ByteArray(600)))).limit shouldBe "at most 1024 bytes in total (declared size 600)"
        // Gzip of 64 MiB of zeros is ~64 KiB: the cap stops it after 1 KiB.
        refused(QiboArchives.tarGz(Entry("zeros", ByteArray(64 shl 20))), SafeTarGz(8, 1024)).limit shouldBe "at most 1024 bytes in total (declared size ${64 shl 20})"
    }

    test("too many entries are refused") {
        val e = refused(QiboArchives.tarGz(*Array(9) { Entry("f$it", "x".toByteArray()) }))
        e.entry shouldBe "f8"
        e.limit shouldBe "at most 8 entries"
    }

    test("what is not a tar.gz is refused as such") {
        refused("not gzip".toByteArray()).entry shouldBe null
    }
})
