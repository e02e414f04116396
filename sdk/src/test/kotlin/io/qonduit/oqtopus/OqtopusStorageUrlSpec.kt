package io.qonduit.oqtopus

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.qonduit.errors.InsecureUrlException
import io.qonduit.testing.Circuits
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.seconds

/**
 * Storage links come from the API's replies: one with another scheme than the API's own is refused
 * before the upload (the program) or a download goes anywhere.
 */
class OqtopusStorageUrlSpec : FunSpec({
    val oqtopus = OqtopusEmulatorFixture()
    val client = oqtopus.client()
    val storage = oqtopus.url.substringBeforeLast("/oqtopus") + "/oqtopus-storage"
    afterSpec {
        client.close()
        oqtopus.close()
    }

    test("a presigned upload form on ftp:// is refused with a typed error and nothing reaches storage") {
        oqtopus.emulator.oqtopus.storageUrl = storage.replaceFirst("http://", "ftp://")
        try {
            val registered = client.registerJob()
            oqtopus.emulator.faults.clearRequests()
            val e = shouldThrow<InsecureUrlException> { client.uploadInput(registered, OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3())) }
            e.scheme shouldBe "ftp"
            e.message!! shouldContain "storage URL"
            oqtopus.emulator.faults.requests.filter { "storage" in it.path }.shouldBeEmpty()
        } finally {
            oqtopus.emulator.oqtopus.storageUrl = null
        }
    }

    test("a download link whose scheme differs from the API's is refused; the same job's own links work") {
        val id = client.submitJob(OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3(), 10))
        withTimeout(30.seconds) { while (client.getJobStatus(id).status != "succeeded") delay(20) }
        client.jobResult(id).counts.values.sum() shouldBe 10L // through the emulator's own links
        oqtopus.emulator.oqtopus.storageUrl = storage.replaceFirst("http://", "https://")
        try {
            oqtopus.emulator.faults.clearRequests()
            shouldThrow<InsecureUrlException> { client.jobResult(id) }.scheme shouldBe "https"
            oqtopus.emulator.faults.requests.filter { "storage" in it.path }.shouldBeEmpty()
        } finally {
            oqtopus.emulator.oqtopus.storageUrl = null
        }
    }
})
