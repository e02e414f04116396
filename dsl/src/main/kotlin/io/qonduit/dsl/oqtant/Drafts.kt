package io.qonduit.dsl.oqtant

import io.qonduit.errors.Violation
import io.qonduit.oqtant.model.OqtantValidation
import kotlin.math.roundToLong

/** A model assembled by a builder, with the problems found while assembling it (paths relative to the builder). */
internal class Drafted<out T>(val value: T, val violations: List<Violation>)

/** [violations] with every field path prefixed by [prefix] (e.g. `barriers[1]`). */
internal fun List<Violation>.under(prefix: String): List<Violation> =
    map { Violation("$prefix.${it.field}", it.value, it.limit) }

/**
 * A time on the 0.1 ms grid written as the exact tenth (so `0.1 + 0.2` is sent as `0.3`, not
 * `0.30000000000000004`). Times off the grid are returned unchanged so validation rejects them: the
 * service would floor them, and Qonduit never rounds a time silently.
 */
internal fun onTimeGrid(ms: Double): Double =
    if (OqtantValidation.isOnTimeGrid(ms)) (ms * 10).roundToLong() / 10.0 else ms
