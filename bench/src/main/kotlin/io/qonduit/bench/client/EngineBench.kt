package io.qonduit.bench.client

import io.ktor.client.HttpClient
import io.ktor.client.engine.HttpClientEngineFactory
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.java.Java
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.client.request.get
import io.ktor.client.request.header
import io.ktor.client.statement.bodyAsBytes
import io.qonduit.emulator.oqc.OqcEmulatorState
import kotlinx.coroutines.runBlocking
import java.lang.management.ManagementFactory

/**
 * Why the SDK's shared engine is OkHttp (issue 14, item 4): the same Ktor GET loop (`GET
 * /oqc/admin/qpu`, one request at a time, body read) through one Ktor engine — `okhttp`, `java`
 * (the JDK `HttpClient`) or `cio` — for [ROUNDS] rounds of [SECONDS] s, printing each round's
 * requests/s, then the process's CPU seconds and the threads it started. One engine per JVM, so
 * each pays its own JIT: run it once per engine against the same standalone emulator
 * (BENCHMARKS.md has the command). On two cores the JIT takes tens of seconds, hence 20 rounds.
 *
 * Arguments: the engine, the emulator's URL.
 */
internal object EngineBench {
    private const val ROUNDS = 20
    private const val SECONDS = 3.0

    @JvmStatic
    fun main(args: Array<String>) {
        require(args.size == 2) { "usage: EngineBench okhttp|java|cio EMULATOR_URL" }
        val (name, url) = args
        val engine: HttpClientEngineFactory<*> = when (name) {
            "okhttp" -> OkHttp
            "java" -> Java
            "cio" -> CIO
            else -> throw IllegalArgumentException("unknown engine $name: okhttp, java or cio")
        }
        val rates = runBlocking {
            HttpClient(engine) { expectSuccess = false }.use { client ->
                (1..ROUNDS).map {
                    val start = System.nanoTime()
                    var requests = 0
                    while (System.nanoTime() - start < SECONDS * 1e9) {
                        val response = client.get("$url/oqc/admin/qpu") { header("Authentication-Token", OqcEmulatorState.DEMO_TOKEN) }
                        check(response.status.value == 200) { "GET /oqc/admin/qpu answered ${response.status}" }
                        response.bodyAsBytes()
                        requests++
                    }
                    requests / ((System.nanoTime() - start) / 1e9)
                }
            }
        }
        val cpu = (ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean).processCpuTime / 1e9
        val threads = ManagementFactory.getThreadMXBean().totalStartedThreadCount
        println("$name: requests/s per round ${rates.joinToString(" ") { fmt(it, 0) }}")
        println("$name: last 5 rounds ${Spread.of(rates.takeLast(5)).format(0)} requests/s; ${fmt(rates.sum() * SECONDS, 0)} requests, ${fmt(cpu, 1)} CPU s, $threads threads started")
    }
}
