package io.qonduit.oqtant

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly

/**
 * A multi-run job whose inputs all say run 1 — what the Python client's create_job(runs=n) sends, and
 * what copying one template input n times gives — is numbered 1..n by the service, so that
 * getJobWithAllRuns, which asks runs 1..input_count, gets every run once.
 */
class OqtantRunNumberingSpec : FunSpec({
    val env = OqtantTestEnv()
    afterSpec { env.close() }
    val client = env.client

    test("inputs all numbered 1 come back as runs 1, 2, 3 with their own values") {
        val template = barrierJob("numbering")
        val inputs = listOf(0.0, 20.0, 40.0).map { height ->
            val values = template.inputs[0].values
            val barrier = values.opticalBarriers!![0]
            template.inputs[0].copy(run = 1, values = values.copy(opticalBarriers = listOf(barrier.copy(heightsKhz = barrier.heightsKhz.map { height }))))
        }
        val id = client.submitJob(template.copy(inputs = inputs)).jobId
        val all = client.getJobWithAllRuns(id)
        all.inputs.map { it.run } shouldContainExactly listOf(1, 2, 3)
        all.inputs.map { it.values.opticalBarriers!![0].heightsKhz.first() } shouldContainExactly listOf(0.0, 20.0, 40.0)
    }
})
