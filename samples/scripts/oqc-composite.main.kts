// Two programs × two QPUs on OQC QCaaS (here the loopback emulator), batch-submitted per QPU, with
// live status and the diagnostics (timings, metrics, metadata) fetched for every task.
// The README shows the part between the README markers (ReadmeSpec checks it).
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/oqc-composite.main.kts`.
@file:DependsOn("io.qonduit:qonduit-sdk:0.1.0-SNAPSHOT")
@file:DependsOn("io.qonduit:qonduit-emulator:0.1.0-SNAPSHOT")

// README:begin
import io.qonduit.circuit.circuit
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.oqc.OqcSdk
import io.qonduit.transport.Secret
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

val bell = circuit {
    val q = qreg("q", 2)
    val c = creg("c", 2)
    h(q[0]); cx(q[0], q[1]); measure(q, c)
}

val flip = circuit {
    val q = qreg("q", 2)
    val c = creg("c", 2)
    x(q[0]); measure(q, c)
}

val summary = runBlocking {
    Emulator.start().use { emulator ->
        OqcSdk.builder(emulator.url("oqc"))
            .token(Secret.of(OqcEmulatorState.DEMO_TOKEN))
            .build()
            .use { oqc ->
                oqc.open()
                val qpus = listOf(OqcEmulatorState.LUCY_SIMULATOR, OqcEmulatorState.TOSHIKO)
                val composite = oqc.createJob(listOf(bell, flip), qpus, fetchDiagnostics = true)
                // Live status: the progress flow emits on every change and completes once all are done.
                val statuses = mutableListOf<String>()
                val watcher = launch { composite.progress.collect { println("status: $it"); statuses += it.toString() } }
                composite.execute(timeout = 60.seconds).raiseForError()
                watcher.join()
                composite.jobs.map { job ->
                    val line = "${job.device}: ${job.result!!.counts("c")}  timings=${job.timings?.keys}  metrics=${job.metrics?.keys}"
                    println(line)
                    line
                } + "last status: ${statuses.last()} after ${statuses.size} updates"
            }
    }
}
println(summary.last())
// README:end
