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
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.emulator.qibo.QiboEmulatorState
import io.qonduit.oqtopus.OqtopusClient
import io.qonduit.oqtopus.OqtopusConfig
import io.qonduit.oqtopus.OqtopusPolling
import io.qonduit.qibo.QiboClient
import java.nio.file.Files
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
 * The lifecycle soak of issues 8 and 15: an in-process emulator on 127.0.0.1, port 0, injects faults
 * on the submit and status routes of all five providers while QPI jobs, OQC tasks (over two QPUs),
 * Oqtant, OQTOPUS and Qibo jobs run as composites with bounded user-style retries; then prints
 * duplicates, orphans, jobs left in doubt, wrong results, faults applied, wall time, peak heap and
 * the threads left after close. Stops by itself: every execute is bounded, and the whole run by a
 * hard deadline. Arguments, all optional: `--long` (10 000 jobs instead of about 1 500),
 * then the deadline in seconds (default 420; 1800 with `--long`), the seed (default 8), and after how
 * many failed attempts a child still in doubt is discarded and sent again (default 3; 0: never).
 */
public fun main(args: Array<String>) {
    val long = "--long" in args
    val rest = args.filter { it != "--long" }
    val size = if (long) SoakSize.LONG else SoakSize.DEFAULT
    val hardDeadline = (rest.getOrNull(0)?.toLong() ?: if (long) LONG_DEADLINE_SECONDS else DEFAULT_DEADLINE_SECONDS).seconds
    val seed = rest.getOrNull(1)?.toLong() ?: DEFAULT_SEED
    val policy = RetryPolicy(MAX_ATTEMPTS, PER_ATTEMPT, discardAfter = rest.getOrNull(2)?.toInt() ?: DEFAULT_DISCARD_AFTER)
    printReport(runSoak(size, hardDeadline, seed, policy))
}

/**
 * Runs the soak of [size] under faults seeded by [seed] within [hardDeadline], closes every client
 * and the emulator, and returns what it found (including the threads it left running).
 */
internal fun runSoak(size: SoakSize, hardDeadline: kotlin.time.Duration, seed: Long, policy: RetryPolicy): SoakReport {
    val threadsBefore = liveThreads()
    val config = EmulatorConfig.builder().seed(seed).queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(20)).build()
    // A user's transport: the default retry statuses and count, shorter waits so the soak fits in minutes.
    val transport = TransportConfig.builder().retryDelays(Duration.ofMillis(50), Duration.ofMillis(800)).requestTimeout(Duration.ofSeconds(20)).build()
    val qiboResults = Files.createTempDirectory("soak-qibo")
    val report = Emulator.start(config).use { emulator ->
        QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN), transport).use { qpi ->
            OqcSdk.builder(emulator.url("oqc")).token(Secret.of(OqcEmulatorState.DEMO_TOKEN)).transport(transport)
                .pollCadence(PollCadence.ofMillis(20, 50, 100, 200)).build().use { oqc ->
                    OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN)).baseUrl(emulator.url("oqtant"))
                        .transportConfig(transport).pollInterval(Duration.ofMillis(100)).build().use { oqtant ->
                            OqtopusClient.builder(OqtopusConfig.of(emulator.url("oqtopus"), Secret.of(OqtopusEmulatorState.DEMO_TOKEN)))
                                .transport(transport).build().use { oqtopus ->
                                    QiboClient.builder(emulator.url("qibo"), Secret.of(QiboEmulatorState.DEMO_TOKEN)).transport(transport)
                                        .resultsFolder(qiboResults).pollInterval(Duration.ofMillis(50)).environment(emptyMap()).build().use { qibo ->
                                            val scenarios = runBlocking {
                                                oqc.open()
                                                listOf(
                                                    qpiScenario(qpi, size.qpi), oqcScenario(oqc, size.oqc), oqtantScenario(oqtant, size.oqtant),
                                                    oqtopusScenario(oqtopus, size.oqtopus), qiboScenario(qibo, size.qibo),
                                                )
                                            }
                                            soak(emulator, scenarios, hardDeadline, seed, policy)
                                        }
                                }
                        }
                }
        }
    }
    qiboResults.toFile().deleteRecursively()
    report.threadsLeft = threadsLeftAfter(threadsBefore)
    return report
}

private suspend fun qpiScenario(qpi: QpiClient, jobs: Int): Scenario {
    val mock = qpi.backend(QpiEmulatorState.MOCK_QPU)
    val logical = knownPrograms(jobs).map { known ->
        val job = mock.create(listOf(RunItem(known.program, known.shots)), RunOptions.shots(known.shots))
        Logical(job, "qpi composite of $PER_COMPOSITE") { it.result!!.item.counts("c") == known.counts }
    }
    return Scenario("qpi", logical.chunked(PER_COMPOSITE).map { part -> CompositeJob(part.map { it.job }) }, logical)
}

private fun oqcScenario(oqc: OqcSdk, tasks: Int): Scenario {
    val programs = knownPrograms(tasks / 2)
    val composites = ArrayList<CompositeJob>()
    val logical = ArrayList<Logical>()
    for (part in programs.chunked(OQC_PROGRAMS_PER_COMPOSITE)) {
        val children = listOf(OqcEmulatorState.LUCY_SIMULATOR, OqcEmulatorState.TOSHIKO).flatMap { qpu ->
            val created = oqc.target(qpu).create(part.map { RunItem(it.program, it.shots) }, RunOptions.DEFAULT) as CompositeJob
            created.jobs.zip(part).map { (job, known) ->
                Logical(job, "oqc composite of ${part.size} programs x 2 QPUs") { it.result!!.item.counts("c") == known.counts }
            }
        }
        logical += children
        composites += CompositeJob(children.map { it.job })
    }
    return Scenario("oqc", composites, logical)
}

private fun oqtantScenario(oqtant: OqtantClient, count: Int): Scenario {
    val jobs = (0 until count).map { i -> OqtantJob.of("soak-$i", timeOfFlight(5.0 + 0.5 * (i % OQTANT_DISTINCT_FLIGHTS))) }
    val logical = jobs.chunked(OQTANT_PER_COMPOSITE).flatMap { part ->
        oqtant.createJobs(part).jobs.zip(part).map { (job, sent) ->
            Logical(job, "oqtant composite of ${part.size}") { it.result!!.oqtantJob().let { back -> back.name == sent.name && back.inputs.size == 1 } }
        }
    }
    return Scenario("oqtant", logical.chunked(OQTANT_PER_COMPOSITE).map { part -> CompositeJob(part.map { it.job }) }, logical)
}

private suspend fun oqtopusScenario(oqtopus: OqtopusClient, jobs: Int): Scenario {
    val svsim = oqtopus.target(OqtopusEmulatorState.SVSIM, OqtopusPolling(Duration.ofMillis(20), 1.5, Duration.ofMillis(200), Duration.ofSeconds(60)))
    val logical = knownPrograms(jobs).map { known ->
        val job = svsim.create(listOf(RunItem(known.program, known.shots)), RunOptions.shots(known.shots)) as Job
        Logical(job, "oqtopus composite of $PER_COMPOSITE") { it.result!!.item.counts("c") == known.counts }
    }
    return Scenario("oqtopus", logical.chunked(PER_COMPOSITE).map { part -> CompositeJob(part.map { it.job }) }, logical)
}

private suspend fun qiboScenario(qibo: QiboClient, jobs: Int): Scenario {
    val sim = qibo.target(QiboEmulatorState.SIM)
    val logical = knownPrograms(jobs).map { known ->
        val job = sim.create(listOf(RunItem(known.program, known.shots)), RunOptions.shots(known.shots)) as Job
        Logical(job, "qibo composite of $PER_COMPOSITE") { it.result!!.item.counts("c") == known.counts }
    }
    return Scenario("qibo", logical.chunked(PER_COMPOSITE).map { part -> CompositeJob(part.map { it.job }) }, logical)
}

private fun timeOfFlight(timeOfFlightMs: Double): InputValues {
    val rf = RfEvaporation(listOf(21.12, 12.12, 5.12, 0.62, 0.02), listOf(600.0, 800.0, 600.0, 400.0, 400.0), RfInterpolationType.LINEAR)
    return InputValues(20.0, ImageType.TIME_OF_FLIGHT, timeOfFlightMs, rf)
}

private fun soak(emulator: Emulator, scenarios: List<Scenario>, hardDeadline: kotlin.time.Duration, seed: Long, policy: RetryPolicy): SoakReport {
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
        emulator.oqtopus.jobIds().partition { emulator.oqtopus.status(it) != OQTOPUS_REGISTERED }.let { (submitted, registeredOnly) ->
            ProviderTally("oqtopus", scenarios[3].logical, submitted.toSet(), registeredOnly.size)
        },
        ProviderTally("qibo", scenarios[4].logical, emulator.qibo.jobPids().toSet(), 0),
    )
    return SoakReport(tallies, rules, outcomes, emulator.faults.requests.size, wall, finishedInTime, heap, seed, policy)
}

private const val PER_COMPOSITE = 50
private const val OQC_PROGRAMS_PER_COMPOSITE = 25
private const val OQTANT_PER_COMPOSITE = 20
private const val OQTANT_DISTINCT_FLIGHTS = 20

/** How the emulator reports an OQTOPUS job registered (an id allocated) but never submitted. */
private const val OQTOPUS_REGISTERED = "registered"
private const val COMPOSITES_AT_ONCE = 4
private const val DEFAULT_DISCARD_AFTER = 3
private const val MAX_ATTEMPTS = 8
private const val MAX_BURSTS = 200
private const val DEFAULT_DEADLINE_SECONDS = 420L
private const val LONG_DEADLINE_SECONDS = 1800L
private const val DEFAULT_SEED = 8L
private val PER_ATTEMPT = 90.seconds
private val GRACE = 10.seconds
