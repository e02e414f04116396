package io.qonduit.oqtant

import io.qonduit.matter.BarrierShape
import io.qonduit.matter.KeyframeInterpolation
import io.qonduit.matter.LandscapeSnapshot
import io.qonduit.matter.MatterExperiment
import io.qonduit.matter.MatterImage
import io.qonduit.matter.MatterImaging
import io.qonduit.matter.MatterResult
import io.qonduit.matter.PaintedBarrier
import io.qonduit.matter.PaintedLandscape
import io.qonduit.matter.TimeOfFlightReadout
import io.qonduit.oqtant.model.ChartPoint
import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.JobType
import io.qonduit.oqtant.model.LineChart
import io.qonduit.oqtant.model.OutputValues
import io.qonduit.oqtant.model.TimeOfFlightOutput
import io.qonduit.oqtant.model.TofFit

/**
 * A validated run as the matter simulator's experiment (the terminator is ignored, as
 * [MatterExperiment] documents; `MOT` images are simulated as time of flight).
 */
internal fun InputValues.toMatterExperiment(): MatterExperiment = MatterExperiment(
    lifetimeMs = endTimeMs,
    imaging = if (imageType == ImageType.IN_TRAP) MatterImaging.IN_TRAP else MatterImaging.TIME_OF_FLIGHT,
    timeOfFlightMs = timeOfFlightMs,
    barriers = opticalBarriers.orEmpty().map { b ->
        val order = b.timesMs.indices.sortedBy { b.timesMs[it] }
        PaintedBarrier(
            order.map { b.timesMs[it] }, order.map { b.positionsUm[it] }, order.map { b.heightsKhz[it] }, order.map { b.widthsUm[it] },
            KeyframeInterpolation.valueOf(b.interpolation.name), BarrierShape.valueOf(b.shape.name),
        )
    },
    landscape = opticalLandscape?.let { l ->
        PaintedLandscape(l.landscapes.sortedBy { it.timeMs }.map { s ->
            val points = s.positionsUm.zip(s.potentialsKhz).sortedBy { it.first }
            LandscapeSnapshot(s.timeMs, points.map { it.first }, points.map { it.second }, KeyframeInterpolation.valueOf(s.spatialInterpolation.name))
        }, KeyframeInterpolation.valueOf(l.interpolation.name))
    },
    evaporationEndMhz = rfEvaporation.timesMs.indices.filter { rfEvaporation.timesMs[it] <= 0 }
        .maxByOrNull { rfEvaporation.timesMs[it] }?.let { rfEvaporation.frequenciesMhz[it] },
)

/** The service's output values of a simulated run; fits and atom numbers only for BEC jobs, as on the hardware. */
internal fun matterOutputValues(result: MatterResult, jobType: JobType): OutputValues {
    if (result.experiment.imaging == MatterImaging.IN_TRAP) return InTrapOutput(result.image.toImage())
    val r = TimeOfFlightReadout.of(result, populated = jobType == JobType.BEC)
    val f = r.fit
    return TimeOfFlightOutput(
        motFluorescenceImage = r.motImage.toImage(),
        tofImage = r.tofImage.toImage(),
        tofFitImage = r.tofFitImage.toImage(),
        tofFit = TofFit(f.gaussianOd, f.gaussianSigmaX, f.gaussianSigmaY, f.tfOd, f.tfX, f.tfY, f.x0, f.y0, f.offset),
        tofXSlice = LineChart(r.xSlice.map { ChartPoint(it.first, it.second) }),
        tofYSlice = LineChart(r.ySlice.map { ChartPoint(it.first, it.second) }),
        totalMotAtomNumber = r.totalMotAtoms,
        tofAtomNumber = r.tofAtoms,
        thermalAtomNumber = r.thermalAtoms,
        condensedAtomNumber = r.condensedAtoms,
        temperatureNk = r.temperatureNk,
    )
}

private fun MatterImage.toImage(): Image = Image(pixels, rows, columns, pixcalUm)
