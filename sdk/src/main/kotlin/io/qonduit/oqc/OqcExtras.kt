package io.qonduit.oqc

import io.qonduit.job.ExtrasSerializer
import io.qonduit.job.ResultExtras
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * An OQC task's results in a format other than binary counts (raw shots, squashed values, ...),
 * kept as the server sent them.
 *
 * @property resultsJson the task's `results` object as JSON text
 */
public class OqcExtras(public val resultsJson: String) : ResultExtras {
    override fun equals(other: Any?): Boolean = other is OqcExtras && resultsJson == other.resultsJson

    override fun hashCode(): Int = resultsJson.hashCode()

    override fun toString(): String = "OqcExtras(${resultsJson.take(60)})"

    internal companion object {
        val CODEC = ExtrasSerializer.Codec(
            OqcBackend.PROVIDER, OqcExtras::class.java,
            encode = { buildJsonObject { put("results", it.resultsJson) } },
            decode = { OqcExtras((it["results"] as? JsonPrimitive)?.content.orEmpty()) },
        )
    }
}
