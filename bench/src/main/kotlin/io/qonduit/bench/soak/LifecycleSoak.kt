@file:JvmName("LifecycleSoak")

package io.qonduit.bench.soak

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
import io.qonduit.target.Target
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
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

/**
 * One provider's composites, each made only when it is about to run ([batches]: its children and
 * how to check them), so the soak holds no more jobs than it runs at once.
 */
private class Scenario(val provider: String, val batches: List<suspend () -> List<Logical>>)

/**
 * The lifecycle soak of issues 8 and 15: an emulator on 127.0.0.1, port 0 (in a JVM of its own
 * unless `--in-process`, so the heap figures are the client's), injects faults over its admin
 * routes on the submit and status routes of all five providers while QPI jobs, OQC tasks (over two
 * QPUs), Oqtant, OQTOPUS and Qibo jobs run as composites with bounded user-style retries; then
 * prints duplicates, orphans, jobs left in doubt, wrong results, faults applied, wall time, peak
 * heap and the threads left after close. Each composite's jobs are checked as soon as it is done
 * and only the verdicts kept. Stops by itself: every execute is bounded, and the whole run by a
 * hard deadline. Arguments, all optional: `--long` (10 000 jobs instead of about 1 500),
 * `--in-process`, then the deadline in seconds (default 420; 1800 with `--long`), the seed
 * (default 8), and after how many failed attempts a child still in doubt is discarded and sent
 * again (default 3; 0: never).
 */
public fun main(args: Array<String>) {
    val long = "--long" in args
    val inProcess = "--in-process" in args
    val rest = args.filter { it != "--long" && it != "--in-process" }
    val size = if (long) SoakSize.LONG else SoakSize.DEFAULT
    val hardDeadline = (rest.getOrNull(0)?.toLong() ?: if (long) LONG_DEADLINE_SECONDS else DEFAULT_DEADLINE_SECONDS).seconds
    val seed = rest.getOrNull(1)?.toLong() ?: DEFAULT_SEED
    val policy = RetryPolicy(MAX_ATTEMPTS, PER_ATTEMPT, discardAfter = rest.getOrNull(2)?.toInt() ?: DEFAULT_DISCARD_AFTER)
    printReport(runSoak(size, hardDeadline, seed, policy, separateEmulator = !inProcess))
}

/**
 * Runs the soak of [size] under faults seeded by [seed] within [hardDeadline], against an emulator
 * in this JVM or, with [separateEmulator], in a second one; closes every client and the emulator,
 * and returns what it found (including the threads it left running).
 */
internal fun runSoak(size: SoakSize, hardDeadline: kotlin.time.Duration, seed: Long, policy: RetryPolicy, separateEmulator: Boolean = false): SoakReport {
    val threadsBefore = liveThreads()
    // A user's transport: the default retry statuses and count, shorter waits so the soak fits in minutes.
    val transport = TransportConfig.builder().retryDelays(Duration.ofMillis(50), Duration.ofMillis(800)).requestTimeout(Duration.ofSeconds(20)).build()
    val qiboResults = Files.createTempDirectory("soak-qibo")
    val emulator: SoakEmulator = if (separateEmulator) SoakEmulatorProcess(seed, EMULATOR_HEAP) else SoakEmulator.InProcess(seed)
    val where = if (separateEmulator) "a JVM of its own (-Xmx$EMULATOR_HEAP); the heap figures are the client's alone" else "in this JVM; the heap figures include its stores"
    val report = emulator.use {
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
                                            soak(EmulatorAdmin(emulator.baseUrl), scenarios, hardDeadline, seed, policy, where)
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

private suspend fun qpiScenario(qpi: QpiClient, jobs: Int): Scenario = countsScenario("qpi", qpi.backend(QpiEmulatorState.MOCK_QPU), jobs)

/**
 * [jobs] known programs on [target], [PER_COMPOSITE] single-program jobs per composite, each checked
 * by its counts of `c` (QPI, OQTOPUS and Qibo: one job per program).
 */
private fun countsScenario(provider: String, target: Target, jobs: Int): Scenario =
    Scenario(provider, knownPrograms(jobs).chunked(PER_COMPOSITE).map { part ->
        suspend {
            part.map { known ->
                val job = target.create(listOf(RunItem(known.program, known.shots)), RunOptions.shots(known.shots)) as Job
                Logical(job, "$provider composite of $PER_COMPOSITE") { it.result!!.item.counts("c") == known.counts }
            }
        }
    })

private fun oqcScenario(oqc: OqcSdk, tasks: Int): Scenario =
    Scenario("oqc", knownPrograms(tasks / 2).chunked(OQC_PROGRAMS_PER_COMPOSITE).map { part ->
        suspend {
            listOf(OqcEmulatorState.LUCY_SIMULATOR, OqcEmulatorState.TOSHIKO).flatMap { qpu ->
                val created = oqc.target(qpu).create(part.map { RunItem(it.program, it.shots) }, RunOptions.DEFAULT) as CompositeJob
                created.jobs.zip(part).map { (job, known) ->
                    Logical(job, "oqc composite of ${part.size} programs x 2 QPUs") { it.result!!.item.counts("c") == known.counts }
                }
            }
        }
    })

private fun oqtantScenario(oqtant: OqtantClient, count: Int): Scenario {
    val jobs = (0 until count).map { i -> OqtantJob.of("soak-$i", timeOfFlight(5.0 + 0.5 * (i % OQTANT_DISTINCT_FLIGHTS))) }
    return Scenario("oqtant", jobs.chunked(OQTANT_PER_COMPOSITE).map { part ->
        suspend {
            oqtant.createJobs(part).jobs.zip(part).map { (job, sent) ->
                Logical(job, "oqtant composite of ${part.size}") { it.result!!.oqtantJob().let { back -> back.name == sent.name && back.inputs.size == 1 } }
            }
        }
    })
}

private fun oqtopusScenario(oqtopus: OqtopusClient, jobs: Int): Scenario = countsScenario(
    "oqtopus",
    oqtopus.target(OqtopusEmulatorState.SVSIM, OqtopusPolling(Duration.ofMillis(20), 1.5, Duration.ofMillis(200), Duration.ofSeconds(60))),
    jobs,
)

private fun qiboScenario(qibo: QiboClient, jobs: Int): Scenario = countsScenario("qibo", qibo.target(QiboEmulatorState.SIM), jobs)

private fun timeOfFlight(timeOfFlightMs: Double): InputValues {
    val rf = RfEvaporation(listOf(21.12, 12.12, 5.12, 0.62, 0.02), listOf(600.0, 800.0, 600.0, 400.0, 400.0), RfInterpolationType.LINEAR)
    return InputValues(20.0, ImageType.TIME_OF_FLIGHT, timeOfFlightMs, rf)
}

private fun soak(admin: EmulatorAdmin, scenarios: List<Scenario>, hardDeadline: kotlin.time.Duration, seed: Long, policy: RetryPolicy, where: String): SoakReport {
    val before = admin.jobs()
    admin.add(steadyFaults(seed * 1000))
    val started = TimeSource.Monotonic.markNow()
    val deadline = started + hardDeadline
    val outcomes = HashMap<String, List<RetryOutcome>>()
    val verdicts = HashMap<String, List<Verdict>>()
    val heap = HeapWatch()
    val finishedInTime = runBlocking(Dispatchers.Default) {
        val stop = AtomicBoolean(false)
        val burster = launch { runRateLimitBursts(admin, Duration.ofSeconds(3), MAX_BURSTS) { stop.get() } }
        val done = withTimeoutOrNull(hardDeadline + GRACE) {
            coroutineScope {
                scenarios.map { scenario ->
                    async {
                        val gate = Semaphore(COMPOSITES_AT_ONCE)
                        scenario.batches.map { batch ->
                            async {
                                gate.withPermit {
                                    val children = batch()
                                    val outcome = executeWithRetries(CompositeJob(children.map { it.job }), policy, deadline)
                                    // Checked now, so the jobs and their results can go.
                                    children.map(Verdict::of) to outcome
                                }
                            }
                        }.awaitAll().also { done ->
                            synchronized(outcomes) {
                                outcomes[scenario.provider] = done.map { it.second }
                                verdicts[scenario.provider] = done.flatMap { it.first }
                            }
                        }
                    }
                }.awaitAll()
            }
        } != null
        stop.set(true)
        burster.cancelAndJoin()
        done
    }
    val wall = started.elapsedNow()
    heap.close()
    val jobs = admin.jobs() - before
    val qpiCreated = jobs.qpiCreated
    fun tally(provider: String, describe: (String) -> String = { "" }) = ProviderTally(
        provider, verdicts[provider].orEmpty(), jobs.submitted.getValue(provider), jobs.allocatedOnly[provider].orEmpty().size, describe,
    )
    val tallies = listOf(
        tally("qpi") { id ->
            val at = qpiCreated.indexOfFirst { it.first == id }
            "created ${qpiCreated[at].second}, ${qpiCreated.size - 1 - at} QPI jobs created after it"
        },
        tally("oqc"), tally("oqtant"), tally("oqtopus"), tally("qibo"),
    )
    return SoakReport(tallies, admin.rules(), outcomes, admin.requestCount(), wall, finishedInTime, heap, seed, policy, where)
}

private const val PER_COMPOSITE = 50
private const val OQC_PROGRAMS_PER_COMPOSITE = 25
private const val OQTANT_PER_COMPOSITE = 20
private const val OQTANT_DISTINCT_FLIGHTS = 20

private const val COMPOSITES_AT_ONCE = 4
private const val DEFAULT_DISCARD_AFTER = 3
private const val MAX_ATTEMPTS = 8
private const val MAX_BURSTS = 200
private const val DEFAULT_DEADLINE_SECONDS = 420L
private const val LONG_DEADLINE_SECONDS = 1800L
private const val DEFAULT_SEED = 8L
private val PER_ATTEMPT = 90.seconds
private val GRACE = 10.seconds

/** The emulator's own heap when it runs apart: it keeps every job, result, OQTOPUS zip and Qibo archive. */
private const val EMULATOR_HEAP = "1500m"
