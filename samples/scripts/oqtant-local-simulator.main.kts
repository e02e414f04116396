// An Oqtant experiment on the local target: the Gross–Pitaevskii matter simulator in this process,
// like the Python client's `submit(sim=True)` (no login, no network). Two barriers rise at ±10 µm;
// the in-trap image shows the cloud cut in three, progress is printed as the simulation runs.
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/oqtant-local-simulator.main.kts`.
@file:DependsOn("io.qonduit:qonduit-dsl:0.1.0-SNAPSHOT")

import io.qonduit.Qonduit
import io.qonduit.dsl.oqtant.quantumMatter
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.um
import io.qonduit.oqtant.OqtantSimulationEvent
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InTrapOutput
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.runBlocking

val matter = quantumMatter("three pieces") {
    lifetime = 8.ms
    image = ImageType.IN_TRAP
    for (x in listOf((-10).um, 10.um)) {
        barrier {
            at(0.ms) { position = x; height = 0.kHz; width = 1.um }
            evolve(duration = 8.ms, height = 20.kHz)
        }
    }
}

var done: OqtantSimulationEvent.Completed? = null
runBlocking {
    Qonduit.oqtantSimulator().simulate(matter.toJob()).collect { event ->
        when (event) {
            is OqtantSimulationEvent.Progress -> if (event.step.simulatedMs % 2.0 == 0.0) println("simulated ${event.step.simulatedMs} of ${event.step.totalMs} ms")
            is OqtantSimulationEvent.Completed -> done = event
        }
    }
}
val image = (done!!.job.inputs.single().output!!.values as InTrapOutput).itPlot
// Column sums of optical density; the barriers stand at columns 256 ∓ 29 (10 µm / 0.344 µm per pixel).
val profile = DoubleArray(image.columns) { c -> (0 until image.rows).sumOf { r -> image[r, c] } }
val dips = listOf(256 - 29, 256 + 29).map { profile[it] / profile.max() }
val status = done!!.job.status.name
println("status $status, ${image.rows} x ${image.columns} pixels, dips under the barriers: $dips")
