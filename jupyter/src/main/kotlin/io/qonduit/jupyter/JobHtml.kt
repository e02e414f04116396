package io.qonduit.jupyter

import io.qonduit.matter.MatterProgress
import kotlin.math.roundToLong

import io.qonduit.job.CompositeJob
import io.qonduit.job.Job
import io.qonduit.job.Progress
import kotlinx.serialization.json.JsonPrimitive

/** Compact HTML views of jobs, as the notebook shows them. */
public object JobHtml {
    /**
     * One job: its status (with the provider's raw status and queue position when known), provider,
     * device, provider task id and the provider's timings.
     */
    @JvmStatic
    public fun job(job: Job): String {
        val status = buildString {
            append(job.state.name)
            job.rawStatus?.takeIf { it != job.state.name }?.let { append(" ($it)") }
            job.queuePosition?.let { append(", queue position $it") }
        }
        val rows = listOf(
            "status" to status,
            "provider" to job.backend.provider,
            "device" to job.device,
            "task" to (job.taskId ?: "not submitted"),
            "timings" to timings(job),
        )
        return """<div class="qonduit-job" data-state="${job.state.name}">""" +
            """<table>${rows.joinToString("") { (k, v) -> "<tr><th style=\"text-align:left\">$k</th><td>${escape(v)}</td></tr>" }}</table></div>"""
    }

    /** A composite: its progress line, then one row per child job (index, provider, device, task, status). */
    @JvmStatic
    public fun composite(composite: CompositeJob): String {
        val header = "<tr><th>#</th><th>provider</th><th>device</th><th>task</th><th>status</th></tr>"
        val rows = composite.jobs.mapIndexed { i, job ->
            "<tr><td>$i</td><td>${escape(job.backend.provider)}</td><td>${escape(job.device)}</td>" +
                "<td>${escape(job.taskId ?: "")}</td><td>${job.state.name}</td></tr>"
        }
        return """<div class="qonduit-composite"><div>${escape(composite.currentProgress.toString())}</div>""" +
            "<table>$header${rows.joinToString("")}</table></div>"
    }

    /** A progress line with a bar: `done` of `total` jobs terminal, and the count in each state. */
    @JvmStatic
    public fun progress(progress: Progress): String =
        """<div class="qonduit-progress"><progress value="${progress.done}" max="${progress.total}"></progress> """ +
            "<span>${escape(progress.toString())}</span></div>"

    /**
     * A Gross–Pitaevskii run's progress: a bar of simulated over total experiment time (in tenths of
     * a millisecond, the resolution of Oqtant times) and the stage; "done" once [step] is null.
     */
    public fun simulation(step: MatterProgress.Step?): String {
        if (step == null) return """<div class="qonduit-progress"><progress value="1" max="1"></progress> <span>done</span></div>"""
        val tenths = { ms: Double -> (ms * 10).roundToLong() }
        return """<div class="qonduit-progress"><progress value="${tenths(step.simulatedMs)}" max="${tenths(step.totalMs)}"></progress> """ +
            "<span>${escape("${step.stage}: ${label(step.simulatedMs)} of ${label(step.totalMs)} ms")}</span></div>"
    }

    private fun timings(job: Job): String {
        val timings = job.timings ?: return "none reported"
        return timings.entries.joinToString(", ") { (k, v) -> "$k=${(v as? JsonPrimitive)?.content ?: v.toString()}" }
    }
}
