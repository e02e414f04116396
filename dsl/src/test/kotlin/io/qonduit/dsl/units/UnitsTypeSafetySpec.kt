package io.qonduit.dsl.units

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.jetbrains.kotlin.cli.common.ExitCode
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import java.nio.file.Files

/** Compiles snippets against the units to prove that mixing them up is a compile error, not a runtime bug. */
class UnitsTypeSafetySpec : FunSpec({
    val classpath = listOf(Milliseconds::class.java, KotlinVersion::class.java)
        .joinToString(File.pathSeparator) { File(it.protectionDomain.codeSource.location.toURI()).path }

    fun compile(body: String): Pair<ExitCode, String> {
        val dir = Files.createTempDirectory("units-snippet").toFile()
        try {
            val source = File(dir, "Snippet.kt")
            source.writeText("import io.qonduit.dsl.units.*\n\nfun snippet() {\n$body\n}\n")
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

    test("well-typed unit code compiles") {
        val (code, log) = compile(
            """
            val t: Milliseconds = 20.ms + 500.us
            val x: Micrometers = 1.5.um * 2
            val h: Kilohertz = 0.5.MHz.toKilohertz()
            val p: Milliwatts = 500.mW
            val k: Nanokelvin = 50.nK
            println(listOf(t, x, h, p, k))
            """.trimIndent(),
        )
        log shouldBe ""
        code shouldBe ExitCode.OK
    }

    test("a length where a time is expected does not compile") {
        val (code, log) = compile("val t: Milliseconds = 1.5.um")
        code shouldBe ExitCode.COMPILATION_ERROR
        log shouldContain "mismatch"
    }

    test("MHz where kHz is expected does not compile without an explicit conversion") {
        val (code, log) = compile("val h: Kilohertz = 0.5.MHz")
        code shouldBe ExitCode.COMPILATION_ERROR
        log shouldContain "mismatch"
    }

    test("adding different units does not compile") {
        val (code, _) = compile("val t = 20.ms + 3.um")
        code shouldBe ExitCode.COMPILATION_ERROR
    }
})
