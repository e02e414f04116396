package io.qonduit.qpi

import io.qonduit.job.Job
import io.qonduit.job.Snapshots
import io.qonduit.transport.Secret
import kotlinx.coroutines.runBlocking
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds

/**
 * Run in a separate JVM by [QpiResumeSpec]: loads a job snapshot written by another process,
 * attaches it to a fresh client and waits for it. Prints `state counts`.
 */
object ResumeSnapshotMain {
    @JvmStatic
    fun main(args: Array<String>) = runBlocking {
        val (url, token, file) = args
        QpiClient.create(url, Secret.of(token)).use { client ->
            val backend = client.backend(args[3])
            val job = Snapshots.load(Path.of(file), backend) as Job
            job.wait(20.seconds)
            println("${job.state} ${job.result?.item?.counts}")
        }
    }
}
