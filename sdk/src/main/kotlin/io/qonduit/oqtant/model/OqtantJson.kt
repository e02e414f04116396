package io.qonduit.oqtant.model

import io.qonduit.oqtant.OqtantJobFileDocument
import kotlinx.serialization.json.Json

/**
 * The JSON settings that read and write Oqtant payloads exactly as the service does.
 *
 * * unknown keys are ignored on read (the service adds keys over time);
 * * nulls and defaults are written, so a decoded job re-encodes with every key it had;
 * * optional response-only keys (`qpu`, `paid`, `failed_inputs`) are written only when present.
 */
public object OqtantJson {
    /** The shared [Json] instance for Oqtant models. */
    @JvmStatic
    public val format: Json = Json {
        ignoreUnknownKeys = true
        explicitNulls = true
        encodeDefaults = true
    }

    /**
     * [format] with images in Qonduit's compact form (`pixels_f64le`, see [ImageSerializer]): the
     * encoding of Oqtant results kept in memory by the job model and saved in snapshots. It reads
     * both forms. Never sent to the service and never used for Python job files.
     */
    internal val compact: Json = Json(format) {}

    /** Decodes a job (a saved job file, a `GET /jobs/{id}` body or a template). */
    @JvmStatic
    public fun decodeJob(json: String): OqtantJob = format.decodeFromString(OqtantJob.serializer(), PixelArrays.packed(json))

    /**
     * Encodes a job with every field, as the Python client's `model_dump_json` does (the bytes of a job
     * file, see [io.qonduit.oqtant.OqtantJobFiles.encode]), plus the response-only keys when present.
     */
    @JvmStatic
    public fun encodeJob(job: OqtantJob): String = OqtantJobFileDocument.encode(job, responseKeys = true)

    /** Encodes the body of `POST {U}/jobs` for [job] (validates it first, see [OqtantJob.toSubmission]). */
    @JvmStatic
    public fun encodeSubmission(job: OqtantJob): String =
        format.encodeToString(JobSubmission.serializer(), job.toSubmission())
}
