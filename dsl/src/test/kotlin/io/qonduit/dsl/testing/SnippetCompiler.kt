package io.qonduit.dsl.testing

import org.jetbrains.kotlin.cli.common.ExitCode
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import java.nio.file.Files

/**
 * Compiles a snippet of Kotlin against the jars holding [anchors], so tests can prove that some code
 * does (or does not) compile. [imports] go above a `fun snippet() { ... }` wrapping the body.
 */
class SnippetCompiler(anchors: List<Class<*>>, private val imports: List<String>) {
    private val classpath = anchors
        .map { File(it.protectionDomain.codeSource.location.toURI()).path }
        .distinct()
        .joinToString(File.pathSeparator)

    /** The compiler's exit code and everything it printed. */
    fun compile(body: String): Pair<ExitCode, String> {
        val dir = Files.createTempDirectory("qonduit-snippet").toFile()
        try {
            val source = File(dir, "Snippet.kt")
            source.writeText(imports.joinToString("") { "import $it\n" } + "\nfun snippet() {\n$body\n}\n")
            val log = ByteArrayOutputStream()
            val code = K2JVMCompiler().exec(
                PrintStream(log, true, Charsets.UTF_8),
                "-no-stdlib", "-no-reflect", "-classpath", classpath,
                "-d", File(dir, "out").path, source.path,
            )
            return code to log.toString(Charsets.UTF_8)
        } finally {
            dir.deleteRecursively()
        }
    }
}
