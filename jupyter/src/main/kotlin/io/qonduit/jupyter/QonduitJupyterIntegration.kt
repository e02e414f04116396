package io.qonduit.jupyter

import io.qonduit.dsl.oqtant.plot.RenderedPlot
import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.ResultItem
import io.qonduit.oqtant.model.Image
import io.qonduit.oqtant.model.LineChart
import io.qonduit.oqtant.model.OutputValues
import org.jetbrains.kotlinx.jupyter.api.FieldValue
import org.jetbrains.kotlinx.jupyter.api.ResultHandlerExecution
import org.jetbrains.kotlinx.jupyter.api.SubtypeRendererTypeHandler
import org.jetbrains.kotlinx.jupyter.api.libraries.ExecutionHost
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterIntegration
import kotlin.reflect.KClass

/**
 * Qonduit in Kotlin Jupyter, loaded by the kernel from `META-INF/kotlin-jupyter-libraries/libraries.json`
 * as soon as the artifact is on the notebook's classpath (e.g. `@file:DependsOn("io.qonduit:qonduit-jupyter:…")`):
 * default imports, renderers for jobs, composites, result items (counts), Oqtant images and slices, and
 * the host that [LiveProgress] updates its displays through.
 */
public class QonduitJupyterIntegration : JupyterIntegration() {
    override fun Builder.onLoaded() {
        import(*IMPORTS.toTypedArray())
        // Non-inline Builder members only: the kernel (0.19) no longer has what the inline helpers of
        // the API we compile against (0.11) call into.
        for (type in RENDERED) addRenderer(SubtypeRendererTypeHandler(type, Rendering))
        onLoaded { LiveProgress.attach(this) }
        beforeCellExecution { LiveProgress.attach(this) }
    }

    /** Renders a value through [Renderings]; registered only for the types it renders. */
    private object Rendering : ResultHandlerExecution {
        override fun execute(host: ExecutionHost, result: FieldValue): FieldValue =
            FieldValue(Renderings.render(result.value) ?: result.value, result.name)

        override fun replaceVariables(mapping: Map<String, String>): ResultHandlerExecution = this
    }

    internal companion object {
        /** Packages a notebook cell sees without importing anything. */
        val IMPORTS: List<String> = listOf(
            "io.qonduit.*",
            "io.qonduit.circuit.*",
            "io.qonduit.program.*",
            "io.qonduit.job.*",
            "io.qonduit.target.*",
            "io.qonduit.local.*",
            "io.qonduit.dsl.units.*",
            "io.qonduit.dsl.oqtant.*",
            "io.qonduit.dsl.oqtant.plot.*",
            "io.qonduit.jupyter.*",
            "kotlinx.coroutines.*",
            "kotlin.time.Duration.Companion.seconds",
        )

        /** Types with a rendering, in the order the kernel tries them. */
        val RENDERED: List<KClass<*>> = listOf(
            Job::class, CompositeJob::class, ResultItem::class, OutputValues::class, Image::class,
            RenderedPlot::class, LineChart::class,
        )
    }
}
