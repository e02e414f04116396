// The README's Kotlin example, word for word between the README markers; the build runs it.
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/readme.main.kts`.
@file:DependsOn("io.qonduit:qonduit-sdk:0.1.0-SNAPSHOT")

// README:begin
import io.qonduit.Qonduit
import io.qonduit.circuit.Parameter
import io.qonduit.circuit.circuit
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.math.PI

val bell = circuit {
    val q = qreg("q", 2)
    val c = creg("c", 2)
    h(q[0]); cx(q[0], q[1]); measure(q, c)
}

val theta = Parameter("theta")
val rotation = circuit {
    val q = qreg("q", 1)
    val c = creg("c", 1)
    rx(theta, q[0]); measure(q, c)
}

val printed = runBlocking {
    // The embedded simulator, or the QPI QPU that QPI_URL and QPI_API_TOKEN name: same code.
    val target = Qonduit.defaultTarget()

    val bellCounts = target.run(bell) { shots = 1000 }.execute().items().single().counts("c")
    println(bellCounts)                                   // {00=…, 11=…}

    // A parameter sweep: one result item per binding, in order, each knowing its binding.
    val sweep = target.run(rotation, theta.bind(0.0, PI / 2, PI)) { shots = 1000 }.execute()
    sweep.items().forEach { println("theta=${it.binding["theta"]}: ${it.counts("c")}") }
    println(sweep.countsTable("c"))                       // one row per item

    // A composite with live progress; the progress flow ends when every job has.
    val composite = Qonduit.local().createJobs(listOf(bell, rotation.bind(mapOf("theta" to PI))), shots = 500)
    val updates = launch { composite.progress.collect { println(it) } }  // 0/2 done … 2/2 done (COMPLETED=2)
    composite.execute()
    updates.join()
    listOf(bellCounts, sweep.counts("c"), composite.outputs.counts("c"))
}
// README:end
