package io.qonduit.jupyter

import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.matter.MatterProgress
import io.qonduit.matter.MatterResult
import io.qonduit.matter.MatterStage
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.transformWhile
import org.jetbrains.kotlinx.jupyter.api.KotlinKernelHost
import java.util.UUID
import java.util.concurrent.atomic.AtomicReference

/**
 * Live status in a notebook: one output, shown once with a display id and then updated in place on
 * every change of the progress or state flow, so a long run leaves one line, not hundreds.
 *
 * Collect while the work runs, e.g. `runBlocking { launch { composite.showProgress() }; composite.execute() }`.
 */
public object LiveProgress {
    private val kernel = AtomicReference<KotlinKernelHost?>()

    /** Called by [QonduitJupyterIntegration] before each cell: the host that displays this cell's outputs. */
    internal fun attach(host: KotlinKernelHost) = kernel.set(host)

    private fun host(): KotlinKernelHost =
        kernel.get() ?: throw IllegalStateException("live progress needs the Kotlin Jupyter kernel with Qonduit loaded")

    /** Shows the composite's progress and updates it until every child is terminal; returns then. */
    public suspend fun show(composite: CompositeJob) {
        val host = host()
        val id = "qonduit-progress-" + UUID.randomUUID()
        host.display(Renderings.html(JobHtml.progress(composite.currentProgress)), id)
        composite.progress.collect { host.updateDisplay(Renderings.html(JobHtml.progress(it)), id) }
    }

    /**
     * Shows a Gross–Pitaevskii run ([io.qonduit.matter.MatterSimulator.simulate]) as it goes, one
     * display updated in place whenever the stage or the whole percent of simulated time changes
     * (a run has hundreds of steps), and returns its result (null when the flow ended without one).
     */
    public suspend fun showSimulation(progress: Flow<MatterProgress>): MatterResult? {
        val host = host()
        val id = "qonduit-simulation-" + UUID.randomUUID()
        var shown: Pair<MatterStage, Long>? = null
        var result: MatterResult? = null
        progress.collect { event ->
            when (event) {
                is MatterProgress.Step -> {
                    val percent = if (event.totalMs > 0) (100 * event.simulatedMs / event.totalMs).toLong() else 0L
                    val key = event.stage to percent
                    if (shown == null) host.display(Renderings.html(JobHtml.simulation(event)), id)
                    else if (key != shown) host.updateDisplay(Renderings.html(JobHtml.simulation(event)), id)
                    shown = key
                }
                is MatterProgress.Done -> {
                    result = event.result
                    if (shown == null) host.display(Renderings.html(JobHtml.simulation(null)), id)
                    else host.updateDisplay(Renderings.html(JobHtml.simulation(null)), id)
                }
            }
        }
        return result
    }

    /** Shows the job's state and updates it until the job is terminal; returns then. */
    public suspend fun show(job: Job) {
        val host = host()
        val id = "qonduit-job-" + UUID.randomUUID()
        host.display(Renderings.html(JobHtml.job(job)), id)
        job.states.transformWhile { emit(it); !it.isTerminal }.collect { host.updateDisplay(Renderings.html(JobHtml.job(job)), id) }
    }
}

/** [LiveProgress.show] for this composite. */
public suspend fun CompositeJob.showProgress(): Unit = LiveProgress.show(this)

/** [LiveProgress.show] for this job. */
public suspend fun Job.showProgress(): Unit = LiveProgress.show(this)
