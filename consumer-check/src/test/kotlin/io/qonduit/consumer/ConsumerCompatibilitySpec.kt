package io.qonduit.consumer

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/**
 * Our artifacts are usable from the oldest supported Kotlin compiler (kotlin.consumer.compiler.version
 * in the root POM): it compiles src/test/consumer/Consumer.kt against exactly what a consumer's build
 * resolves (this module's runtime classpath), and the program runs.
 */
class ConsumerCompatibilitySpec : FunSpec({
    val classpath = File(System.getProperty("qonduit.consumer.classpath")).readText().trim()
    val compiler = File(System.getProperty("qonduit.consumer.compiler")).listFiles()!!.joinToString(File.pathSeparator)
    val version = System.getProperty("qonduit.consumer.compiler.version")

    test("Kotlin $version compiles and runs a consumer of the SDK and the DSL") {
        val out = Files.createTempDirectory("qonduit-consumer").toFile()
        val compiled = java(
            "-cp", compiler, "org.jetbrains.kotlin.cli.jvm.K2JVMCompiler", "-version",
            "-no-stdlib", "-no-reflect", "-jvm-target", "17", "-cp", classpath,
            File("src/test/consumer/Consumer.kt").absolutePath, "-d", out.absolutePath,
        )
        compiled.output shouldContain "kotlinc-jvm $version"
        withClue(compiled.output) { compiled.exitCode shouldBe 0 }

        val ran = java("-cp", out.absolutePath + File.pathSeparator + classpath, "ConsumerKt")
        withClue(ran.output) { ran.exitCode shouldBe 0 }
        ran.output shouldContain "matter consumer: 1 run"
        ran.output shouldContain "shots 200 outcomes [00, 11]"
        out.deleteRecursively()
    }
})

private class Run(val exitCode: Int, val output: String)

/** Runs the JDK running this test in a child process and returns its exit code and merged output. */
private fun java(vararg args: String): Run {
    val java = File(System.getProperty("java.home"), "bin/java").path
    val process = ProcessBuilder(listOf(java) + args).redirectErrorStream(true).start()
    val output = process.inputStream.bufferedReader().readText()
    check(process.waitFor(5, TimeUnit.MINUTES)) { "java ${args.toList()} did not finish" }
    return Run(process.exitValue(), output)
}

private inline fun <T> withClue(clue: String, block: () -> T): T = io.kotest.assertions.withClue(clue, block)
