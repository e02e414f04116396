package io.qonduit.bench.startup

import java.io.File
import kotlin.script.experimental.annotations.KotlinScript
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.dependencies.DependsOn
import kotlin.script.experimental.dependencies.Repository
import kotlin.script.experimental.host.toScriptSource
import kotlin.script.experimental.jvm.updateClasspath
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvmhost.BasicJvmScriptingHost
import kotlin.script.experimental.jvmhost.createJvmCompilationConfigurationFromTemplate
import kotlin.system.exitProcess

/**
 * Issue 14, item 5: runs a `.main.kts` sample the way the build does (samples' SampleScript: the
 * script compiled against this JVM's classpath, `@file:DependsOn` left to standalone runs, since the
 * SDK is not installed into a Maven repository here), so `bench/run` can time launch → printed
 * counts for `samples/scripts/bell-composite.main.kts` in a fresh JVM: compiling the script is part
 * of what is timed, as it is for `kotlin bell-composite.main.kts`.
 */
@KotlinScript(fileExtension = "main.kts", compilationConfiguration = BenchScriptConfiguration::class)
internal abstract class BenchScript

internal object BenchScriptConfiguration : ScriptCompilationConfiguration({
    defaultImports(DependsOn::class, Repository::class)
    jvm { updateClasspath(scriptClasspath()) }
})

/**
 * What `@file:DependsOn("io.qonduit:qonduit-sdk")` would give the script: this JVM's classpath
 * without the compiler, the benchmarks' own peers and the emulator. Handing the compiler its own
 * 60 MB jar (and the rest) to index made compiling the Bell script several times slower.
 */
private fun scriptClasspath(): List<File> =
    System.getProperty("java.class.path").split(File.pathSeparator).map(::File).filterNot { jar -> NOT_FOR_SCRIPTS.any { jar.name.startsWith(it) } }

private val NOT_FOR_SCRIPTS = listOf(
    "kotlin-compiler-embeddable", "kotlin-scripting-compiler", "kotlin-daemon-embeddable", "kotlin-build-tools-api",
    "jmh-core", "jopt-simple", "jackson-", "qonduit-emulator", "ktor-server-", "config-",
)

internal object BellScriptRunner {
    @JvmStatic
    fun main(args: Array<String>) {
        val script = File(args.singleOrNull() ?: throw IllegalArgumentException("usage: BellScriptRunner SCRIPT.main.kts"))
        val result = BasicJvmScriptingHost().eval(script.toScriptSource(), createJvmCompilationConfigurationFromTemplate<BenchScript>(), null)
        result.reports.filter { it.severity >= ScriptDiagnostic.Severity.ERROR }.forEach { System.err.println(it.render()) }
        val value = (result as? ResultWithDiagnostics.Success)?.value?.returnValue
        if (value == null || value is ResultValue.Error) {
            (value as? ResultValue.Error)?.error?.printStackTrace()
            exitProcess(1)
        }
    }
}
