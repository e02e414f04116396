package io.qonduit.samples

import io.qonduit.job.CompositeJob
import io.qonduit.local.LocalBackend
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.io.PrintStream
import kotlin.time.Duration.Companion.seconds

/**
 * The main sample: a composite of four circuits on the embedded state-vector simulator (no account
 * needed), with live status while it runs and the counts of each circuit at the end.
 */
public fun main() {
    runBlocking { runMainSample(System.out) }
}

/** Runs the sample, writing to [out]; returns the composite so tests can check it. */
public suspend fun runMainSample(out: PrintStream): CompositeJob = LocalBackend(seed = 2026).use { local ->
    val circuits = linkedMapOf(
        "bell" to Circuits.BELL,
        "ghz-3" to Circuits.ghz(3),
        "ghz-5" to Circuits.ghz(5),
        "teleport" to Circuits.TELEPORT,
    )
    val composite = local.createJobs(circuits.values.toList(), shots = 2000)
    out.println("Running ${circuits.size} circuits on the local simulator (${LocalBackend.DEVICE})")
    coroutineScope {
        // Live status: one line per change in the number of jobs in each state.
        launch { composite.progress.collect { out.println("  status: $it") } }
        composite.execute(timeout = 60.seconds).raiseForError()
    }
    circuits.keys.zip(composite.jobs).forEach { (name, job) ->
        val item = job.result!!.item
        out.println("$name (${job.state}): " + item.counts.entries.joinToString("  ") { (creg, counts) -> "$creg=$counts" })
    }
    composite
}
