// Runs a composite of circuits on the embedded simulator and prints live status and counts.
// Standalone: `mvn -q install -DskipTests`, then `kotlin samples/scripts/bell-composite.main.kts`.
@file:DependsOn("io.qonduit:qonduit-sdk:0.1.0-SNAPSHOT")

import io.qonduit.local.LocalBackend
import io.qonduit.program.OpenQasmProgram
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

val bell = """
    OPENQASM 2.0;
    include "qelib1.inc";
    qreg q[2];
    creg c[2];
    h q[0];
    cx q[0], q[1];
    measure q -> c;
""".trimIndent()

val ghz3 = bell.replace("qreg q[2];", "qreg q[3];").replace("creg c[2];", "creg c[3];")
    .replace("cx q[0], q[1];", "cx q[0], q[1];\ncx q[1], q[2];")

val counts = runBlocking {
    LocalBackend(seed = 1).use { local ->
        val composite = local.createJobs(listOf(OpenQasmProgram(bell), OpenQasmProgram(ghz3)), shots = 500)
        launch { composite.progress.collect { println("status: $it") } }
        composite.execute(timeout = 30.seconds).raiseForError().resultList().map { it.counts("c") }
    }
}
counts.forEach { println(it) }
counts
