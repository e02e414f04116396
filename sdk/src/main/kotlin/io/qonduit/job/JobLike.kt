package io.qonduit.job

import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * What a single [Job] and a [CompositeJob] have in common, for code that accepts either.
 */
public interface JobLike {
    /** Outputs of the latest run (of every child, for a composite). */
    public val outputs: JobOutputProxy

    /** Every output ever produced, oldest first. */
    public val history: JobOutputProxy

    /** True when the latest run (of every child) completed successfully. */
    public val completed: Boolean

    /** Submits to the provider; fails if already submitted. */
    public suspend fun submit(timeout: Duration = 30.seconds): JobLike

    /**
     * Submits (or resumes polling when already in flight), waits, and returns the outputs. A job whose
     * latest run is terminal is reset and run again; earlier outputs stay in [history].
     *
     * @param timeout how long to wait for completion; null waits for ever
     * @throws JobTimeoutException when time runs out (the job goes on at the provider)
     */
    public suspend fun execute(timeout: Duration? = 10.seconds): JobOutputProxy

    /** Polls the provider once and updates this object. */
    public suspend fun refresh(): JobLike

    /** Polls until terminal. @throws JobTimeoutException when [timeout] (null = never) runs out. */
    public suspend fun wait(timeout: Duration? = 10.seconds): JobLike

    /** Cancels at the provider. */
    public suspend fun cancel(): JobLike

    /** Cancels what is still in flight; no-op for terminal runs. */
    public suspend fun cancelIfActive(): JobLike

    /** A serialisable snapshot of the complete state; never contains credentials. */
    public fun toSnapshot(): Snapshot

    /** [submit] for Java, with the default 30 s timeout. */
    public fun submitAsync(): CompletableFuture<out JobLike>

    /** [submit] for Java. */
    public fun submitAsync(timeout: java.time.Duration): CompletableFuture<out JobLike>

    /** [execute] for Java, with the default 10 s timeout. */
    public fun executeAsync(): CompletableFuture<JobOutputProxy>

    /** [execute] for Java; a null timeout waits for ever. */
    public fun executeAsync(timeout: java.time.Duration?): CompletableFuture<JobOutputProxy>

    /** [refresh] for Java. */
    public fun refreshAsync(): CompletableFuture<out JobLike>

    /** [wait] for Java, with the default 10 s timeout. */
    public fun waitAsync(): CompletableFuture<out JobLike>

    /** [wait] for Java; a null timeout waits for ever. */
    public fun waitAsync(timeout: java.time.Duration?): CompletableFuture<out JobLike>

    /** [cancel] for Java. */
    public fun cancelAsync(): CompletableFuture<out JobLike>

    /** [cancelIfActive] for Java. */
    public fun cancelIfActiveAsync(): CompletableFuture<out JobLike>

    /** Writes [toSnapshot] to [path] atomically (temporary file, then move). */
    public fun save(path: Path) {
        Snapshots.write(path, toSnapshot())
    }
}
