package io.qonduit.dsl.units

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.dsl.testing.SnippetCompiler
import org.jetbrains.kotlin.cli.common.ExitCode

/** Compiles snippets against the units to prove that mixing them up is a compile error, not a runtime bug. */
class UnitsTypeSafetySpec : FunSpec({
    val compiler = SnippetCompiler(listOf(Milliseconds::class.java, KotlinVersion::class.java), listOf("io.qonduit.dsl.units.*"))

    fun compile(body: String) = compiler.compile(body)

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
