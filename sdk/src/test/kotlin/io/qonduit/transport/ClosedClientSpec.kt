package io.qonduit.transport

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.oqc.OqcSdk
import io.qonduit.oqtant.OqtantClient
import io.qonduit.job.RunItem
import io.qonduit.qpi.QpiClient
import io.qonduit.testing.Circuits
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.ExecutionException
import kotlin.time.Duration.Companion.seconds

/**
 * Every client refuses use after close() with IllegalStateException("this <client> is closed"), before
 * sending anything (the request log stays empty), also through its backend, its Java twins, and from
 * inside `launch {}`, where the former JobCancellationException vanished without a trace.
 */
class ClosedClientSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 9))
    afterSpec { emulator.close() }

    val sent = CopyOnWriteArrayList<String>()
    val logged = TransportConfig.builder().maxRetries(0).logger(RequestLogger { sent += it }).build()

    fun qpi() = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN), logged)
    fun oqtant() = OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN)).baseUrl(emulator.url("oqtant"))
        .transportConfig(logged).build()
    fun oqc() = OqcSdk.builder(emulator.url("oqc")).token(Secret.of(OqcEmulatorState.DEMO_TOKEN)).transport(logged).build()

    beforeTest { sent.clear() }

    test("QpiClient: calls, backend jobs and Java twins after close() are refused before sending") {
        val client = qpi()
        val backend = client.backend(QpiEmulatorState.MOCK_QPU)
        client.close()
        sent.clear()
        shouldThrow<IllegalStateException> { client.listQpus() }.message shouldBe "this QpiClient is closed"
        shouldThrow<IllegalStateException> { backend.create(listOf(RunItem(Circuits.BELL))).submit(5.seconds) }.message shouldBe "this QpiClient is closed"
        val cause = shouldThrow<ExecutionException> { client.listQpusAsync().get() }.cause
        cause.shouldBeInstanceOf<IllegalStateException>().message shouldBe "this QpiClient is closed"
        sent.shouldBeEmpty()
    }

    test("OqtantClient: calls after close() are refused before sending") {
        val client = oqtant()
        client.close()
        shouldThrow<IllegalStateException> { client.getJobLimits() }.message shouldBe "this OqtantClient is closed"
        shouldThrow<IllegalStateException> { client.searchJobs() }.message shouldBe "this OqtantClient is closed"
        sent.shouldBeEmpty()
    }

    test("OqcSdk: open and calls after close() are refused before sending, also when it was open") {
        val never = oqc()
        never.close()
        shouldThrow<IllegalStateException> { never.open() }.message shouldBe "this OqcSdk is closed"
        val wasOpen = oqc().open()
        wasOpen.close()
        wasOpen.isOpen shouldBe false
        sent.clear()
        shouldThrow<IllegalStateException> { wasOpen.listQpus() }.message shouldBe "this OqcSdk is closed"
        sent.shouldBeEmpty()
    }

    test("closing twice is harmless and the error is the same") {
        val client = qpi()
        client.close()
        client.close()
        shouldThrow<IllegalStateException> { client.listJobs() }.message shouldBe "this QpiClient is closed"
    }

    test("inside launch {} the failure reaches the exception handler instead of vanishing as a cancellation") {
        val client = oqtant()
        client.close()
        val failures = CopyOnWriteArrayList<Throwable>()
        val scope = CoroutineScope(SupervisorJob() + CoroutineExceptionHandler { _, e -> failures += e })
        scope.launch { client.getJobLimits() }.join()
        failures.map { it::class } shouldBe listOf(IllegalStateException::class)
    }
})
