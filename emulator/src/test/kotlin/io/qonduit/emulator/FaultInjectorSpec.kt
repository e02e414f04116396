package io.qonduit.emulator

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.ktor.client.HttpClient
import io.ktor.client.engine.java.Java
import io.ktor.client.request.get
import io.ktor.client.request.header
import io.ktor.client.statement.bodyAsText
import io.qonduit.emulator.TestHttp.Companion.DEMO
import io.qonduit.emulator.qpi.QpiEmulatorState
import java.io.IOException
import java.time.Duration

class FaultInjectorSpec : FunSpec({
    val emulator = Emulator.start()
    val http = TestHttp(emulator.baseUrl)
    afterSpec { emulator.close() }
    beforeTest { emulator.faults.clear() }

    fun timed(block: () -> Unit): Long {
        val start = System.nanoTime()
        block()
        return (System.nanoTime() - start) / 1_000_000
    }

    test("latency delays matching requests by the given duration, only N times") {
        emulator.faults.latency("GET", "/qpi/api/qpus", Duration.ofMillis(400), times = 1)
        http.get("/qpi/api/qpus") // warm-up connection is the delayed one
        val second = timed { http.get("/qpi/api/qpus").status shouldBe 200 }
        second shouldBeLessThan 300L

        emulator.faults.latency(null, "/qpi/api/qpus", Duration.ofMillis(400))
        val delayed = timed { http.get("/qpi/api/qpus").status shouldBe 200 }
        delayed shouldBeGreaterThanOrEqual 400L
    }

    test("an error rule answers N times with its status and body, then the route answers normally") {
        val rule = emulator.faults.error("GET", "/qpi/api/jobs/*", 503, times = 2)
        val id = http.post("/qpi/api/jobs", qpiBell(), DEMO).str("id")
        val first = http.get("/qpi/api/jobs/$id", DEMO)
        first.status shouldBe 503
        first.str("status") shouldBe "503"
        http.get("/qpi/api/jobs/$id", DEMO).status shouldBe 503
        http.get("/qpi/api/jobs/$id", DEMO).status shouldBe 200
        rule.applied shouldBe 2
        rule.isActive shouldBe false
        // The retries are visible in the request log.
        emulator.faults.requests("/qpi/api/jobs/*", "GET") shouldHaveSize 3
        // The POST did not match the GET rule.
        emulator.faults.requests("/qpi/api/jobs", "POST") shouldHaveSize 1
    }

    test("custom error bodies and method wildcards") {
        emulator.faults.error("*", "/qpi/**", 429, times = 1, body = """{"detail":"slow down"}""")
        val limited = http.post("/qpi/api/anything/deep", "{}")
        limited.status shouldBe 429
        limited.text shouldBe """{"detail":"slow down"}"""
        http.get("/qpi/api/qpus").status shouldBe 200
    }

    test("a dropped connection fails a java.net.http client with an IOException") {
        emulator.faults.dropConnection("GET", "/qpi/api/qpus", times = 1)
        var error: IOException? = null
        val elapsed = timed { error = shouldThrow<IOException> { http.get("/qpi/api/qpus") } }
        (error is java.net.http.HttpTimeoutException) shouldBe false
        elapsed shouldBeLessThan 5_000L
        http.get("/qpi/api/qpus").status shouldBe 200
    }

    test("a dropped connection fails a Ktor client too") {
        emulator.faults.dropConnection(null, "/qpi/api/qpus/*")
        HttpClient(Java).use { client ->
            val elapsed = timed {
                kotlinx.coroutines.runBlocking {
                    shouldThrow<IOException> { client.get("${emulator.url("qpi")}/api/qpus/mock").bodyAsText() }
                }
            }
            elapsed shouldBeLessThan 5_000L
            client.get("${emulator.url("qpi")}/api/qpus").status.value shouldBe 200
        }
    }

    test("the request log records method, path, query and header names (but no values)") {
        HttpClient(Java).use { client ->
            client.get("${emulator.url("qpi")}/api/qpus?sort=name") { header("X-API-Token", QpiEmulatorState.DEMO_TOKEN) }
            client.get("${emulator.url("qpi")}/api/qpus/mock")
        }
        val (first, second) = emulator.faults.requests
        first.method shouldBe "GET"
        first.path shouldBe "/qpi/api/qpus"
        first.query shouldBe "sort=name"
        first.hasHeader("x-api-token") shouldBe true
        first.hasHeader("X-API-TOKEN") shouldBe true
        second.hasHeader("X-API-Token") shouldBe false
        emulator.faults.clearRequests()
        emulator.faults.requests shouldHaveSize 0
    }

    test("path patterns: * stays within a segment, ** crosses segments") {
        val one = FaultRule("GET", "/qpi/api/jobs/*", Fault.DropConnection)
        one.matches("GET", "/qpi/api/jobs/abc") shouldBe true
        one.matches("get", "/qpi/api/jobs/abc") shouldBe true
        one.matches("GET", "/qpi/api/jobs/abc/cancel") shouldBe false
        one.matches("POST", "/qpi/api/jobs/abc") shouldBe false
        FaultRule(null, "/qpi/**", Fault.DropConnection).matches("PATCH", "/qpi/a/b/c") shouldBe true
        FaultRule(null, "/qpi/api/jobs", Fault.DropConnection).matches("GET", "/qpi/api/jobs/x") shouldBe false
        shouldThrow<IllegalArgumentException> { FaultRule(null, "qpi", Fault.DropConnection) }
        shouldThrow<IllegalArgumentException> { FaultRule(null, "/qpi", Fault.DropConnection, times = 0) }
        shouldThrow<IllegalArgumentException> { Fault.ErrorResponse(99) }
    }
})

private fun qpiBell(): String = io.qonduit.emulator.qpi.jobBody(io.qonduit.emulator.qpi.BELL)
