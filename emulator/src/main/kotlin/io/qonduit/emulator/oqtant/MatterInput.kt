package io.qonduit.emulator.oqtant

import io.qonduit.matter.BarrierShape
import io.qonduit.matter.KeyframeInterpolation
import io.qonduit.matter.LandscapeSnapshot
import io.qonduit.matter.MatterExperiment
import io.qonduit.matter.MatterImaging
import io.qonduit.matter.PaintedBarrier
import io.qonduit.matter.PaintedLandscape

/**
 * One run's `values` as the matter simulator's [MatterExperiment] (the validated submission; lists
 * the service would re-order are sorted here as it sorts them). The terminator is ignored, as
 * [MatterExperiment] documents; `MOT` images are simulated as time of flight.
 */
internal fun ValuesDto.toMatterExperiment(): MatterExperiment = MatterExperiment(
    lifetimeMs = endTimeMs,
    imaging = if (imageType == "IN_TRAP") MatterImaging.IN_TRAP else MatterImaging.TIME_OF_FLIGHT,
    timeOfFlightMs = timeOfFlightMs,
    barriers = opticalBarriers.orEmpty().map { it.toPainted() },
    landscape = opticalLandscape?.let { l ->
        PaintedLandscape(l.landscapes.sortedBy { it.timeMs }.map { s ->
            val points = s.positionsUm.zip(s.potentialsKhz).sortedBy { it.first }
            LandscapeSnapshot(s.timeMs, points.map { it.first }, points.map { it.second }, interpolation(s.spatialInterpolation))
        }, interpolation(l.interpolation))
    },
    evaporationEndMhz = MatterModel.lastEvaporationFrequency(this),
)

private fun BarrierDto.toPainted(): PaintedBarrier {
    val order = timesMs.indices.sortedBy { timesMs[it] }
    val widths = widthsUm
    return PaintedBarrier(
        order.map { timesMs[it] }, order.map { positionsUm[it] }, order.map { heightsKhz[it] }, order.map { widths[it] },
        interpolation(interpolation), BarrierShape.valueOf(shape),
    )
}

private fun interpolation(name: String): KeyframeInterpolation = KeyframeInterpolation.valueOf(name)
