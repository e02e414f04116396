// A barrier-height sweep on Oqtant (here the loopback emulator): one multi-run job built with the
// experiment DSL, tracked live, each run's in-trap image paired with its barrier height and the
// last one rendered to PNG.
// The README shows the part between the README markers (ReadmeSpec checks it).
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/oqtant-barrier-sweep.main.kts`.
@file:DependsOn("io.qonduit:qonduit-dsl:0.1.0-SNAPSHOT")
@file:DependsOn("io.qonduit:qonduit-emulator:0.1.0-SNAPSHOT")

// README:begin
import io.qonduit.dsl.oqtant.plot.OqtantPlots
import io.qonduit.dsl.oqtant.quantumMatter
import io.qonduit.dsl.oqtant.sweep
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.um
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.oqtant.OqtantClient
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InTrapOutput
import io.qonduit.oqtant.oqtantJob
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import kotlin.time.Duration.Companion.seconds

val heights = listOf(0.kHz, 0.5.kHz, 1.kHz, 2.kHz, 10.kHz)

val barrierSweep = sweep(heights) { peak ->
    quantumMatter("barrier $peak") {
        lifetime = 10.ms // imaged while the barrier stands at its final height
        image = ImageType.IN_TRAP
        note = "barrier height $peak"
        barrier {
            at(0.ms) { position = 0.um; height = 0.kHz; width = 2.um }
            evolve(duration = 10.ms, height = peak)
        }
    }
}

val dips = runBlocking {
    Emulator.start().use { emulator ->
        OqtantClient.create(Secret.of(OqtantEmulatorState.DEMO_TOKEN), emulator.url("oqtant")).use { oqtant ->
            val job = oqtant.createJob(barrierSweep.toJob("barrier height sweep"))
            job.submit()
            job.track().collect { println("status: ${it.state} (${it.rawStatus})") }
            val runs = barrierSweep.pairRuns(job.result!!.oqtantJob().inputs)
            val results = runs.map { (height, output) ->
                val image = (output.values as InTrapOutput).itPlot
                // Column sums of optical density: the barrier carves a dip at the centre of the cloud.
                val profile = DoubleArray(image.columns) { c -> (0 until image.rows).sumOf { r -> image[r, c] } }
                val dip = profile[image.columns / 2] / profile.max()
                println("height $height: centre density / peak density = ${"%.3f".format(dip)}")
                height to dip
            }
            val png = Files.createTempFile("oqtant-barrier", ".png")
            OqtantPlots.image(runs.last().second.values, "barrier ${runs.last().first}").writePng(png)
            println("last image rendered to $png")
            results
        }
    }
}
// README:end
