package io.qonduit.dsl.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.dsl.units.Milliseconds
import io.qonduit.oqtant.model.InputValues
import io.qonduit.dsl.testing.SnippetCompiler
import kotlinx.serialization.KSerializer
import org.jetbrains.kotlin.cli.common.ExitCode

/** Compiles snippets against the DSL: units are checked by the compiler and scopes cannot leak into each other. */
class OqtantDslTypeSafetySpec : FunSpec({
    val compiler = SnippetCompiler(
        listOf(QuantumMatter::class.java, Milliseconds::class.java, InputValues::class.java, KSerializer::class.java, KotlinVersion::class.java),
        listOf("io.qonduit.dsl.units.*", "io.qonduit.dsl.oqtant.*", "io.qonduit.oqtant.model.*"),
    )

    fun compile(body: String) = compiler.compile(body)

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
