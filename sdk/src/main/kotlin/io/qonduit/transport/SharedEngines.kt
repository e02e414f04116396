package io.qonduit.transport

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.ProxyBuilder
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.http.Url
import okhttp3.Dispatcher
import okhttp3.OkHttpClient
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.SynchronousQueue
import java.util.concurrent.ThreadPoolExecutor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * The process-wide HTTP clients every Qonduit client uses unless its [TransportConfig.engine] names
 * its own: one OkHttp client (HTTP/1.1, and HTTP/2 negotiated over TLS) per connect timeout and
 * proxy, created on first use and never closed, called directly by [OkHttpWire] and wrapped as a
 * Ktor engine for what goes through Ktor (OQTOPUS storage transfers).
 *
 * Why OkHttp and not the JDK `HttpClient`: on a machine with two cores or fewer the JDK client hands
 * every response to a thread it starts for it (its default async pool falls back to a thread per
 * task when the common pool has one worker: 22 132 threads for 22 107 requests), and a GET loop
 * over one connection to the emulator settled at 580–650 requests/s through the JDK engine against
 * 1 410–1 670 through OkHttp, with less CPU (2 cores, `EngineBench`; BENCHMARKS.md, item 4).
 *
 * Why shared: one connection pool and one dispatcher for the process, whose idle threads end on
 * their own, instead of a set per client. Sharing carries no state between clients: credentials
 * travel as per-request headers, there is no cookie jar or authenticator, and only connections are
 * common.
 *
 * What is set, and why: OkHttp's own retry of a failed connection is off (it may resend a request
 * the server already received — a second job; the transport alone decides what is retried), and
 * its read and write timeouts are off (a socket timeout of OkHttp's default 10 s would cut a slow
 * reply the transport's own request deadline allows). [OkHttpWire]'s blocking calls run on IO
 * threads, up to [MAX_IN_FLIGHT] at once; for the calls Ktor's engine makes, one dispatcher for
 * all: OkHttp runs each of those on a dispatcher thread and by default holds back all but 5 per
 * host, which would quietly cap concurrent transfers; its limit here, [MAX_IN_FLIGHT], only bounds
 * those threads. Those threads are daemons, unlike OkHttp's own:
 * a program's `main` (a script, a Java application) ends when it is done instead of waiting a
 * minute for idle HTTP threads. The connect timeout is part of the key because OkHttp applies it
 * per client, not per request.
 */
internal object SharedEngines {
    private data class Key(val connectTimeout: Duration, val proxy: String?)

    private val clients = ConcurrentHashMap<Key, OkHttpClient>()
    private val engines = ConcurrentHashMap<Key, HttpClientEngine>()

    /** Requests in flight at once in the process, per host and in all. */
    const val MAX_IN_FLIGHT: Int = 256

    private val threads = AtomicInteger()

    // OkHttp's own executor, save that its threads are daemons: idle ones end after a minute.
    private val requestThreads = Dispatcher(
        ThreadPoolExecutor(0, Int.MAX_VALUE, 60, TimeUnit.SECONDS, SynchronousQueue()) { task ->
            Thread(task, "OkHttp Dispatcher ${threads.incrementAndGet()}").apply { isDaemon = true }
        },
    ).apply {
        maxRequests = MAX_IN_FLIGHT
        maxRequestsPerHost = MAX_IN_FLIGHT
    }

    /** The OkHttp client for connections made within [connectTimeout], directly or through the HTTP [proxy]. */
    fun okHttp(connectTimeout: Duration, proxy: String? = null): OkHttpClient =
        clients.computeIfAbsent(Key(connectTimeout, proxy)) { key ->
            OkHttpClient.Builder()
                .apply { key.proxy?.let { proxy(ProxyBuilder.http(Url(it))) } }
                .dispatcher(requestThreads)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(key.connectTimeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .build()
        }

    /** A Ktor engine on the same client, connections and dispatcher (for calls made through Ktor). */
    fun get(connectTimeout: Duration, proxy: String? = null): HttpClientEngine =
        engines.computeIfAbsent(Key(connectTimeout, proxy)) { key ->
            OkHttp.create {
                preconfigured = okHttp(key.connectTimeout, key.proxy)
                config { dispatcher(requestThreads) } // Ktor's engine gives each client a dispatcher of its own otherwise
            }
        }
}
