// A three-qubit GHZ state on the Qibo cloud (here the loopback emulator): the circuit is built with
// the DSL, posted as qibo's circuit JSON after the version check, polled through its statuses,
// and the tar.gz result's results.npy (a pickled qibo result) decoded into frequencies.
// The README shows the part between the README markers (ReadmeSpec checks it).
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/qibo-ghz.main.kts`.
@file:DependsOn("io.qonduit:qonduit-sdk:0.1.0-SNAPSHOT")
@file:DependsOn("io.qonduit:qonduit-emulator:0.1.0-SNAPSHOT")

// README:begin
import io.qonduit.circuit.circuit
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.qibo.QiboEmulatorState
import io.qonduit.qibo.QiboClient
import io.qonduit.qibo.QiboResult
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

val ghz = circuit {
    val q = qreg("q", 3)
    val c = creg("c", 3)
    h(q[0]); cx(q[0], q[1]); cx(q[1], q[2]); measure(q, c)
}

val frequencies = runBlocking {
    Emulator.start(EmulatorConfig(port = 0)).use { emulator ->
        val client = QiboClient.builder(emulator.url("qibo"), Secret.of(QiboEmulatorState.DEMO_TOKEN))
            .resultsFolder(Files.createTempDirectory("qibo-ghz")) // qibo-client's default: <tmp>/qibo_client
            .pollInterval(Duration.ofMillis(50)) // the emulator is fast; qibo-client's result() waits 0.5 s
            .build()
        client.use { qibo ->
            val job = qibo.runCircuit(ghz, device = QiboEmulatorState.SIM, nshots = 1000)
            val item = job.execute(timeout = 60.seconds).raiseForError().items().single()
            val result = item.extras(QiboResult::class.java)!!
            println("job ${job.taskId} on ${job.device}: frequencies ${result.frequencies} (qubits ${result.measuredQubits})")
            result.frequencies
        }
    }
}
// README:end
