package io.qonduit.dsl.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.dsl.units.Milliseconds
import io.qonduit.oqtant.model.InputValues
import kotlinx.serialization.KSerializer
import org.jetbrains.kotlin.cli.common.ExitCode
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import java.nio.file.Files

/** Compiles snippets against the DSL: units are checked by the compiler and scopes cannot leak into each other. */
class OqtantDslTypeSafetySpec : FunSpec({
    val classpath = listOf(QuantumMatter::class.java, Milliseconds::class.java, InputValues::class.java,
        KSerializer::class.java, KotlinVersion::class.java)
        .map { File(it.protectionDomain.codeSource.location.toURI()).path }
        .distinct()
        .joinToString(File.pathSeparator)

    fun compile(body: String): Pair<ExitCode, String> {
        val dir = Files.createTempDirectory("oqtant-dsl-snippet").toFile()
        try {
            val source = File(dir, "Snippet.kt")
            source.writeText(
                "import io.qonduit.dsl.units.*\nimport io.qonduit.dsl.oqtant.*\nimport io.qonduit.oqtant.model.*\n\n" +
                    "fun snippet() {\n$body\n}\n",
            )
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

    test("a well-typed experiment compiles") {
        val (code, log) = compile(
            """
            quantumMatter("ok") {
                lifetime = 20.ms
                temperature = 50.nK
                barrier { at(0.ms) { position = 0.um; height = 0.kHz; width = 1.um }; evolve(5.ms, height = 20.kHz) }
            }
            """.trimIndent(),
        )
        log shouldBe ""
        code shouldBe ExitCode.OK
    }

    test("a bare number or the wrong unit does not compile") {
        compile("quantumMatter { lifetime = 20.0 }").first shouldBe ExitCode.COMPILATION_ERROR
        val (code, log) = compile("quantumMatter { barrier { at(0.ms) { height = 20.um } } }")
        code shouldBe ExitCode.COMPILATION_ERROR
        log shouldContain "mismatch"
    }

    test("an outer scope's builder cannot be called from an inner block") {
        val (code, log) = compile("quantumMatter { barrier { barrier { } } }")
        code shouldBe ExitCode.COMPILATION_ERROR
        log shouldContain "implicit receiver"
    }
})
