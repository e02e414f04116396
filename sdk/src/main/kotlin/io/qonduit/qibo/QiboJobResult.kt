package io.qonduit.qibo

import java.nio.file.Files
import java.nio.file.Path

/**
 * What `result()` leaves of a finished job: the archive extracted into [folder], the decoded
 * [result] when the job succeeded (null after `error`, as qibo-client returns None), and the other
 * files (the worker's logs) as text.
 */
public class QiboJobResult internal constructor(
    /** The job's pid. */
    public val pid: String,
    /** The status the job ended with. */
    public val status: QiboJobStatus,
    /** Where the archive was extracted: `<resultsFolder>/<pid>`. */
    public val folder: Path,
    /** The extracted files, relative to [folder], in archive order. */
    public val files: List<String>,
    /** The decoded `results.npy`, or null when the job failed or the archive has none. */
    public val result: QiboResult?,
) {
    /** The extracted text files other than `results.npy` (logs), by relative name, read as UTF-8. */
    public val logs: Map<String, String> by lazy {
        files.filter { it != RESULTS_FILE }.associateWith { String(Files.readAllBytes(folder.resolve(it)), Charsets.UTF_8) }
    }

    /** `results.npy`'s path, when the archive had one. */
    public val resultsPath: Path? get() = if (RESULTS_FILE in files) folder.resolve(RESULTS_FILE) else null

    override fun toString(): String = "QiboJobResult($pid, $status, $folder, files=$files)"

    public companion object {
        /** The result file's name inside the archive. */
        public const val RESULTS_FILE: String = "results.npy"
    }
}
