package io.qonduit.jupyter

import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
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
