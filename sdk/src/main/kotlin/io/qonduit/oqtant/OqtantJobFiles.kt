package io.qonduit.oqtant

import io.qonduit.errors.QonduitException
import io.qonduit.job.AtomicFiles
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.SerializationException
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/** A job file could not be written, read, parsed or refreshed (Python `JobWriteError`/`JobReadError`). */
public class OqtantJobFileException internal constructor(message: String, cause: Throwable? = null) : QonduitException(message, cause)

/**
 * Job files interoperable with the Python client: one JSON document per file, byte-identical to what
 * `OqtantJob.model_dump_json()` writes (see [encode]), with a `.txt` extension, named
 * `{id}.txt`, or `{id}_run_{run}_of_{n}.txt` when the job has several runs.
 *
 * Response-only keys the Python model drops (`qpu`, `paid`, `failed_inputs`) are not written, so a
 * file has exactly the keys of a Python-written one.
 */
public object OqtantJobFiles {
    /**
     * The Python client's file name for [job]: `{base}.txt`, or `{base}_run_{run}_of_{n}.txt` when the
     * job has more than one run; `base` is [fileName] or the job's external id.
     *
     * @throws OqtantJobFileException when neither a file name nor an external id is available
     */
    @JvmStatic
    @JvmOverloads
    public fun fileName(job: OqtantJob, fileName: String? = null): String {
        val base = fileName?.takeIf { it.isNotBlank() } ?: job.externalId
            ?: throw OqtantJobFileException("job '${job.name}' has no external id yet; give a file name")
        val count = job.inputCount ?: job.inputs.size
        return if (count > 1) "${base}_run_${job.run ?: 1}_of_$count.txt" else "$base.txt"
    }

    /**
     * [job] exactly as the Python client (oqtant 3.3.4, pydantic 2.14.4) writes it: the same bytes as
     * `OqtantJob.model_dump_json()` for the same job, with `run` filled in and `job_type` recomputed
     * as the Python model does on load (see [OqtantJob.jobType]).
     */
    @JvmStatic
    public fun encode(job: OqtantJob): String = OqtantJobFileDocument.encode(job, responseKeys = false)

    /**
     * Writes [job] and returns the file's path: [filePath] when given, else [fileName] (see
     * [OqtantJobFiles.fileName]) inside [directory] (default: the working directory). The file is
     * replaced whole (a temporary file in the same folder, then a move), so a kill mid-write leaves
     * the old file or the new one, never a torn one.
     *
     * @throws OqtantJobFileException when the file cannot be written
     */
    @JvmStatic
    @JvmOverloads
    public fun write(job: OqtantJob, fileName: String? = null, filePath: Path? = null, directory: Path? = null): Path {
        val target = filePath ?: (directory ?: Paths.get("")).resolve(fileName(job, fileName))
        try {
            val text = encode(job).toByteArray(Charsets.UTF_8)
            AtomicFiles.write(target) { it.write(text) }
        } catch (e: IOException) {
            throw OqtantJobFileException("Failed to write job '${job.externalId ?: job.name}' to $target: $e", e)
        }
        return target
    }

    /**
     * Reads a job file (written by Qonduit or by the Python client).
     *
     * @throws OqtantJobFileException when the file cannot be read or is not an Oqtant job document
     */
    @JvmStatic
    public fun read(path: Path): OqtantJob {
        val text = try {
            Files.readString(path)
        } catch (e: IOException) {
            throw OqtantJobFileException("Failed to load job from $path: $e", e)
        }
        return try {
            OqtantJson.decodeJob(text)
        } catch (e: SerializationException) {
            throw OqtantJobFileException("Failed to parse job from $path: ${e.message?.lineSequence()?.first()}", e)
        } catch (e: IllegalArgumentException) {
            throw OqtantJobFileException("Failed to parse job from $path: ${e.message?.lineSequence()?.first()}", e)
        }
    }
}
