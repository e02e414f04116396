package io.qonduit.oqtant.model

import kotlinx.serialization.KSerializer
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlin.math.abs

/**
 * The 0.1 ms grid of every bert_schemas `TimeMs` field (a Decimal with `decimal_places=1`): the one
 * implementation of Qonduit's rule.
 *
 * A time is on the grid when it lies within [NOISE_MS] of a multiple of 0.1 ms; it is then written as
 * that exact tenth (the double nearest to k/10, whose shortest decimal form has one decimal place), so
 * `0.1 + 0.2` is sent as `0.3`, never `0.30000000000000004`. Anything farther away (`199.9999`,
 * `0.35`) is off the grid: validation rejects it and it is never rounded.
 */
internal object TimeGrid {
    /** How far from a multiple of 0.1 ms floating-point noise can put a time, ms. */
    const val NOISE_MS: Double = 1e-9

    /** The exact tenth [ms] stands for, or null when [ms] is off the grid. */
    fun snapOrNull(ms: Double): Double? {
        if (!ms.isFinite()) return null
        val tenth = Math.round(ms * 10) / 10.0
        return if (abs(ms - tenth) <= NOISE_MS) tenth else null
    }

    /** [ms] snapped to its exact tenth, or unchanged when off the grid (so validation can report it). */
    fun snap(ms: Double): Double = snapOrNull(ms) ?: ms
}

/** A `TimeMs` value: read verbatim, written on the exact 0.1 ms grid ([TimeGrid]). */
internal object TimeMsSerializer : KSerializer<Double> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("io.qonduit.oqtant.TimeMs", PrimitiveKind.DOUBLE)

    override fun serialize(encoder: Encoder, value: Double): Unit = encoder.encodeDouble(TimeGrid.snap(value))

    override fun deserialize(decoder: Decoder): Double = decoder.decodeDouble()
}

/** A list of `TimeMs` values, each written by [TimeMsSerializer]. */
internal object TimeMsListSerializer : KSerializer<List<Double>> by ListSerializer(TimeMsSerializer)
