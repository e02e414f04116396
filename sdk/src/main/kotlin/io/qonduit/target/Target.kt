package io.qonduit.target

import io.qonduit.job.JavaBridge
import io.qonduit.job.JobLike
import io.qonduit.job.RunItem
import io.qonduit.job.RunOptions
import io.qonduit.program.Bindings
import io.qonduit.program.Program
import java.util.concurrent.CompletableFuture

/**
 * Where a person runs programs: the local simulator, a QPI QPU, an OQC QPU, ... Each target knows
 * its provider's device naming and wire forms, so the same code runs unchanged on every circuit
 * target:
 *
 * ```
 * val theta = Parameter("theta")
 * val job = target.run(rotation, theta.bind(0.0, PI / 2, PI)) { shots = 1000 }
 * job.execute().items().forEach { println("${it.binding} -> ${it.counts("c")}") }
 * ```
 *
 * A target puts all programs of a run in one provider task where the provider allows it (the
 * result then has one item per program × binding) and otherwise returns a
 * [io.qonduit.job.CompositeJob] of one task per program × binding, in the same order.
 */
public interface Target {
    /** The provider's name (`"local"`, `"qpi"`, `"oqc"`, ...). */
    public val provider: String

    /** The device on the provider, in the provider's own naming. */
    public val device: String

    /**
     * The job (or composite) that runs [items] with [options] here, not yet submitted.
     *
     * @throws io.qonduit.errors.ValidationException when a program, binding or option breaks this
     *   target's rules; nothing is sent then
     */
    public fun create(items: List<RunItem>, options: RunOptions = RunOptions.DEFAULT, tag: String? = null): JobLike

    /** The job that runs [program] once with [options] here, not yet submitted (for Java). */
    public fun create(program: Program, options: RunOptions): JobLike = create(listOf(RunItem(program)), options)

    /** Creates and submits the job for [items]; returns it submitted. */
    public suspend fun run(items: List<RunItem>, options: RunOptions = RunOptions.DEFAULT): JobLike =
        create(items, options).submit()

    /** Runs [programs], each with [bindings] (or unbound), configured by [configure]. */
    public suspend fun run(
        programs: List<Program>,
        bindings: Bindings = Bindings.NONE,
        configure: RunOptions.Builder.() -> Unit = {},
    ): JobLike = run(programs.map { RunItem(it, bindings = bindings) }, RunOptions.builder().apply(configure).build())

    /** Runs [program] with [bindings] (or unbound), configured by [configure]. */
    public suspend fun run(
        program: Program,
        bindings: Bindings = Bindings.NONE,
        configure: RunOptions.Builder.() -> Unit = {},
    ): JobLike = run(listOf(program), bindings, configure)

    /** [run] for Java: [items] with [options], submitted. */
    public fun runAsync(items: List<RunItem>, options: RunOptions): CompletableFuture<JobLike> = JavaBridge.future { run(items, options) }

    /** [run] for Java: [program] with [bindings] and [options], submitted. */
    public fun runAsync(program: Program, bindings: Bindings, options: RunOptions): CompletableFuture<JobLike> =
        runAsync(listOf(RunItem(program, bindings = bindings)), options)

    /** [run] for Java: [program] with [options], submitted. */
    public fun runAsync(program: Program, options: RunOptions): CompletableFuture<JobLike> = runAsync(program, Bindings.NONE, options)
}
