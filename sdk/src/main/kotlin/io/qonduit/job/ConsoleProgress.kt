package io.qonduit.job

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
 * Shows progress flows (a [CompositeJob]'s [CompositeJob.progress] or [CompositeJob.track]) on a
 * stream, stderr by default so that a program's own output on stdout stays clean:
 *
 * ```kotlin
 * ConsoleProgress.show(composite.track(), "sweep")
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
        when (display.resolved()) {
            ProgressDisplay.OFF, ProgressDisplay.AUTO -> progress.collect { last = it }
            ProgressDisplay.LINES -> progress.collect {
                if (it != last) out.println("$task: $it")
                last = it
            }
            ProgressDisplay.BAR -> {
                var bar: ProgressBar? = null
                try {
                    progress.onEach {
                        // The bar is built on the first value: only then is the total known.
                        val b = bar ?: bar(task, it.total, out).also { created -> bar = created }
                        b.maxHint(it.total.toLong())
                        b.stepTo(it.done.toLong())
                        b.setExtraMessage(detail(it))
                        last = it
                    }.collect()
                } finally {
                    bar?.close()
                }
            }
        }
        return last
    }

    /** [show] for Java: shows [progress] (a `…Publisher()` of the SDK) on stderr as configured. */
    @JvmStatic
    @JvmOverloads
    public fun showAsync(
        progress: java.util.concurrent.Flow.Publisher<Progress>,
        task: String = "jobs",
        display: ProgressDisplay = ProgressDisplay.configured(),
        out: PrintStream = System.err,
    ): CompletableFuture<Progress?> = JavaBridge.future { show(progress.asFlow(), task, display, out) }

    private fun bar(task: String, total: Int, out: PrintStream): ProgressBar =
        ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total.toLong())
            .setConsumer(ConsoleProgressBarConsumer(out))
            .setUpdateIntervalMillis(200)
            .build()

    // The non-zero states, e.g. "QUEUED=3 RUNNING=1", beside the bar.
    private fun detail(p: Progress): String = p.counts().filterValues { it > 0 }.entries.joinToString(" ") { "${it.key}=${it.value}" }
}
