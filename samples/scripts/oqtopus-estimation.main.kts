// ⟨Z⊗Z⟩ on a Bell state, estimated on OQTOPUS (here the loopback emulator): the circuit is built
// with the DSL, sent as OpenQASM 3 in input.zip through the presigned storage form, and the
// expectation value read from the result zip. A Bell state is an eigenstate of Z⊗Z with value 1.
// The README shows the part between the README markers (ReadmeSpec checks it).
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/oqtopus-estimation.main.kts`.
@file:DependsOn("io.qonduit:qonduit-sdk:0.1.0-SNAPSHOT")
@file:DependsOn("io.qonduit:qonduit-emulator:0.1.0-SNAPSHOT")

// README:begin
import io.qonduit.circuit.circuit
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.oqtopus.OqtopusClient
import io.qonduit.oqtopus.OqtopusConfig
import io.qonduit.oqtopus.OqtopusOperator
import io.qonduit.oqtopus.OqtopusOptions
import io.qonduit.oqtopus.OqtopusPolling
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

val bell = circuit {
    val q = qreg("q", 2)
    val c = creg("c", 2)
    h(q[0]); cx(q[0], q[1]); measure(q, c)
}

val zz = runBlocking {
    Emulator.start(EmulatorConfig(port = 0)).use { emulator ->
        OqtopusClient.create(OqtopusConfig.of(emulator.url("oqtopus"), Secret.of(OqtopusEmulatorState.DEMO_TOKEN))).use { oqtopus ->
            val device = oqtopus.listDevices().first { it.deviceType == "simulator" }.deviceId
            // The emulator is fast; the Python client's default polls every second.
            val target = oqtopus.target(device, OqtopusPolling(Duration.ofMillis(50), 1.5, Duration.ofMillis(500)))
            val job = target.run(bell) {
                shots = 1000
                provider = OqtopusOptions(operators = listOf(OqtopusOperator("Z 0 Z 1")))
            }
            val value = job.execute(timeout = 60.seconds).raiseForError().items().single().expectationValues.single()
            println("on $device: $value")
            value
        }
    }
}
println("<Z⊗Z> = ${zz.value} ± ${zz.std}")
// README:end
