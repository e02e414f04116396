@file:JvmName("LifecycleSoak")

package io.qonduit.bench.soak

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.FaultRule
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.oqc.OqcSdk
import io.qonduit.oqtant.OqtantClient
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.OqtantJob
import io.qonduit.oqtant.model.RfEvaporation
import io.qonduit.oqtant.model.RfInterpolationType
import io.qonduit.oqtant.oqtantJob
import io.qonduit.job.PollCadence
import io.qonduit.qpi.QpiClient
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.sync.withPermit
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import java.time.Duration
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource
import kotlin.time.toKotlinDuration

/** One provider's composites, run a few at a time with bounded retries. */
private class Scenario(val provider: String, val composites: List<CompositeJob>, val logical: List<Logical>)

/**
 * The lifecycle soak of issue 8: an in-process emulator on 127.0.0.1, port 0, injects faults on the
 * submit and status routes of QPI, OQC and Oqtant while 500 QPI jobs, 500 OQC tasks (over two QPUs)
 * and 20 Oqtant jobs run as composites with bounded user-style retries; then prints duplicates,
 * orphans, jobs left in doubt, wrong results, faults applied, wall time and peak heap. Stops by
 * itself: every execute is bounded, and the whole run by a hard deadline. Arguments, all optional:
 * the deadline in seconds (default 420), the seed (default 8), and after how many failed attempts a
 * child still in doubt is discarded and sent again (default 3; 0: never).
 */
public fun main(args: Array<String>) {
    val hardDeadline = (args.getOrNull(0)?.toLong() ?: DEFAULT_DEADLINE_SECONDS).seconds
    val seed = args.getOrNull(1)?.toLong() ?: DEFAULT_SEED
    val policy = RetryPolicy(MAX_ATTEMPTS, PER_ATTEMPT, discardAfter = args.getOrNull(2)?.toInt() ?: DEFAULT_DISCARD_AFTER)
    val config = EmulatorConfig.builder().seed(seed).queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(20)).build()
    // A user's transport: the default retry statuses and count, shorter waits so the soak fits in minutes.
    val transport = TransportConfig.builder().retryDelays(Duration.ofMillis(50), Duration.ofMillis(800)).requestTimeout(Duration.ofSeconds(20)).build()
    Emulator.start(config).use { emulator ->
        QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN), transport).use { qpi ->
            OqcSdk.builder(emulator.url("oqc")).token(Secret.of(OqcEmulatorState.DEMO_TOKEN)).transport(transport)
                .pollCadence(PollCadence.ofMillis(20, 50, 100, 200)).build().use { oqc ->
                    OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN)).baseUrl(emulator.url("oqtant"))
                        .transportConfig(transport).pollInterval(Duration.ofMillis(100)).build().use { oqtant ->
                            val scenarios = runBlocking {
                                oqc.open()
                                listOf(qpiScenario(qpi), oqcScenario(oqc), oqtantScenario(oqtant))
                            }
                            soak(emulator, scenarios, hardDeadline, seed, policy)
                        }
                }
        }
    }
}

private suspend fun qpiScenario(qpi: QpiClient): Scenario {
    val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
    val logical = knownPrograms(QPI_JOBS).map { known ->
        val job = mock.create(listOf(RunItem(known.program)), RunOptions.shots(SHOTS))
        Logical(job, "qpi composite of $QPI_PER_COMPOSITE") { it.result!!.item.counts("c") == mapOf(known.expected to SHOTS.toLong()) }
    }
    return Scenario("qpi", logical.chunked(QPI_PER_COMPOSITE).map { part -> CompositeJob(part.map { it.job }) }, logical)
}

private fun oqcScenario(oqc: OqcSdk): Scenario {
    val programs = knownPrograms(OQC_TASKS / 2)
    val composites = ArrayList<CompositeJob>()
    val logical = ArrayList<Logical>()
    for (part in programs.chunked(OQC_PROGRAMS_PER_COMPOSITE)) {
        val children = listOf(OqcEmulatorState.LUCY_SIMULATOR, OqcEmulatorState.TOSHIKO).flatMap { qpu ->
            val created = oqc.target(qpu).create(part.map { RunItem(it.program) }, RunOptions.shots(SHOTS)) as CompositeJob
            created.jobs.zip(part).map { (job, known) ->
                Logical(job, "oqc composite of ${part.size} programs x 2 QPUs") { it.result!!.item.counts("c") == mapOf(known.expected to SHOTS.toLong()) }
            }
        }
        logical += children
        composites += CompositeJob(children.map { it.job })
    }
    return Scenario("oqc", composites, logical)
}

private fun oqtantScenario(oqtant: OqtantClient): Scenario {
    val jobs = (0 until OQTANT_JOBS).map { i -> OqtantJob.of("soak-$i", timeOfFlight(5.0 + 0.5 * i)) }
    val composite = oqtant.createJobs(jobs)
    val logical = composite.jobs.zip(jobs).map { (job, sent) ->
        Logical(job, "oqtant composite of $OQTANT_JOBS") { it.result!!.oqtantJob().let { back -> back.name == sent.name && back.inputs.size == 1 } }
    }
    return Scenario("oqtant", listOf(composite), logical)
}

private fun timeOfFlight(timeOfFlightMs: Double): InputValues {
    val rf = RfEvaporation(listOf(21.12, 12.12, 5.12, 0.62, 0.02), listOf(600.0, 800.0, 600.0, 400.0, 400.0), RfInterpolationType.LINEAR)
    return InputValues(20.0, ImageType.TIME_OF_FLIGHT, timeOfFlightMs, rf)
}

private fun soak(emulator: Emulator, scenarios: List<Scenario>, hardDeadline: kotlin.time.Duration, seed: Long, policy: RetryPolicy) {
    val oqcBefore = emulator.oqc.tasks().map { it.id }.toSet()
    val steady = installSteadyFaults(emulator.faults, seed * 1000)
    val started = TimeSource.Monotonic.markNow()
    val deadline = started + hardDeadline
    val outcomes = HashMap<String, MutableList<RetryOutcome>>()
    val bursts = java.util.concurrent.CopyOnWriteArrayList<FaultRule>()
    val heap = HeapWatch()
    val finishedInTime = runBlocking(Dispatchers.Default) {
        val stop = AtomicBoolean(false)
        val burster = launch { runRateLimitBursts(emulator.faults, Duration.ofSeconds(3), MAX_BURSTS, bursts) { stop.get() } }
        val done = withTimeoutOrNull(hardDeadline + GRACE) {
            coroutineScope {
                scenarios.map { scenario ->
                    async {
                        val gate = Semaphore(COMPOSITES_AT_ONCE)
                        scenario.composites.map { composite ->
                            async { gate.withPermit { executeWithRetries(composite, policy, deadline) } }
                        }.awaitAll().also { synchronized(outcomes) { outcomes[scenario.provider] = it.toMutableList() } }
                    }
                }.awaitAll()
            }
        } != null
        stop.set(true)
        burster.cancel()
        done
    }
    val wall = started.elapsedNow()
    heap.close()
    val rules = steady + bursts
    val qpiJobs = emulator.qpi.jobs().sortedBy { it.created }
    val tallies = listOf(
        ProviderTally("qpi", scenarios[0].logical, qpiJobs.map { it.id }.toSet(), 0) { id ->
            val at = qpiJobs.indexOfFirst { it.id == id }
            "created ${qpiJobs[at].created}, ${qpiJobs.size - 1 - at} QPI jobs created after it"
        },
        emulator.oqc.tasks().filter { it.id !in oqcBefore }.let { tasks ->
            ProviderTally("oqc", scenarios[1].logical, tasks.filter { it.program != null }.map { it.id }.toSet(), tasks.count { it.program == null })
        },
        ProviderTally("oqtant", scenarios[2].logical, emulator.oqtant.jobIds().toSet(), 0),
    )
    printReport(SoakReport(tallies, rules, outcomes, emulator.faults.requests.size, wall, finishedInTime, heap, seed, policy))
}

private const val QPI_JOBS = 500
private const val QPI_PER_COMPOSITE = 50
private const val OQC_TASKS = 500
private const val OQC_PROGRAMS_PER_COMPOSITE = 25
private const val OQTANT_JOBS = 20
private const val SHOTS = 16
private const val COMPOSITES_AT_ONCE = 4
private const val DEFAULT_DISCARD_AFTER = 3
private const val MAX_ATTEMPTS = 8
private const val MAX_BURSTS = 200
private const val DEFAULT_DEADLINE_SECONDS = 420L
private const val DEFAULT_SEED = 8L
private val PER_ATTEMPT = 90.seconds
private val GRACE = 10.seconds
