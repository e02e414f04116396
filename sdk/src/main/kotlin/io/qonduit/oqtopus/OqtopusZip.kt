package io.qonduit.oqtopus

import java.io.ByteArrayOutputStream
import java.io.File
import java.io.FilterInputStream
import java.io.InputStream
import java.io.OutputStream
import java.nio.file.Files
import java.util.zip.ZipEntry
import java.util.zip.ZipException
import java.util.zip.ZipInputStream
import java.util.zip.ZipOutputStream

/**
 * The storage archives: each is a DEFLATE zip holding exactly one file (`input.json`,
 * `result.json`, `sse_log.log`, ...), as oqtopus-client's storage writes and reads them.
 */
internal object OqtopusZip {
    /**
     * Writes a zip with the single entry [entryName] to a new temporary file, [writeContent] writing
     * the entry's bytes straight into the compressor, so neither the content nor the archive is ever
     * whole in memory. A file rather than a stream into the upload because a presigned S3 POST needs
     * its length up front (it refuses chunked bodies). The caller deletes the file.
     */
    fun writeSingleToTempFile(entryName: String, writeContent: (OutputStream) -> Unit): File {
        val file = Files.createTempFile("qonduit-oqtopus-", ".zip").toFile()
        try {
            file.outputStream().buffered().use { out -> writeSingle(out, entryName, writeContent) }
        } catch (e: Throwable) {
            file.delete()
            throw e
        }
        return file
    }

    /** Writes a DEFLATE zip with the single entry [entryName], whose bytes [writeContent] writes, to [out] (left open). */
    fun writeSingle(out: OutputStream, entryName: String, writeContent: (OutputStream) -> Unit) {
        val zip = ZipOutputStream(out)
        zip.setMethod(ZipOutputStream.DEFLATED)
        zip.putNextEntry(ZipEntry(entryName))
        writeContent(UnclosableStream(zip))
        zip.closeEntry()
        zip.finish()
    }

    /**
     * The one entry of the zip read from [input], streamed: at most [maxArchiveBytes] are read from
     * [input] and at most [maxContentBytes] decompressed, so a huge or hostile archive never fills
     * memory.
     *
     * @throws OqtopusDownloadLimitException when a limit is passed
     * @throws OqtopusStorageException when the archive is not a zip of exactly one file (or is cut, or names an entry in bytes that are not UTF-8)
     */
    fun readSingle(what: String, input: InputStream, maxArchiveBytes: Long, maxContentBytes: Long): SingleEntry {
        val capped = CappedStream(input, maxArchiveBytes) { throw OqtopusDownloadLimitException(what, "archive", maxArchiveBytes) }
        try {
            ZipInputStream(capped).use { zip ->
                val entry = nextFile(zip) ?: throw OqtopusStorageException("$what: the archive holds no file")
                val content = ByteArrayOutputStream()
                val buffer = ByteArray(8192)
                var total = 0L
                while (true) {
                    val n = zip.read(buffer)
                    if (n < 0) break
                    total += n
                    if (total > maxContentBytes) throw OqtopusDownloadLimitException(what, "content", maxContentBytes)
                    content.write(buffer, 0, n)
                }
                if (nextFile(zip) != null) throw OqtopusStorageException("$what: the archive must hold exactly one file, it holds more")
                return SingleEntry(entry.name, content.toByteArray())
            }
        } catch (e: ZipException) {
            throw OqtopusStorageException("$what: not a readable zip archive (${e.message})", e)
        } catch (e: java.io.EOFException) {
            // A cut archive: the inflater or the entry headers end early.
            throw OqtopusStorageException("$what: not a readable zip archive (it ends early)", e)
        } catch (e: IllegalArgumentException) {
            // ZipInputStream's answer to an entry name that is not valid UTF-8.
            throw OqtopusStorageException("$what: not a readable zip archive (${e.message})", e)
        }
    }

    private fun nextFile(zip: ZipInputStream): ZipEntry? {
        while (true) {
            val entry = zip.nextEntry ?: return null
            if (!entry.isDirectory) return entry
        }
    }

    /** The single file of an archive. */
    class SingleEntry(val name: String, val bytes: ByteArray)

    /** Keeps [writeContent] from closing the archive under it (a serializer may close what it writes to). */
    private class UnclosableStream(private val out: OutputStream) : OutputStream() {
        override fun write(b: Int) = out.write(b)
        override fun write(b: ByteArray, off: Int, len: Int) = out.write(b, off, len)
        override fun flush() = out.flush()
        override fun close() = out.flush()
    }

    /** Passes at most [limit] bytes through, calling [exceeded] (which throws) on the next one. */
    private class CappedStream(input: InputStream, private val limit: Long, private val exceeded: () -> Nothing) : FilterInputStream(input) {
        private var count = 0L

        override fun read(): Int {
            val b = super.read()
            if (b >= 0 && ++count > limit) exceeded()
            return b
        }

        override fun read(b: ByteArray, off: Int, len: Int): Int {
            val n = super.read(b, off, len)
            if (n > 0) {
                count += n
                if (count > limit) exceeded()
            }
            return n
        }
    }
}
