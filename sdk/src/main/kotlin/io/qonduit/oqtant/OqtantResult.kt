package io.qonduit.oqtant

import io.qonduit.errors.ValidationException
import io.qonduit.job.ExtrasSerializer
import io.qonduit.job.ResultExtras
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.OqtantJson
import kotlinx.serialization.json.JsonObject
import io.qonduit.oqtant.model.Output
import io.qonduit.oqtant.model.TimeOfFlightOutput

/**
 * What a completed Oqtant job returned, as typed values: the job with every run, each run's output
 * holding its images as primitive arrays ([io.qonduit.oqtant.model.Image.pixels]).
 *
 * Read it from a Qonduit [io.qonduit.job.JobResult] with [oqtantResult].
 *
 * @property job the job document, every run, with outputs
 */
public class OqtantResult(public val job: OqtantJob) : ResultExtras {
    /** The outputs of the runs that have one, in run order. */
    public val outputs: List<Output> get() = job.inputs.sortedBy { it.run ?: 0 }.mapNotNull { it.output }

    /**
     * The bimodal time-of-flight fit of run [run] (see [BimodalFit]): temperature, condensed and thermal
     * atom numbers and the condensed fraction from its `tof_image`, `pixcal` and `time_of_flight_ms`.
     * The service's own numbers ([io.qonduit.oqtant.model.TimeOfFlightOutput.temperatureNk] and the
     * atom counts) are zero for every non-BEC job; this fit is computed here, for any job.
     *
     * @throws ValidationException naming `run` when there is no such run or it has no
     *   time-of-flight output (an in-trap image, or not complete yet), or naming the image as [BimodalFit.fit] does
     * @throws BimodalFitException when the fit does not converge
     */
    @JvmOverloads
    public fun timeOfFlightFit(run: Int = 1): BimodalFit {
        val runs = job.inputs.mapIndexed { i, input -> input.run ?: (i + 1) } // an unnumbered run is its position
        val input = runs.indexOf(run).takeIf { it >= 0 }?.let { job.inputs[it] }
            ?: throw ValidationException("run", run, "must be one of the job's runs $runs")
        val output = input.output?.values as? TimeOfFlightOutput
            ?: throw ValidationException("run", run, "must have a time-of-flight output (it has ${input.output?.values?.outputJobType ?: "no output"})")
        return BimodalFit.fit(output.tofImage, input.values.timeOfFlightMs)
    }

    override fun equals(other: Any?): Boolean = other is OqtantResult && other.job == job

    override fun hashCode(): Int = job.hashCode()

    override fun toString(): String = "OqtantResult(${job.externalId}, ${job.inputs.size} runs, ${outputs.size} outputs)"

    internal companion object {
        /** Snapshots keep the job with images in the compact form (base64 of little-endian doubles). */
        val CODEC = ExtrasSerializer.Codec(
            OqtantBackend.PROVIDER, OqtantResult::class.java,
            encode = { JsonObject(mapOf("job" to OqtantJson.compact.encodeToJsonElement(OqtantJob.serializer(), it.job))) },
            decode = { OqtantResult(OqtantJson.compact.decodeFromJsonElement(OqtantJob.serializer(), it["job"] ?: JsonObject(emptyMap()))) },
        )
    }
}
