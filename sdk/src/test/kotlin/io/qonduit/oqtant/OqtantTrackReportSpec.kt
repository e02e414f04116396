package io.qonduit.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.job.ProgressDisplay
import java.io.ByteArrayOutputStream
import java.io.PrintStream

/** Runs [block] with stderr captured and [display] as the progress switch; returns what was printed. */
private inline fun capturingStderr(display: String?, block: () -> Unit): String {
    val bytes = ByteArrayOutputStream()
    val err = System.err
    val before = System.getProperty(ProgressDisplay.PROPERTY)
    try {
        System.setErr(PrintStream(bytes, true, Charsets.UTF_8))
        if (display == null) System.clearProperty(ProgressDisplay.PROPERTY) else System.setProperty(ProgressDisplay.PROPERTY, display)
        block()
    } finally {
        System.setErr(err)
        if (before == null) System.clearProperty(ProgressDisplay.PROPERTY) else System.setProperty(ProgressDisplay.PROPERTY, before)
    }
    return bytes.toString(Charsets.UTF_8)
}

class OqtantTrackReportSpec : FunSpec({
    test("the console listener prints each status change of each job, like the Python track_jobs") {
        OqtantTestEnv(queued = 60, running = 60).use { env ->
            val bytes = ByteArrayOutputStream()
            val out = PrintStream(bytes, true, Charsets.UTF_8)
            val ids = env.client.runJobs(listOf(becJob("r1"), becJob("r2")), track = true, listener = OqtantStatusListener.console(out))
            val lines = bytes.toString(Charsets.UTF_8).lines().filter { it.isNotEmpty() }
            listOf("r1", "r2").zip(ids).forEach { (name, id) ->
                val mine = lines.filter { it.startsWith("- Job: $name ($id): ") }
                // One line per change, ending with the terminal status.
                mine.last() shouldBe "- Job: $name ($id): COMPLETE"
                mine.distinct() shouldContainExactly mine
            }
            lines.all { it.startsWith("- Job: ") } shouldBe true
        }
    }

    test("runJobs(track = true) without a listener reports on stderr, and not when progress is off") {
        OqtantTestEnv(queued = 20, running = 20).use { env ->
            var id = ""
            val shown = capturingStderr(null) { id = env.client.runJobs(listOf(becJob("loud")), track = true).single() }
            shown.lines() shouldContain "- Job: loud ($id): COMPLETE"

            val quiet = capturingStderr("off") { env.client.runJobs(listOf(becJob("quiet")), track = true) }
            quiet shouldNotContain "- Job:"
        }
    }

    test("trackJobs without a listener reports on stderr too") {
        OqtantTestEnv(queued = 20, running = 20).use { env ->
            val id = env.client.submitJob(becJob("tracked")).jobId
            val shown = capturingStderr("lines") { env.client.trackJobs(listOf(id)) }
            shown.lines() shouldContain "- Job: tracked ($id): COMPLETE"
        }
    }
})
