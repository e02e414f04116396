package io.qonduit.emulator.qibo

import org.apache.commons.compress.archivers.tar.TarArchiveEntry
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream
import java.io.ByteArrayOutputStream
import java.time.Instant

/**
 * The tar.gz a job's `GET /api/jobs/{pid}/download/` streams. qibo-client extracts it into
 * `<RESULTS_BASE_FOLDER>/<pid>/` and, on success, loads `results.npy` with `qibo.result.load_result`
 * (qibo.md §4). Both ends also get the worker's logs as `stdout.log` and `stderr.log`: the client
 * points the user at the extracted folder when a job ends in `error`, so the archive must hold
 * something to read there **(file names inferred)**. Regular files only, at the archive's top level.
 */
internal object QiboResultArchive {
    const val RESULTS_FILE: String = "results.npy"
    const val STDOUT_FILE: String = "stdout.log"
    const val STDERR_FILE: String = "stderr.log"

    fun build(outcome: QiboOutcome, at: Instant): ByteArray {
        val files = LinkedHashMap<String, ByteArray>()
        outcome.result?.let { files[RESULTS_FILE] = NpyFile.objectScalar(it) }
        files[STDOUT_FILE] = outcome.stdout.toByteArray(Charsets.UTF_8)
        files[STDERR_FILE] = outcome.stderr.toByteArray(Charsets.UTF_8)
        val bytes = ByteArrayOutputStream()
        TarArchiveOutputStream(GzipCompressorOutputStream(bytes)).use { tar ->
            for ((name, content) in files) {
                val entry = TarArchiveEntry(name)
                entry.size = content.size.toLong()
                entry.mode = FILE_MODE
                entry.setModTime(at.toEpochMilli())
                tar.putArchiveEntry(entry)
                tar.write(content)
                tar.closeArchiveEntry()
            }
        }
        return bytes.toByteArray()
    }

    private const val FILE_MODE = 0b110_100_100 // 0644
}
