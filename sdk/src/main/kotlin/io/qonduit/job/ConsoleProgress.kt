package io.qonduit.job

import io.qonduit.matter.MatterProgress
import io.qonduit.matter.MatterResult
import io.qonduit.oqtant.OqtantSimulationEvent
import io.qonduit.oqtant.model.OqtantJob
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.jdk9.asFlow
import me.tongfei.progressbar.ConsoleProgressBarConsumer
import me.tongfei.progressbar.ProgressBar
import me.tongfei.progressbar.ProgressBarBuilder
import java.io.PrintStream
import java.util.concurrent.CompletableFuture

/**
 * How [ConsoleProgress] shows progress: a redrawn bar, one plain line per change, or nothing.
 * [AUTO] draws a bar when the JVM has a console and plain lines otherwise (a log file or CI output
 * then holds readable lines, not carriage returns).
 */
public enum class ProgressDisplay {
    /** A bar on a terminal, plain lines elsewhere. */
    AUTO,

    /** Always a redrawn bar (me.tongfei:progressbar). */
    BAR,

    /** One plain line per change. */
    LINES,

    /** Nothing is shown. */
    OFF,
    ;

    public companion object {
        /** The system property that chooses the display: `auto`, `bar`, `lines` or `off`. */
        public const val PROPERTY: String = "qonduit.progress"

        /** The environment variable read when [PROPERTY] is not set. */
        public const val ENVIRONMENT: String = "QONDUIT_PROGRESS"

        /**
         * The display the user chose: [PROPERTY], else [ENVIRONMENT], else [AUTO].
         *
         * @throws IllegalArgumentException for a value that names no display
         */
        @JvmStatic
        public fun configured(): ProgressDisplay = parse(System.getProperty(PROPERTY) ?: System.getenv(ENVIRONMENT))

        /** [value] as a display (case-insensitive); null or blank is [AUTO]. */
        @JvmStatic
        public fun parse(value: String?): ProgressDisplay {
            if (value.isNullOrBlank()) return AUTO
            return entries.firstOrNull { it.name.equals(value.trim(), ignoreCase = true) }
                ?: throw IllegalArgumentException("$PROPERTY / $ENVIRONMENT is '$value'; expected one of ${entries.joinToString { it.name.lowercase() }}")
        }
    }

    /** [AUTO] resolved against the console; the others as they are. */
    internal fun resolved(): ProgressDisplay = if (this == AUTO) (if (System.console() != null) BAR else LINES) else this
}

/**
 * Shows progress flows (a [CompositeJob]'s [CompositeJob.progress] or [CompositeJob.track], a
 * matter simulation's steps) on a
 * stream, stderr by default so that a program's own output on stdout stays clean:
 *
 * ```kotlin
 * ConsoleProgress.show(composite.track(), "sweep")
 * ConsoleProgress.showSimulation(MatterSimulator().simulate(experiment))
 * val job = ConsoleProgress.showOqtantSimulation(OqtantSimulator().simulate(matter.toJob()))
 * ```
 */
public object ConsoleProgress {
    /**
     * Collects [progress] to its end, showing each value on [out] as [display] says, and returns the
     * last value (null for an empty flow). The bar is closed, and so finished on screen, even when
     * the collection fails or is cancelled.
     */
    @JvmStatic
    public suspend fun show(
        progress: Flow<Progress>,
        task: String = "jobs",
        display: ProgressDisplay = ProgressDisplay.configured(),
        out: PrintStream = System.err,
    ): Progress? {
        var last: Progress? = null
        render(progress, task, display, out) {
            last = it
            Reading(it.done.toLong(), it.total.toLong(), detail(it), it.toString())
        }
        return last
    }

    /**
     * Collects a Gross–Pitaevskii run ([io.qonduit.matter.MatterSimulator.simulate]) to its end,
     * showing the simulated experiment time on [out] (as plain lines: one per stage and per tenth of
     * the run), and returns its result (null when the flow ended without one).
     */
    @JvmStatic
    public suspend fun showSimulation(
        progress: Flow<MatterProgress>,
        task: String = "simulation",
        display: ProgressDisplay = ProgressDisplay.configured(),
        out: PrintStream = System.err,
    ): MatterResult? {
        var result: MatterResult? = null
        var total = 0L
        render(progress, task, display, out) { event ->
            when (event) {
                is MatterProgress.Step -> {
                    // The bar counts tenths of a millisecond, the resolution of Oqtant times.
                    total = tenths(event.totalMs)
                    Reading(tenths(event.simulatedMs), total, event.stage.name, stepLine(event))
                }
                is MatterProgress.Done -> {
                    result = event.result
                    Reading(total, total, "done", "done")
                }
            }
        }
        return result
    }

    /** [showSimulation] for Java: shows a [io.qonduit.matter.MatterSimulator.simulatePublisher] run. */
    @JvmStatic
    @JvmOverloads
    public fun showSimulationAsync(
        progress: java.util.concurrent.Flow.Publisher<MatterProgress>,
        task: String = "simulation",
        display: ProgressDisplay = ProgressDisplay.configured(),
        out: PrintStream = System.err,
    ): CompletableFuture<MatterResult?> = JavaBridge.future { showSimulation(progress.asFlow(), task, display, out) }

    /**
     * Collects a local Oqtant job's simulation ([io.qonduit.oqtant.OqtantSimulator.simulate]) to its
     * end, showing each run's stage and simulated time on [out] (the bar spans every run: run k of n
     * fills its k-th share), and returns the completed job (null when the flow ended without one).
     */
    @JvmStatic
    public suspend fun showOqtantSimulation(
        events: Flow<OqtantSimulationEvent>,
        task: String = "oqtant simulation",
        display: ProgressDisplay = ProgressDisplay.configured(),
        out: PrintStream = System.err,
    ): OqtantJob? {
        var job: OqtantJob? = null
        var total = 0L
        render(events, task, display, out) { event ->
            when (event) {
                is OqtantSimulationEvent.Progress -> {
                    val step = event.step
                    val perRun = tenths(step.totalMs)
                    total = perRun * event.runs
                    val done = perRun * (event.run - 1) + tenths(step.simulatedMs)
                    Reading(done, total, "run ${event.run}/${event.runs} ${step.stage.name}", "run ${event.run}/${event.runs} ${stepLine(step)}")
                }
                is OqtantSimulationEvent.Completed -> {
                    job = event.job
                    Reading(total, total, "done", "done")
                }
            }
        }
        return job
    }

    /** [showOqtantSimulation] for Java: shows an [io.qonduit.oqtant.OqtantSimulator.simulatePublisher] run. */
    @JvmStatic
    @JvmOverloads
    public fun showOqtantSimulationAsync(
        events: java.util.concurrent.Flow.Publisher<OqtantSimulationEvent>,
        task: String = "oqtant simulation",
        display: ProgressDisplay = ProgressDisplay.configured(),
        out: PrintStream = System.err,
    ): CompletableFuture<OqtantJob?> = JavaBridge.future { showOqtantSimulation(events.asFlow(), task, display, out) }

    // A step as one line: its stage and the tenth of the run reached, e.g. "EVOLUTION 40% of 20.0 ms".
    private fun stepLine(step: MatterProgress.Step): String {
        val decile = if (step.totalMs > 0) (10 * step.simulatedMs / step.totalMs).toInt().coerceIn(0, 10) else 0
        return "${step.stage} ${decile * 10}% of ${step.totalMs} ms"
    }

    // One value as shown: a position on the bar and, for plain lines, its text (a line is printed
    // only when its text changes, so a fast flow does not flood a log).
    private class Reading(val done: Long, val total: Long, val detail: String, val line: String)

    private suspend fun <T> render(values: Flow<T>, task: String, display: ProgressDisplay, out: PrintStream, read: (T) -> Reading) {
        when (display.resolved()) {
            ProgressDisplay.OFF, ProgressDisplay.AUTO -> values.collect { read(it) }
            ProgressDisplay.LINES -> {
                var last: String? = null
                values.collect {
                    val line = read(it).line
                    if (line != last) out.println("$task: $line")
                    last = line
                }
            }
            ProgressDisplay.BAR -> {
                var bar: ProgressBar? = null
                try {
                    values.onEach {
                        val r = read(it)
                        // The bar is built on the first value: only then is the total known.
                        val b = bar ?: bar(task, r.total, out).also { created -> bar = created }
                        b.maxHint(r.total)
                        b.stepTo(r.done)
                        b.setExtraMessage(r.detail)
                    }.collect()
                } finally {
                    bar?.close()
                }
            }
        }
    }

    private fun tenths(ms: Double): Long = kotlin.math.round(ms * 10).toLong()

    /** [show] for Java: shows [progress] (a `…Publisher()` of the SDK) on stderr as configured. */
    @JvmStatic
    @JvmOverloads
    public fun showAsync(
        progress: java.util.concurrent.Flow.Publisher<Progress>,
        task: String = "jobs",
        display: ProgressDisplay = ProgressDisplay.configured(),
        out: PrintStream = System.err,
    ): CompletableFuture<Progress?> = JavaBridge.future { show(progress.asFlow(), task, display, out) }

    private fun bar(task: String, total: Long, out: PrintStream): ProgressBar =
        ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setConsumer(ConsoleProgressBarConsumer(out))
            .setUpdateIntervalMillis(200)
            .build()

    // The non-zero states, e.g. "QUEUED=3 RUNNING=1", beside the bar.
    private fun detail(p: Progress): String = p.counts().filterValues { it > 0 }.entries.joinToString(" ") { "${it.key}=${it.value}" }
}
