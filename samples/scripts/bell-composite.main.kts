// Runs a composite of circuits on the embedded simulator and prints live status and counts.
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/bell-composite.main.kts`.
@file:DependsOn("io.qonduit:qonduit-sdk:0.1.0-SNAPSHOT")

import io.qonduit.local.LocalBackend
import io.qonduit.circuit.circuit
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

val bell = circuit {
    val q = qreg("q", 2)
    val c = creg("c", 2)
    h(q[0]); cx(q[0], q[1]); measure(q, c)
}

fun ghz(n: Int) = circuit {
    val q = qreg("q", n)
    val c = creg("c", n)
    h(q[0])
    for (i in 1 until n) cx(q[i - 1], q[i])
    measure(q, c)
}

val counts = runBlocking {
    LocalBackend(seed = 1).use { local ->
        val composite = local.createJobs(listOf(bell, ghz(3)), shots = 500)
        launch { composite.progress.collect { println("status: $it") } }
        composite.execute(timeout = 30.seconds).raiseForError().resultList().map { it.counts("c") }
    }
}
counts.forEach { println(it) }
