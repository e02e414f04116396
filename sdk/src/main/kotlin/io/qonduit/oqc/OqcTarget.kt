package io.qonduit.oqc

import io.qonduit.job.CompositeJob
import io.qonduit.job.JobLike
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.Bindings
import io.qonduit.target.Target

/**
 * One OQC QPU as a portable [Target] (get it from [OqcSdk.target]). OQC runs one program per task
 * and has no parameters, so a run becomes one task per program × binding, in order: a single task
 * is returned as a [io.qonduit.job.Job], several as a [CompositeJob] whose outputs list the items in
 * that order, each with its program and binding.
 */
public class OqcTarget internal constructor(
    private val sdk: OqcSdk,
    private val qpu: String,
) : Target {
    /** The QPU id; for the default QPU, the SDK's default as it is now. */
    override val device: String get() = sdk.resolveQpu(qpu)

    override val provider: String get() = OqcBackend.PROVIDER

    override fun create(items: List<RunItem>, options: RunOptions, tag: String?): JobLike {
        val perTask = options.toBuilder().bindings(Bindings.NONE).build()
        val children = items.flatMap { item ->
            val bindings = item.bindingsUnder(options)
            if (bindings.isEmpty()) {
                listOf(sdk.createTask(RunItem(item.program, item.shots), sdk.jobQpu(qpu), perTask, tag, fetchDiagnostics = false))
            } else {
                bindings.values.map { sdk.createTask(RunItem(item.program, item.shots, Bindings.of(it)), sdk.jobQpu(qpu), perTask, tag, fetchDiagnostics = false) }
            }
        }
        return children.singleOrNull() ?: CompositeJob(children)
    }

    override fun toString(): String = "OqcTarget($device)"
}
