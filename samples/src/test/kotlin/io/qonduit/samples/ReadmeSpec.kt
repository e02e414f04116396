package io.qonduit.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import java.io.File

/**
 * The README's code blocks are the samples the build runs: each block that follows a
 * `<!-- snippet: path -->` line must equal, line for line, the part of that file between its
 * `README:begin` and `README:end` markers (indentation removed). SamplesSpec and JavaSampleTest run
 * those files, so the README cannot drift from code that compiles and works.
 */
class ReadmeSpec : FunSpec({
    val readme = File("../README.md").readLines()

    /** (source path, code block lines) for every snippet in the README. */
    fun snippets(): List<Pair<String, List<String>>> = readme.withIndex()
        .mapNotNull { (i, line) -> Regex("""<!-- snippet: (\S+) -->""").find(line)?.let { it.groupValues[1] to i } }
        .map { (path, at) ->
            val open = at + 1
            check(readme[open].startsWith("```")) { "README line ${open + 1}: a code block must follow the snippet marker for $path" }
            val close = (open + 1 until readme.size).first { readme[it].startsWith("```") }
            path to readme.subList(open + 1, close)
        }

    fun marked(path: String): List<String> {
        val lines = File("..", path).readLines()
        val begin = lines.indexOfFirst { it.trim() == "// README:begin" }
        val end = lines.indexOfFirst { it.trim() == "// README:end" }
        check(begin >= 0 && end > begin) { "$path has no README:begin / README:end markers" }
        val body = lines.subList(begin + 1, end)
        val indent = body.filter { it.isNotBlank() }.minOf { line -> line.takeWhile { it == ' ' }.length }
        return body.map { if (it.isBlank()) "" else it.substring(indent) }
    }

    test("the README shows the Kotlin script and the Java sample that the build runs, and one of each per provider") {
        val java = "samples/src/main/java/io/qonduit/samples/"
        snippets().map { it.first } shouldContainExactlyInAnyOrder listOf(
            "samples/scripts/readme.main.kts", "${java}JavaSample.java",
            "samples/scripts/qpi-bell.main.kts", "${java}QpiJavaSample.java",
            "samples/scripts/oqc-composite.main.kts", "${java}OqcJavaSample.java",
            "samples/scripts/oqtant-barrier-sweep.main.kts", "${java}OqtantJavaSample.java",
            "samples/scripts/oqtopus-estimation.main.kts", "${java}OqtopusJavaSample.java",
            "samples/scripts/qibo-ghz.main.kts", "${java}QiboJavaSample.java",
        )
    }

    test("each README snippet is exactly the marked part of its source file") {
        for ((path, block) in snippets()) {
            block.joinToString("\n") shouldBe marked(path).joinToString("\n")
        }
    }
})
