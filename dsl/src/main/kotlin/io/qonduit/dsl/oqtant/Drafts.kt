package io.qonduit.dsl.oqtant

import io.qonduit.errors.Violation
import io.qonduit.oqtant.model.OqtantValidation

/** A model assembled by a builder, with the problems found while assembling it (paths relative to the builder). */
internal class Drafted<out T>(val value: T, val violations: List<Violation>)

/** [violations] with every field path prefixed by [prefix] (e.g. `barriers[1]`). */
internal fun List<Violation>.under(prefix: String): List<Violation> =
    map { Violation("$prefix.${it.field}", it.value, it.limit) }

/** [ms] as the exact tenth it is sent as, or unchanged when off the grid ([OqtantValidation.snapToTimeGrid]). */
internal fun onTimeGrid(ms: Double): Double = OqtantValidation.snapToTimeGrid(ms)
