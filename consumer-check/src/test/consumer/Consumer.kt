// A small consumer of Qonduit, compiled by ConsumerCompatibilitySpec with the oldest supported Kotlin
// compiler against the published artifacts: the circuit DSL, the Oqtant DSL with units, a target and a job.
import io.qonduit.Qonduit
import io.qonduit.circuit.circuit
import io.qonduit.dsl.oqtant.quantumMatter
import io.qonduit.dsl.units.kHz
import io.qonduit.dsl.units.ms
import io.qonduit.dsl.units.um
import io.qonduit.oqtant.model.ImageType
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

fun main() {
    val bell = circuit {
        val q = qreg("q", 2)
        val c = creg("c", 2)
        h(q[0]); cx(q[0], q[1]); measure(q, c)
    }
    val matter = quantumMatter("consumer") {
        lifetime = 10.ms
        image = ImageType.IN_TRAP
        barrier {
            at(0.ms) { position = 0.um; height = 0.kHz; width = 2.um }
            evolve(duration = 10.ms, height = 1.kHz)
        }
    }
    val counts = runBlocking {
        val job = Qonduit.local().run(bell) { shots = 200; seed = 7 }
        job.execute(timeout = 30.seconds).items().single().counts("c")
    }
    println("matter ${matter.name}: ${matter.toJob().inputs.size} run")
    println("shots ${counts.values.sum()} outcomes ${counts.keys.sorted()}")
}
