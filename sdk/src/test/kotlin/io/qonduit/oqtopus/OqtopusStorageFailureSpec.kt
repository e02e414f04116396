package io.qonduit.oqtopus

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.qonduit.emulator.Fault
import io.qonduit.emulator.FaultRule
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.errors.ValidationException
import io.qonduit.testing.Circuits
import io.qonduit.transport.Secret
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.io.PrintWriter
import java.io.StringWriter
import java.net.InetAddress
import java.net.ServerSocket
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * A failed transfer to or from storage: the network error's text may quote the presigned URL,
 * whose query string is the signature, so neither the error nor any cause in its trace may show it.
 */
class OqtopusStorageFailureSpec : FunSpec({
    val oqtopus = OqtopusEmulatorFixture()
    val client = oqtopus.client()
    afterSpec {
        client.close()
        oqtopus.close()
    }

    suspend fun finishedJob(): String {
        val id = client.submitJob(OqtopusJobSpec.sampling(oqtopus.simulator, Circuits.BELL.toQasm3(), 10))
        withTimeout(30.seconds) { while (client.getJobStatus(id).status != "succeeded") delay(20) }
        return id
    }

    fun shouldNotShowTheSignedQuery(e: Throwable) {
        val trace = StringWriter().also { e.printStackTrace(PrintWriter(it)) }.toString()
        for (text in generateSequence(e) { it.cause }.flatMap { sequenceOf(it.toString(), it.message.orEmpty()) } + trace) {
            text shouldNotContain "Signature="
            text shouldNotContain "Expires="
            text shouldNotContain "AWSAccessKeyId="
        }
    }

    test("a storage download that times out fails typed; the timeout's message quoted the signed URL, the chain does not") {
        val id = finishedJob()
        val slow = oqtopus.emulator.faults.add(FaultRule("GET", "/oqtopus-storage/**", Fault.Latency(Duration.ofSeconds(3))))
        val impatient = OqtopusClient.builder(OqtopusConfig.of(oqtopus.url, Secret.of(OqtopusEmulatorState.DEMO_TOKEN)))
            .storageTimeout(Duration.ofMillis(300)).build()
        try {
            val e = shouldThrow<OqtopusStorageException> { impatient.jobResult(id) }
            e.message!! shouldContain "download of result failed (HttpRequestTimeoutException)"
            e.cause!!.message!! shouldContain "/oqtopus-storage/" // the cleaned copy keeps the path, drops the query
            shouldNotShowTheSignedQuery(e)
        } finally {
            impatient.close()
            oqtopus.emulator.faults.remove(slow)
        }
    }

    test("a download from a closed loopback port fails typed and never shows the signed query") {
        val id = finishedJob()
        oqtopus.emulator.oqtopus.storageUrl = "http://127.0.0.1:${closedLoopbackPort()}/oqtopus-storage"
        try {
            val e = shouldThrow<OqtopusStorageException> { client.jobResult(id) }
            e.message!! shouldContain "download of result failed"
            shouldNotShowTheSignedQuery(e)
        } finally {
            oqtopus.emulator.oqtopus.storageUrl = null
        }
    }

    test("a storage timeout that is not positive is refused, naming the field") {
        val builder = OqtopusClient.builder(OqtopusConfig.of(oqtopus.url, null))
        shouldThrow<ValidationException> { builder.storageTimeout(Duration.ZERO) }.violations.single().field shouldBe "storageTimeout"
    }
})

/** A loopback port nothing listens on: bound by the system, then released. */
private fun closedLoopbackPort(): Int = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { it.localPort }
