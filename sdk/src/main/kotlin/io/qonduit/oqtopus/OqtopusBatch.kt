package io.qonduit.oqtopus

import io.qonduit.job.Job
import io.qonduit.job.JobOutputProxy
import io.qonduit.job.JavaBridge
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.sync.withPermit
import java.util.concurrent.CompletableFuture

/**
 * oqtopus-client's `run_jobs_batch`: submits [Job]s at most `submitConcurrency` at a time and waits
 * for them at most `waitConcurrency` at a time, each wait as [OqtopusPolling.await] does. Outputs
 * come back in the order of the jobs.
 */
public object OqtopusBatch {
    /**
     * Runs [jobs] and returns their outputs, in order.
     *
     * @throws io.qonduit.errors.ValidationException when a concurrency is below 1
     */
    @JvmStatic
    @JvmOverloads
    public suspend fun run(jobs: List<Job>, submitConcurrency: Int = 4, waitConcurrency: Int = 4, polling: OqtopusPolling = OqtopusPolling.DEFAULT): List<JobOutputProxy> {
        OqtopusPolling.checkConcurrency("submitConcurrency", submitConcurrency)
        OqtopusPolling.checkConcurrency("waitConcurrency", waitConcurrency)
        val submits = Semaphore(submitConcurrency)
        val waits = Semaphore(waitConcurrency)
        return coroutineScope {
            jobs.map { job ->
                async {
                    submits.withPermit { job.submit() }
                    waits.withPermit { polling.await(job) }
                }
            }.awaitAll()
        }
    }

    /** [run] for Java. */
    @JvmStatic
    @JvmOverloads
    public fun runAsync(jobs: List<Job>, submitConcurrency: Int = 4, waitConcurrency: Int = 4, polling: OqtopusPolling = OqtopusPolling.DEFAULT): CompletableFuture<List<JobOutputProxy>> =
        JavaBridge.future { run(jobs, submitConcurrency, waitConcurrency, polling) }
}
