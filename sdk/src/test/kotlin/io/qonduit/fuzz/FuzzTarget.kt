package io.qonduit.fuzz

import io.kotest.property.PropTestConfig
import io.kotest.property.checkAll
import java.util.Base64
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import kotlin.reflect.KClass

/** One input that broke the contract: what it threw (or that it hung), and the input itself. */
class FuzzFinding(val target: String, val what: String, val input: ByteArray, val stack: String) {
    override fun toString(): String =
        "$target: $what\n  input (base64, ${input.size} bytes): ${Base64.getEncoder().encodeToString(input.copyOf(minOf(input.size, 512)))}\n$stack"
}

/**
 * A decoder under fuzzing: [decode] may succeed or throw one of [typed]; anything else, a run
 * longer than [PER_INPUT_SECONDS] or an [OutOfMemoryError] is a finding. [knownUntyped] lists
 * exception classes already reported (with the reason in the spec), counted but not failing.
 */
class FuzzTarget(
    val name: String,
    private val seeds: List<ByteArray>,
    private val typed: List<KClass<out Throwable>>,
    private val knownUntyped: Set<String> = emptySet(),
    private val decode: (ByteArray) -> Unit,
) {
    /** Runs [iterations] mutated inputs (seeded by [seed]); prints one summary line; returns the findings. */
    suspend fun run(iterations: Int, seed: Long): List<FuzzFinding> {
        val findings = ArrayList<FuzzFinding>()
        var accepted = 0
        var refused = 0
        var known = 0
        var worker = newWorker()
        try {
            checkAll(PropTestConfig(seed = seed, iterations = iterations), mutationsOf(seeds)) { input ->
                val outcome = worker.submit<Throwable?> {
                    try {
                        decode(input)
                        null
                    } catch (e: Throwable) {
                        e
                    }
                }
                val thrown = try {
                    outcome.get(PER_INPUT_SECONDS, TimeUnit.SECONDS)
                } catch (e: TimeoutException) {
                    outcome.cancel(true)
                    // The stuck thread may ignore the interrupt: later inputs get a fresh one.
                    worker.shutdownNow()
                    worker = newWorker()
                    findings += FuzzFinding(name, "no answer within $PER_INPUT_SECONDS s", input, "")
                    return@checkAll
                } catch (e: ExecutionException) {
                    e.cause
                }
                when {
                    thrown == null -> accepted++
                    typed.any { it.isInstance(thrown) } -> refused++
                    thrown.javaClass.name in knownUntyped -> known++
                    else -> findings += FuzzFinding(name, thrown.toString(), input, thrown.stackTrace.take(STACK_LINES).joinToString("\n") { "    at $it" })
                }
            }
        } finally {
            worker.shutdownNow()
        }
        println("fuzz $name: ${accepted + refused + known + findings.size} inputs, $accepted accepted, $refused refused (typed), $known known findings, ${findings.size} new findings")
        return findings
    }

    private fun newWorker() = Executors.newSingleThreadExecutor { Thread(it, "fuzz-$name").apply { isDaemon = true } }

    private companion object {
        const val PER_INPUT_SECONDS = 5L
        const val STACK_LINES = 12
    }
}
