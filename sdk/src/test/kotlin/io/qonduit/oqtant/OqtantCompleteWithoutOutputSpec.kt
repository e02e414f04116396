package io.qonduit.oqtant

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.job.JobState
import kotlin.time.Duration.Companion.seconds

/** An Oqtant job the emulator reports COMPLETE without any run's output is refused, not completed empty. */
class OqtantCompleteWithoutOutputSpec : FunSpec({
    val env = OqtantTestEnv(queued = 20, running = 20)
    afterSpec { env.close() }

    test("COMPLETE without outputs ends the wait with a typed error naming the job and the run") {
        env.emulator.oqtant.completeNextJobWithoutOutputs()
        val job = env.client.createJob(becJob("no output"))
        val e = shouldThrow<ResponseDecodeException> { job.execute(20.seconds) }
        e.provider shouldBe "oqtant"
        e.jobId shouldBe job.taskId
        e.field shouldBe "inputs[0].output"
        job.state shouldNotBe JobState.COMPLETED
    }

    test("the next job completes normally") {
        env.client.createJob(becJob("with output")).execute(20.seconds).resultList().single() shouldNotBe null
    }
})
