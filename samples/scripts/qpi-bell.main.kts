// A Bell pair on a QPI QPU (here the loopback emulator's mock QPU), swept over an angle that QPI
// binds as positional parameter values. The README's QPI example, between the README markers.
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/qpi-bell.main.kts`.
@file:DependsOn("io.qonduit:qonduit-sdk:0.1.0-SNAPSHOT")
@file:DependsOn("io.qonduit:qonduit-emulator:0.1.0-SNAPSHOT")

// README:begin
import io.qonduit.circuit.Parameter
import io.qonduit.circuit.circuit
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.qpi.QpiClient
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import kotlin.math.PI

val theta = Parameter("theta")
val bell = circuit {
    val q = qreg("q", 2)
    val c = creg("c", 2)
    h(q[0]); cx(q[0], q[1]); rx(theta, q[1]); measure(q, c)
}

val counts = runBlocking {
    // The loopback emulator here; in production your QPI URL and API token.
    Emulator.start().use { emulator ->
        QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN)).use { qpi ->
            val qpu = qpi.backend(QpiEmulatorState.MOCK_QPU)
            val job = qpu.run(bell, theta.bind(0.0, PI)) { shots = 1000 }.execute()
            job.items().map { item -> item.counts("c").also { println("theta=${item.binding["theta"]}: $it") } }
        }
    }
}
// README:end
