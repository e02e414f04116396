package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.qonduit.job.AtomicFiles
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.RfEvaporation
import io.qonduit.oqtant.model.RfInterpolationType
import java.io.IOException
import java.nio.file.Files
import kotlin.io.path.listDirectoryEntries
import kotlin.io.path.name

/** Job files are replaced whole: the old file is never truncated or rewritten in place. */
class OqtantJobFilesAtomicSpec : FunSpec({
    fun job(name: String) = OqtantJob.of(name, InputValues(10.0, ImageType.TIME_OF_FLIGHT, 8.0,
        RfEvaporation(listOf(17.0, 8.0, 4.0, 1.2, 0.1), listOf(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR)))

    test("rewriting a job file replaces it: a reader holding the old file still sees the whole old document") {
        val dir = Files.createTempDirectory("oqtant-atomic")
        val path = dir.resolve("job.txt")
        OqtantJobFiles.write(job("first"), filePath = path)
        val before = Files.readString(path)
        // A second name for the old file's contents, as an open reader holds it.
        val held = Files.createLink(dir.resolve("held.txt"), path)
        OqtantJobFiles.write(job("second"), filePath = path)
        Files.readString(held) shouldBe before
        OqtantJobFiles.read(path).name shouldBe "second"
        dir.listDirectoryEntries().map { it.name }.sorted() shouldContainExactly listOf("held.txt", "job.txt")
    }

    test("a write that fails midway leaves the old file and no temporary file") {
        val dir = Files.createTempDirectory("oqtant-atomic")
        val path = dir.resolve("job.txt")
        OqtantJobFiles.write(job("kept"), filePath = path)
        val before = Files.readString(path)
        shouldThrow<IOException> {
            AtomicFiles.write(path) { out -> out.write("{\"name\":".toByteArray()); out.flush(); throw IOException("killed") }
        }
        Files.readString(path) shouldBe before
        dir.listDirectoryEntries().map { it.name } shouldContainExactly listOf("job.txt")
    }
})
