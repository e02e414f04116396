package io.qonduit.emulator

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.qonduit.emulator.TestHttp.Companion.DEMO
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import java.io.IOException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.ByteBuffer
import java.time.Duration
import java.util.concurrent.Flow
import java.util.concurrent.atomic.AtomicInteger

/** The faults that damage a reply's body — corrupted, truncated, slow — over real loopback HTTP. */
class FaultBodySpec : FunSpec({
    val emulator = Emulator.start()
    val client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
    afterSpec { emulator.close() }
    beforeTest { emulator.faults.clear() }

    fun get(path: String): HttpResponse<ByteArray> =
        client.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray())

    val qpus = "/qpi/api/qpus"

    test("corrupt garbage: same status and content type, a body that no longer parses as JSON") {
        val clean = get(qpus)
        Json.parseToJsonElement(clean.body().decodeToString())
        val rule = emulator.faults.corruptBody("GET", qpus, times = 1)
        val damaged = get(qpus)
        damaged.statusCode() shouldBe 200
        damaged.headers().firstValue("Content-Type") shouldBe clean.headers().firstValue("Content-Type")
        damaged.body().copyOf(clean.body().size / 2).toList() shouldBe clean.body().copyOf(clean.body().size / 2).toList()
        shouldThrow<SerializationException> { Json.parseToJsonElement(damaged.body().decodeToString()) }
        rule.applied shouldBe 1
        get(qpus).body().toList() shouldBe clean.body().toList()
    }

    test("corrupt flip: the same length with a few bytes inverted, where the seed says") {
        val clean = get(qpus).body()
        fun flipped(seed: Long): List<Int> {
            emulator.faults.clearRules()
            emulator.faults.corruptBody("GET", qpus, Fault.CorruptBody.Mode.FLIP_BYTES, times = 1, seed = seed)
            val damaged = get(qpus).body()
            damaged.size shouldBe clean.size
            return damaged.indices.filter { damaged[it] != clean[it] }
        }
        val positions = flipped(11)
        positions.size shouldBeInRange 1..Fault.CorruptBody.DEFAULT_FLIPS
        flipped(11) shouldBe positions
        flipped(12) shouldNotBe positions
    }

    test("truncate: the head promises the whole body, the connection closes after the bytes kept") {
        emulator.faults.truncateBody("GET", qpus, keepBytes = 10, times = 1)
        val failure = shouldThrow<IOException> { get(qpus) }
        failure.message shouldNotBe null
        // The server is fine afterwards: the next exchange is whole.
        get(qpus).statusCode() shouldBe 200
    }

    test("truncate keeps the route's effects: the job exists although its reply broke off") {
        val http = TestHttp(emulator.baseUrl)
        val before = emulator.qpi.jobs().size
        emulator.faults.truncateBody("POST", "/qpi/api/jobs", keepBytes = 5, times = 1)
        shouldThrow<IOException> { http.post("/qpi/api/jobs", io.qonduit.emulator.qpi.jobBody(io.qonduit.emulator.qpi.BELL), DEMO) }
        emulator.qpi.jobs().size shouldBe before + 1
    }

    test("cut: a complete exchange whose body is only the bytes kept") {
        val clean = get(qpus).body()
        emulator.faults.truncateBody("GET", qpus, keepBytes = 12, closeConnection = false, times = 1)
        val cut = get(qpus)
        cut.statusCode() shouldBe 200
        cut.body().toList() shouldBe clean.copyOf(12).toList()
    }

    test("slow body: the whole body, delivered in several pieces instead of one") {
        val clean = get(qpus).body()
        fun pieces(): Pair<Int, ByteArray> {
            val count = AtomicInteger()
            val handler = HttpResponse.BodyHandler { _ -> CountingSubscriber(count) }
            val body = client.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl + qpus)).timeout(Duration.ofSeconds(10)).build(), handler).body()
            return count.get() to body
        }
        pieces().first shouldBe 1
        emulator.faults.slowBody("GET", qpus, Duration.ofMillis(480), times = 1)
        val (count, body) = pieces()
        body.toList() shouldBe clean.toList()
        count shouldBeGreaterThan 1
    }

    test("the text form reads and writes every body fault") {
        listOf(
            "GET /qpi/api/qpus corrupt garbage",
            "GET /qpi/api/qpus corrupt flip seed=4 flips=5",
            "* /oqc/** truncate 100 times=2",
            "GET /qpi/api/jobs/* cut 0 p=0.5",
            "GET /qpi/api/qpus slow-body 250",
        ).forEach { FaultRule.parse(it).toSpec() shouldBe it }
        FaultRule.parse("GET /x corrupt").fault.toString() shouldBe "CorruptBody(garbage)"
        (FaultRule.parse("GET /x truncate 7").fault as Fault.TruncateBody).closeConnection shouldBe true
        (FaultRule.parse("GET /x cut 7").fault as Fault.TruncateBody).closeConnection shouldBe false
    }

    test("bad body-fault rules are refused, naming what is wrong") {
        shouldThrow<IllegalArgumentException> { FaultRule.parse("GET /x corrupt purple") }.message shouldBe "'corrupt' is followed by garbage or flip, was 'purple'"
        shouldThrow<IllegalArgumentException> { FaultRule.parse("GET /x corrupt garbage flips=2") }.message shouldBe "flips= belongs to a 'corrupt flip' fault"
        shouldThrow<IllegalArgumentException> { FaultRule.parse("GET /x truncate") }.message shouldBe "'truncate' needs a number after it (the bytes kept)"
        shouldThrow<IllegalArgumentException> { FaultRule.parse("GET /x cut -1") }.message shouldBe "'cut' takes 0 to ${Int.MAX_VALUE} bytes, was -1"
        shouldThrow<IllegalArgumentException> { FaultRule.parse("GET /x slow-body -5") }.message shouldBe "duration must not be negative, was PT-0.005S"
        shouldThrow<IllegalArgumentException> { Fault.CorruptBody(Fault.CorruptBody.Mode.FLIP_BYTES, flips = 0) }
    }

    test("body faults set over the admin route act on the next request and are listed with their counts") {
        val http = TestHttp(emulator.baseUrl)
        val clean = get(qpus).body()
        http.post("/_emulator/faults", "GET $qpus cut 5 times=1\nGET $qpus corrupt garbage times=1").status shouldBe 201
        get(qpus).body().toList() shouldBe clean.copyOf(5).toList()
        shouldThrow<SerializationException> { Json.parseToJsonElement(get(qpus).body().decodeToString()) }
        val listed = http.get("/_emulator/faults").arr.map { it.toString() }
        listed.size shouldBe 2
        listed.all { "\"applied\":1" in it } shouldBe true
        http.post("/_emulator/faults", "GET $qpus corrupt nonsense").status shouldBe 400
    }
})

/** Collects a body and counts how many deliveries it came in. */
private class CountingSubscriber(private val count: AtomicInteger) : HttpResponse.BodySubscriber<ByteArray> {
    private val delegate = HttpResponse.BodySubscribers.ofByteArray()

    override fun getBody() = delegate.body
    override fun onSubscribe(subscription: Flow.Subscription) = delegate.onSubscribe(subscription)
    override fun onNext(item: List<ByteBuffer>) {
        if (item.any { it.hasRemaining() }) count.incrementAndGet()
        delegate.onNext(item)
    }

    override fun onError(throwable: Throwable) = delegate.onError(throwable)
    override fun onComplete() = delegate.onComplete()
}
